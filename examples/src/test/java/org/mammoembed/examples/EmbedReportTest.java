package org.mammoembed.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mammoembed.core.DecodedImage;
import org.mammoembed.dicom.DicomFileReader;
import org.mammoembed.embed.Preprocessing;
import org.mammoembed.io.report.ReportThumbnails;

/**
 * {@code embed --report} with the real extractor (tiny network): the page and its assets, one thumbnail per
 * embedded image made from the network input during extraction (identical to one made from an independent
 * decode + preprocess of the same file), the k-means colouring from the clustering metrics' best k, and
 * thumbnails written at most once when a run goes into the same folder again.
 */
class EmbedReportTest {
    @TempDir
    static Path tmp;
    static Path root;
    static Path out;
    static Path csv;
    static Path model;

    @BeforeAll
    static void runEmbedWithReport() throws Exception {
        csv = CliFixture.study(tmp.resolve("data"), 1);
        root = tmp.resolve("data/archive");
        model = CliFixture.tinyModel(tmp, CliFixture.MODEL_SEED);
        out = tmp.resolve("out");
        CliFixture.Result r = CliFixture.run("embed", "--csv", csv.toString(), "--dicom-root", root.toString(),
                "--outdir", out.toString(), "--model", model.toString(), "--pca", "--cluster", "--report",
                "--batch-size", "4", "--workers", "2");
        assertEquals(0, r.status(), r::all);
    }

    static JsonNode data() throws Exception {
        String js = Files.readString(out.resolve("report/data.js"));
        String prefix = "window.MAMMO_REPORT = ";
        assertTrue(js.startsWith(prefix));
        return new ObjectMapper().readTree(js.substring(prefix.length(), js.lastIndexOf(';')));
    }

    @Test
    void thePageShowsEveryImageWithItsThumbnailAndClusters() throws Exception {
        assertTrue(Files.isRegularFile(out.resolve("report.html")));
        assertTrue(Files.isRegularFile(out.resolve("report/echarts.min.js")));
        List<Map<String, String>> joined = CliFixture.readCsv(out.resolve("joined.csv"));
        JsonNode d = data();
        assertEquals(joined.size(), d.get("points").asInt());
        JsonNode thumbs = d.get("columns").get("thumb");
        for (int i = 0; i < joined.size(); i++) {
            String rel = joined.get(i).get("ImagePath");
            assertEquals(ReportThumbnails.fileName(rel), thumbs.get(i).asText(), "thumbnail of " + rel);
        }
        JsonNode kmeans = d.get("columns").get("kmeans");
        int bestK = new ObjectMapper().readTree(out.resolve("clustering_metrics.json").toFile())
                .get("kmeans").get("best_k").asInt();
        java.util.Set<Integer> clusters = new java.util.TreeSet<>();
        kmeans.forEach(k -> clusters.add(k.asInt()));
        assertEquals(joined.size(), kmeans.size());
        assertEquals(bestK, clusters.size(), "k-means labels at the metrics' best k: " + clusters);
        assertTrue(d.get("layouts").has("pca"));
        assertEquals(5, d.get("neighbours").get("k").asInt());
    }

    @Test
    void aThumbnailIsTheNetworkInputOfItsImage() throws Exception {
        String rel = CliFixture.readCsv(out.resolve("joined.csv")).get(5).get("ImagePath");
        DecodedImage image = DicomFileReader.create().read(root.resolve(rel), 0);
        Preprocessing p = Preprocessing.defaults();
        float[] input = new float[p.channels() * p.height() * p.width()];
        p.apply(image, input, 0);
        ReportThumbnails independent = ReportThumbnails.in(tmp.resolve("independent"));
        independent.write(rel, input, p.channels(), p.height(), p.width());
        assertArrayEquals(Files.readAllBytes(independent.file(rel)),
                Files.readAllBytes(ReportThumbnails.in(out).file(rel)));
    }

    @Test
    void aSecondRunIntoTheFolderKeepsTheThumbnailsItHas() throws Exception {
        Path again = tmp.resolve("again");
        CliFixture.Result first = CliFixture.run("embed", "--csv", csv.toString(), "--dicom-root", root.toString(),
                "--outdir", again.toString(), "--model", model.toString(), "--report", "--batch-size", "4");
        assertEquals(0, first.status(), first::all);
        String rel = CliFixture.readCsv(again.resolve("joined.csv")).get(0).get("ImagePath");
        Path thumb = ReportThumbnails.in(again).file(rel);
        FileTime old = FileTime.fromMillis(1_000_000L);
        Files.setLastModifiedTime(thumb, old);
        CliFixture.Result second = CliFixture.run("embed", "--csv", csv.toString(), "--dicom-root", root.toString(),
                "--outdir", again.toString(), "--model", model.toString(), "--report", "--batch-size", "4",
                "--overwrite");
        assertEquals(0, second.status(), second::all);
        assertEquals(old, Files.getLastModifiedTime(thumb), "the thumbnail was written again");
        assertTrue(data(again).get("columns").get("thumb").get(0).asText().endsWith(".png"));
    }

    static JsonNode data(Path folder) throws Exception {
        String js = Files.readString(folder.resolve("report/data.js"));
        return new ObjectMapper().readTree(js.substring("window.MAMMO_REPORT = ".length(), js.lastIndexOf(';')));
    }
}
