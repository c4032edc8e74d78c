package org.mammoembed.io.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mammoembed.core.CsvTable;
import org.mammoembed.core.EmbeddedImage;
import org.mammoembed.core.ImageRecord;
import org.mammoembed.core.Projection;
import org.mammoembed.io.JoinedCsvWriter;
import org.mammoembed.io.NpyWriter;

class StudyReportTest {
    @TempDir
    Path out;

    /** data.js parsed back: the object assigned to window.MAMMO_REPORT. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> data(Path folder) throws IOException {
        String js = Files.readString(folder.resolve("report/data.js"));
        assertTrue(js.startsWith("window.MAMMO_REPORT = ") && js.endsWith(";\n"));
        return new ObjectMapper().readValue(js.substring("window.MAMMO_REPORT = ".length(), js.length() - 2), Map.class);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRunFolderBecomesAPageWithItsDataAndAssets() throws Exception {
        SyntheticStudy study = new SyntheticStudy(40, 16, 2);
        study.writeRunFolder(out);
        ReportThumbnails thumbs = ReportThumbnails.in(out);
        float[] input = new float[3 * 224 * 224];
        SyntheticStudy.fillInput(input, 0, new java.util.Random(1));
        thumbs.write(study.images.get(0).record().relativePath(), input, 3, 224, 224);
        Path page = StudyReport.fromRunFolder(out).title("Density <study>").build().write(out);

        assertEquals(out.resolve("report.html"), page);
        String html = Files.readString(page);
        assertTrue(html.contains("<title>Density &lt;study&gt;</title>"), html);
        assertFalse(html.contains("http://") || html.contains("https://"), "the page links nothing remote");
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(
                "META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js")) {
            assertArrayEquals(in.readAllBytes(), Files.readAllBytes(out.resolve("report/echarts.min.js")));
        }
        assertTrue(Files.readString(out.resolve("report/echarts-LICENSE.txt")).contains("Apache License"));

        Map<String, Object> d = data(out);
        assertEquals(40, d.get("points"));
        assertEquals(16, d.get("dimension"));
        Map<String, Object> columns = (Map<String, Object>) d.get("columns");
        assertEquals(Set.of("accession", "birads", "path", "split", "view", "laterality", "thumb", "examFailed"),
                columns.keySet());
        CsvTable joined = CsvTable.read(out.resolve("joined.csv"));
        for (int i = 0; i < 40; i++) {
            CsvTable.Row r = joined.rows().get(i);
            assertEquals(r.field(joined.column("AccessionNumber")), ((List<?>) columns.get("accession")).get(i));
            assertEquals(r.field(joined.column("ImagePath")), ((List<?>) columns.get("path")).get(i));
            assertEquals(r.field(joined.column("Split")), ((List<?>) columns.get("split")).get(i));
            String b = r.field(joined.column("BI-RADS"));
            assertEquals(b.isEmpty() ? 0 : Integer.parseInt(b), ((List<?>) columns.get("birads")).get(i));
            Map<String, Map<String, List<Number>>> layouts = (Map<String, Map<String, List<Number>>>) d.get("layouts");
            double x = Double.parseDouble(r.field(joined.column("tsne_1")));
            assertEquals(x, layouts.get("tsne").get("x").get(i).doubleValue(), Math.abs(x) * 1e-4 + 1e-3);
        }
        List<String> names = (List<String>) columns.get("thumb");
        assertEquals(ReportThumbnails.fileName(study.images.get(0).record().relativePath()), names.get(0));
        assertEquals("", names.get(1), "no thumbnail was written for image 1");
        // exams 3, 14, 25, ... have failures in failures.csv; their images are flagged
        List<Integer> failed = (List<Integer>) columns.get("examFailed");
        for (int i = 0; i < 40; i++) {
            int exam = i / 4;
            assertEquals(exam >= 3 && (exam - 3) % 11 == 0 ? 1 : 0, failed.get(i), "image " + i);
        }
        Map<String, Object> summary = (Map<String, Object>) d.get("summary");
        assertEquals(study.failures.size(), summary.get("failures"));
        // 10 exams: exam 3 failed at read (odd exams read, even ones decode), plus one scan problem
        assertEquals(Map.of("read", 1, "scan", 1), summary.get("failuresByStage"));
        assertEquals(0.21, ((Map<String, Object>) d.get("clustering")).get("silhouette_score"));
        assertEquals(1, ((List<?>) ((Map<String, Object>) d.get("baselines")).get("embedding")).size());
        Map<String, Object> nn = (Map<String, Object>) d.get("neighbours");
        CosineNeighbours.Result expected = CosineNeighbours.of(study.features, 40, 16, 5);
        List<Number> index = (List<Number>) nn.get("index");
        for (int i = 0; i < 40 * 5; i++) {
            assertEquals(expected.indices()[i], index.get(i).intValue());
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void headerColumnsOfJoinedCsvNeverReachThePage() throws Exception {
        // a caller who asked for a patient-name tag column gets it in joined.csv, not in the report
        List<EmbeddedImage> images = List.of(
                new EmbeddedImage(0, new ImageRecord("E1", null, out.resolve("a"), "E1/a.dcm",
                        Map.of("Tag00100010", "DOE^JANE")), "CC", "L"),
                new EmbeddedImage(1, new ImageRecord("E2", null, out.resolve("b"), "E2/b.dcm",
                        Map.of("Tag00100010", "ROE^RICHARD")), "MLO", "R"));
        NpyWriter.write(out.resolve("features.npy"), new float[] {1, 0, 0, 1}, 2, 2);
        JoinedCsvWriter.builder().projection(new Projection("pca", new double[][] {{0, 1}, {1, 0}}, Map.of()))
                .build().write(out.resolve("joined.csv"), images);
        assertTrue(Files.readString(out.resolve("joined.csv")).contains("DOE^JANE"));
        StudyReport.fromRunFolder(out).build().write(out);
        String js = Files.readString(out.resolve("report/data.js"));
        assertFalse(js.contains("DOE") || js.contains("ROE") || js.contains("Tag0010"), js);
        assertEquals(List.of("pca"), List.copyOf(((Map<String, Object>) data(out).get("layouts")).keySet()));
    }

    @Test
    void inconsistentInputsAreRefusedNamingTheCounts() throws Exception {
        ReportRow row = new ReportRow("A", 1, "A/1.dcm", "train", "CC", "L");
        assertEquals("features have 2 rows but 1 report rows were given", assertThrows(
                IllegalArgumentException.class,
                () -> StudyReport.builder().rows(List.of(row)).features(new float[4], 2).build()).getMessage());
        assertEquals("projection 'pca' has 2 rows for 1 embeddings", assertThrows(IllegalArgumentException.class,
                () -> StudyReport.builder().rows(List.of(row)).features(new float[2], 2)
                        .projection(new Projection("pca", new double[2][2], Map.of())).build()).getMessage());
        assertEquals("kmeans has 3 labels for 1 rows", assertThrows(IllegalArgumentException.class,
                () -> StudyReport.builder().rows(List.of(row)).features(new float[2], 2).kmeans(new int[3])
                        .build()).getMessage());
        assertEquals("neighbours must be in [1, 50], got 0", assertThrows(IllegalArgumentException.class,
                () -> StudyReport.builder().neighbours(0)).getMessage());
        IOException missing = assertThrows(IOException.class, () -> StudyReport.fromRunFolder(out));
        assertTrue(missing.getMessage().contains("features.npy"), missing.getMessage());
        NpyWriter.write(out.resolve("features.npy"), new float[6], 3, 2);
        Files.writeString(out.resolve("joined.csv"), "AccessionNumber,ImagePath,EmbeddingIndex\nA,A/1,0\n");
        assertEquals("joined.csv has 1 rows but features.npy has 3",
                assertThrows(IOException.class, () -> StudyReport.fromRunFolder(out)).getMessage());
        Files.writeString(out.resolve("joined.csv"), "AccessionNumber,ImagePath,EmbeddingIndex\nA,A/1,2\nB,B/1,0\n"
                + "C,C/1,2\n");
        assertEquals("joined.csv line 4: EmbeddingIndex 2 appears twice",
                assertThrows(IOException.class, () -> StudyReport.fromRunFolder(out)).getMessage());
        Files.writeString(out.resolve("joined.csv"), "AccessionNumber,BI-RADS,ImagePath,EmbeddingIndex\n"
                + "A,2,A/1,2\nB,,B/1,0\nC,7,C/1,1\n");
        assertEquals("joined.csv line 4: BI-RADS '7' is not a density label (1-4 or A-D, or empty)",
                assertThrows(IOException.class, () -> StudyReport.fromRunFolder(out)).getMessage());
    }

    @Test
    @SuppressWarnings("unchecked")
    void joinedCsvRowsInAnyOrderMeetTheirFeatureRows() throws Exception {
        NpyWriter.write(out.resolve("features.npy"), new float[] {1, 0, 0, 1, 1, 1}, 3, 2);
        Files.writeString(out.resolve("joined.csv"), "AccessionNumber,BI-RADS,ImagePath,EmbeddingIndex\n"
                + "A,D,A/1,2\nB,,B/1,0\nC,1,C/1,1\n");
        StudyReport.fromRunFolder(out).build().write(out);
        Map<String, Object> columns = (Map<String, Object>) data(out).get("columns");
        // the page's points are in features.npy's order: row 0 is B's, row 1 C's, row 2 A's
        assertEquals(List.of("B", "C", "A"), columns.get("accession"));
        assertEquals(List.of(0, 1, 4), columns.get("birads"));
    }

    @Test
    void aStudyWithoutLayoutsStillGetsAPage() throws Exception {
        ReportRow a = new ReportRow("A", 1, "A/1.dcm", "train", "CC", "L");
        ReportRow b = new ReportRow("B", 2, "B/1.dcm", "test", "MLO", "R");
        StudyReport.builder().rows(List.of(a, b)).features(new float[][] {{1, 0}, {0.5f, 0.5f}}).build().write(out);
        assertTrue(Files.isRegularFile(out.resolve("report.html")));
        assertEquals(Map.of(), data(out).get("layouts"));
    }
}
