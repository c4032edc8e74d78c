package org.mammoembed.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mammoembed.embed.OnnxModels;
import org.mammoembed.io.NpyReader;
import org.mammoembed.io.report.ReportThumbnails;
import org.mammoembed.io.study.StudyAnalysis;

/**
 * {@code analyze} on the outputs of a finished run: the files {@code embed}'s analysis flags write, with the same
 * projections as an {@code embed} that asked for them.
 */
class AnalyzeCommandTest {
    @TempDir
    Path tmp;

    @Test
    void analyzesAFinishedRunInPlaceAndFromElsewhere() throws Exception {
        Path csv = CliFixture.study(tmp.resolve("data"), 2); // 8 exams, 32 images
        Path root = tmp.resolve("data/archive");
        Path model = CliFixture.tinyModel(tmp, CliFixture.MODEL_SEED);
        Path plain = tmp.resolve("plain");
        CliFixture.Result embed = CliFixture.run("embed", "--csv", csv.toString(), "--dicom-root", root.toString(),
                "--outdir", plain.toString(), "--model", model.toString(), "--save-csv", "--include-tags", "00080060");
        assertEquals(0, embed.status(), embed::all);
        Path withPca = tmp.resolve("with-pca");
        CliFixture.Result both = CliFixture.run("embed", "--csv", csv.toString(), "--dicom-root", root.toString(),
                "--outdir", withPca.toString(), "--model", model.toString(), "--save-csv", "--pca",
                "--include-tags", "00080060");
        assertEquals(0, both.status(), both::all);

        CliFixture.Result r = CliFixture.run("analyze", "--outdir", plain.toString(), "--pca", "--cluster",
                "--silhouette-sample", "16", "--aggregate", "mean");
        assertEquals(0, r.status(), r::all);
        assertTrue(ImageIO.read(plain.resolve("preview/pca_2d.png").toFile()) != null);
        List<Map<String, String>> joined = CliFixture.readCsv(plain.resolve("joined.csv"));
        assertEquals(32, joined.size());
        assertEquals("MG", joined.get(0).get("Tag00080060"), "other columns kept");
        assertEquals(CliFixture.readCsv(withPca.resolve("joined.csv")), joined, "same as embed --pca");
        JsonNode metrics = new ObjectMapper().readTree(plain.resolve("clustering_metrics.json").toFile());
        assertEquals(32, metrics.get("num_samples").asInt());
        assertArrayEquals(new long[] {8, 64}, NpyReader.read(plain.resolve("features_by_accession.npy")).shape());

        // features and joined.csv of another folder are copied in first
        Path elsewhere = tmp.resolve("elsewhere");
        CliFixture.Result copy = CliFixture.run("analyze", "--outdir", elsewhere.toString(), "--features",
                withPca.resolve("features.npy").toString(), "--csv", withPca.resolve("joined.csv").toString(),
                "--umap");
        assertEquals(0, copy.status(), copy::all);
        assertTrue(Files.isRegularFile(elsewhere.resolve("preview/umap_2d.png")));
        assertTrue(CliFixture.header(elsewhere.resolve("joined.csv")).contains("umap_1"));
        assertFalse(CliFixture.header(elsewhere.resolve("joined.csv")).contains("pca_1"), "old projections dropped");

        CliFixture.Result nothing = CliFixture.run("analyze", "--outdir", plain.toString());
        assertEquals(2, nothing.status(), nothing::all);
        assertTrue(nothing.err().startsWith("analyze: nothing to do"), nothing.err());
    }

    @Test
    void reportAfterTheRunGetsTheThumbnailsOfTheRunsOwnReport() throws Exception {
        Path csv = CliFixture.study(tmp.resolve("data"), 1); // 4 exams, 16 images
        Path model = CliFixture.tinyModel(tmp, CliFixture.MODEL_SEED);
        thumbnailsAfterTheRunAreTheRunsOwn(csv, model, "rgb");
    }

    @Test
    void aRunOfAOneChannelNetworkGetsItsOneChannelThumbnails() throws Exception {
        Path csv = CliFixture.study(tmp.resolve("data"), 1);
        Path model = tmp.resolve("tiny-grey.onnx");
        Files.write(model, OnnxModels.tinyResNetGrey(CliFixture.MODEL_SEED));
        thumbnailsAfterTheRunAreTheRunsOwn(csv, model, "grey");
        assertTrue(StudyAnalysis.recordedPreprocessing(tmp.resolve("grey-plain")).orElseThrow()
                .contains("channels=grey,"), "the run's own recipe is the 1-channel one");
    }

    private void thumbnailsAfterTheRunAreTheRunsOwn(Path csv, Path model, String name) throws Exception {
        Path root = tmp.resolve("data/archive");
        Path withReport = tmp.resolve(name + "-with-report");
        CliFixture.Result reported = CliFixture.run("embed", "--csv", csv.toString(), "--dicom-root",
                root.toString(), "--outdir", withReport.toString(), "--model", model.toString(), "--report");
        assertEquals(0, reported.status(), reported::all);
        Path plain = tmp.resolve(name + "-plain");
        CliFixture.Result embed = CliFixture.run("embed", "--csv", csv.toString(), "--dicom-root", root.toString(),
                "--outdir", plain.toString(), "--model", model.toString(), "--save-csv");
        assertEquals(0, embed.status(), embed::all);

        CliFixture.Result noReport = CliFixture.run("analyze", "--outdir", plain.toString(), "--pca",
                "--dicom-root", root.toString());
        assertEquals(2, noReport.status(), noReport::all);
        assertTrue(noReport.err().contains("--dicom-root makes thumbnails for --report"), noReport.err());

        CliFixture.Result r = CliFixture.run("analyze", "--outdir", plain.toString(), "--report", "--dicom-root",
                root.toString());
        assertEquals(0, r.status(), r::all);
        List<Map<String, String>> joined = CliFixture.readCsv(plain.resolve("joined.csv"));
        assertEquals(16, joined.size());
        for (Map<String, String> row : joined) {
            String rel = row.get("ImagePath");
            Path thumb = ReportThumbnails.in(plain).file(rel);
            assertTrue(Files.isRegularFile(thumb), rel);
            assertEquals(-1L, Files.mismatch(thumb, ReportThumbnails.in(withReport).file(rel)),
                    "the thumbnail embed --report makes: " + rel);
        }
    }
}
