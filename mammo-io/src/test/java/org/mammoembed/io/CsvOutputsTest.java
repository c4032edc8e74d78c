package org.mammoembed.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mammoembed.core.BiRadsDensity;
import org.mammoembed.core.CsvTable;
import org.mammoembed.core.EmbeddedImage;
import org.mammoembed.core.Failure;
import org.mammoembed.core.ImageRecord;
import org.mammoembed.core.Projection;
import org.mammoembed.core.Stage;

class CsvOutputsTest {
    @TempDir
    Path dir;

    static EmbeddedImage image(int index, String accession, BiRadsDensity d, String rel, Map<String, String> extra,
                               String view, String side) {
        return new EmbeddedImage(index, new ImageRecord(accession, d, Path.of("/data").resolve(rel), rel, extra),
                view, side);
    }

    @Test
    void joinedCsvHasTheDocumentedColumnsAndQuoting() throws Exception {
        Map<String, String> extra1 = new LinkedHashMap<>();
        extra1.put("Notes", "dense, \"left\"");
        extra1.put("Site", " north");
        List<EmbeddedImage> rows = List.of(
                image(0, "ACC1", BiRadsDensity.C, "ACC1/a b/1.dcm", extra1, "CC", "L"),
                image(1, "ACC2", null, "ACC2/x", Map.of("Other", "line1\nline2"), "", ""));
        Projection pca = new Projection("pca", new double[][] {{1.5, -2}, {0.25, 3e-7}}, Map.of());
        SplitAssignment split = SplitAssignment.builder().seed(7).build();
        Path f = dir.resolve("joined.csv");
        JoinedCsvWriter.builder().split(split).projection(pca).build().write(f, rows);
        String s1 = split.of("ACC1").label();
        String s2 = split.of("ACC2").label();
        String expected = "AccessionNumber,BI-RADS,ImagePath,EmbeddingIndex,Split,ViewPosition,ImageLaterality,"
                + "pca_1,pca_2,Notes,Site,Other\n"
                + "ACC1,3,ACC1/a b/1.dcm,0," + s1 + ",CC,L,1.5,-2.0,\"dense, \"\"left\"\"\",\" north\",\n"
                + "ACC2,,ACC2/x,1," + s2 + ",,,0.25,3.0E-7,,,\"line1\nline2\"\n";
        assertEquals(expected, Files.readString(f));
        CsvTable back = CsvTable.read(f);
        assertEquals("dense, \"left\"", back.rows().get(0).field(back.column("Notes")));
        assertEquals(" north", back.rows().get(0).field(back.column("Site")));
        assertEquals("line1\nline2", back.rows().get(1).field(back.column("Other")));
    }

    @Test
    void projectionWithWrongRowCountIsRefusedAndNothingWritten() {
        Projection bad = new Projection("tsne", new double[][] {{1, 2}}, Map.of());
        Path f = dir.resolve("joined.csv");
        JoinedCsvWriter w = JoinedCsvWriter.builder().projection(bad).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> w.write(f, List.of(
                image(0, "A", BiRadsDensity.A, "A/1", Map.of(), "", ""),
                image(1, "A", BiRadsDensity.A, "A/2", Map.of(), "", ""))));
        assertEquals("projection 'tsne' has 1 rows for 2 embeddings", e.getMessage());
        assertFalse(Files.exists(f));
    }

    @Test
    void failuresCsvListsEveryFailure() throws Exception {
        Path f = dir.resolve("failures.csv");
        FailuresCsv.write(f, List.of(
                new Failure("E1", "E1/x.dcm", Stage.DECODE, "DicomException", "JPEG 2000 stream truncated, at 12"),
                new Failure("", "", Stage.SCAN, "CsvFormat", "line 3: bad")));
        assertEquals("AccessionNumber,ImagePath,Stage,ErrorClass,Message\n"
                + "E1,E1/x.dcm,decode,DicomException,\"JPEG 2000 stream truncated, at 12\"\n"
                + ",,scan,CsvFormat,line 3: bad\n", Files.readString(f));
        Path empty = dir.resolve("none.csv");
        FailuresCsv.write(empty, List.of());
        assertEquals("AccessionNumber,ImagePath,Stage,ErrorClass,Message\n", Files.readString(empty));
    }

    @Test
    void failuresCsvReadsBackWhatWasWrittenWithColumnsInAnyOrder() throws Exception {
        List<Failure> failures = List.of(
                new Failure("E1", "E1/x.dcm", Stage.DECODE, "DicomException", "JPEG 2000 stream truncated, at 12"),
                new Failure("", "", Stage.SCAN, "CsvFormat", "line 3: \"quoted\"\nand two lines"),
                new Failure("E2", "E2/y.dcm", Stage.INFER, "ModelException", ""));
        Path f = dir.resolve("failures.csv");
        FailuresCsv.write(f, failures);
        assertEquals(failures, FailuresCsv.read(f));
        Path moved = dir.resolve("moved.csv");
        Files.writeString(moved, "Stage,Message,ErrorClass,ImagePath,AccessionNumber\nREAD,bad,X,E/1.dcm,E\n");
        assertEquals(List.of(new Failure("E", "E/1.dcm", Stage.READ, "X", "bad")), FailuresCsv.read(moved));
        assertEquals(List.of(), FailuresCsv.read(writeEmpty()));
    }

    @Test
    void failuresCsvThatIsNotOneIsRefusedByLine() throws Exception {
        Path noColumn = dir.resolve("a.csv");
        Files.writeString(noColumn, "AccessionNumber,ImagePath,Stage,Message\nE,E/1,read,bad\n");
        assertEquals("a.csv has no column ErrorClass; found [AccessionNumber, ImagePath, Stage, Message]",
                assertThrows(java.io.IOException.class, () -> FailuresCsv.read(noColumn)).getMessage());
        Path badStage = dir.resolve("b.csv");
        Files.writeString(badStage, String.join(",", FailuresCsv.COLUMNS) + "\nE,E/1,read,X,ok\nE,E/2,decoding,X,m\n");
        assertEquals("b.csv line 3: unknown stage 'decoding' (one of [scan, read, decode, preprocess, infer, write])",
                assertThrows(java.io.IOException.class, () -> FailuresCsv.read(badStage)).getMessage());
        Path unclosed = dir.resolve("c.csv");
        Files.writeString(unclosed, String.join(",", FailuresCsv.COLUMNS) + "\nE,E/1,read,X,\"never closed\n");
        String message = assertThrows(java.io.IOException.class, () -> FailuresCsv.read(unclosed)).getMessage();
        assertTrue(message.startsWith("c.csv, line 2: "), message);
    }

    private Path writeEmpty() throws Exception {
        Path empty = dir.resolve("empty.csv");
        FailuresCsv.write(empty, List.of());
        return empty;
    }

    @Test
    void projectionCsvForThreeDimensions() throws Exception {
        Path f = dir.resolve("umap_3d.csv");
        ProjectionCsv.write(f, List.of(image(0, "E", BiRadsDensity.D, "E/1", Map.of(), "", "")),
                new Projection("umap", new double[][] {{1, 2, Double.NaN}}, Map.of()));
        assertEquals("AccessionNumber,BI-RADS,ImagePath,EmbeddingIndex,umap_1,umap_2,umap_3\nE,4,E/1,0,1.0,2.0,\n",
                Files.readString(f));
    }

    @Test
    void splitIsDeterministicGroupedAndRoughlySeventyFifteenFifteen() {
        SplitAssignment a = SplitAssignment.builder().seed(42).build();
        SplitAssignment b = SplitAssignment.builder().seed(42).build();
        SplitAssignment other = SplitAssignment.builder().seed(43).build();
        Map<SplitAssignment.Split, Integer> counts = new EnumMap<>(SplitAssignment.Split.class);
        int differ = 0;
        int n = 20000;
        for (int i = 0; i < n; i++) {
            String acc = "ACC" + i;
            assertEquals(a.of(acc), b.of(acc));
            counts.merge(a.of(acc), 1, Integer::sum);
            differ += a.of(acc) != other.of(acc) ? 1 : 0;
        }
        // binomial standard deviation at n = 20000 is about 0.3 %; allow 1.5 %
        assertEquals(0.70, counts.get(SplitAssignment.Split.TRAIN) / (double) n, 0.015);
        assertEquals(0.15, counts.get(SplitAssignment.Split.VAL) / (double) n, 0.015);
        assertEquals(0.15, counts.get(SplitAssignment.Split.TEST) / (double) n, 0.015);
        assertTrue(differ > n / 4, "another seed gives another assignment");
    }

    @Test
    void splitHashFollowsTheDocumentedRule() throws Exception {
        // independent computation of the documented rule for one key
        byte[] h = java.security.MessageDigest.getInstance("SHA-256")
                .digest("42:ACC7".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        double u = (new java.math.BigInteger(1, java.util.Arrays.copyOf(h, 8)).shiftRight(11).doubleValue())
                / Math.pow(2, 53);
        SplitAssignment.Split expected = u < 0.70 ? SplitAssignment.Split.TRAIN
                : u < 0.85 ? SplitAssignment.Split.VAL : SplitAssignment.Split.TEST;
        assertEquals(expected, SplitAssignment.builder().build().of("ACC7"));
        assertThrows(IllegalArgumentException.class, () -> SplitAssignment.builder().trainFraction(0.9)
                .valFraction(0.2).build());
    }
}
