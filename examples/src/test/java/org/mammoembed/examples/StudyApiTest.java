package org.mammoembed.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mammoembed.core.Aggregation;
import org.mammoembed.embed.EmbeddingExtractor;
import org.mammoembed.io.JsonOutput;
import org.mammoembed.io.study.EmbeddingStudy;
import org.mammoembed.io.study.FailureBudget;
import org.mammoembed.io.study.StudyResult;
import org.mammoembed.reduce.Analysis;

/**
 * The CLI's {@code embed} and the library's study API, given the same inputs and options, write the same files
 * byte for byte (run.json and run.log aside: they hold times); run.json records typed effective options.
 */
class StudyApiTest {
    @TempDir
    Path tmp;

    @Test
    void cliAndApiWriteTheSameFiles() throws Exception {
        Path csv = CliFixture.study(tmp.resolve("data"), 1);
        Path root = tmp.resolve("data/archive");
        // one unreadable image, so failures.csv has a row to compare
        Path cut = root.resolve("DEMO0001/L_CC.dcm");
        byte[] b = Files.readAllBytes(cut);
        Files.write(cut, java.util.Arrays.copyOf(b, b.length - 500));
        Path model = CliFixture.tinyModel(tmp, CliFixture.MODEL_SEED);

        Path cliOut = tmp.resolve("cli");
        CliFixture.Result r = CliFixture.run("embed", "--csv", csv.toString(), "--dicom-root", root.toString(),
                "--outdir", cliOut.toString(), "--model", model.toString(), "--save-csv", "--pca", "--tsne",
                "--projection-3d", "--aggregate", "mean", "--batch-size", "4", "--workers", "1");
        assertEquals(0, r.status(), r::all);

        Path apiOut = tmp.resolve("api");
        StudyResult result;
        try (EmbeddingExtractor ex = EmbeddingExtractor.builder().model(model).batchSize(4).workers(1).build()) {
            result = EmbeddingStudy.builder()
                    .dataset(csv, root)
                    .embedder(ex)
                    .outputDir(apiOut)
                    .failureBudget(FailureBudget.maxRate(0.20))
                    .analysis(Analysis.builder().pca().tsne().projections3d(true).build())
                    .aggregate(Aggregation.MEAN)
                    .run();
        }
        assertEquals(15, result.embedded());
        assertEquals(1, result.failed());
        assertEquals(16, result.computed());
        assertEquals(List.of(new StudyResult.FailureCount("read", "DicomException", 1)), result.failuresByKind());
        for (String f : List.of("features.npy", "joined.csv", "failures.csv", "pca_3d.csv", "tsne_3d.csv",
                "features_by_accession.npy", "features_by_accession.csv", "preview/pca_2d.png",
                "preview/tsne_2d.png", "preview/embeddings_pca_tsne.png")) {
            assertArrayEquals(Files.readAllBytes(cliOut.resolve(f)), Files.readAllBytes(apiOut.resolve(f)), f);
        }
        assertTrue(Files.readString(apiOut.resolve("run.log")).contains("failed image: DEMO0001/L_CC.dcm"));

        Map<String, Object> run = JsonOutput.readObject(cliOut.resolve("run.json"));
        @SuppressWarnings("unchecked")
        Map<String, Object> options = (Map<String, Object>) run.get("options");
        assertEquals(42, options.get("seed"));
        assertEquals(true, options.get("joinedCsv"));
        assertEquals("mean", options.get("aggregate"));
        @SuppressWarnings("unchecked")
        Map<String, Object> embedder = (Map<String, Object>) options.get("embedder");
        assertEquals(4, embedder.get("batchSize"));
        assertEquals(1, embedder.get("workers"));
        @SuppressWarnings("unchecked")
        Map<String, Object> budget = (Map<String, Object>) options.get("failureBudget");
        assertEquals(0.2, budget.get("maxFailureRate"));
        assertEquals(null, budget.get("maxFailures"));
        @SuppressWarnings("unchecked")
        Map<String, Object> counts = (Map<String, Object>) run.get("counts");
        assertEquals(16, counts.get("computed"));
        assertEquals(0, counts.get("reusedFromCheckpoint"));
    }

    @Test
    void analysisOnExistingOutputsWritesWhatEmbedWithTheAnalysisWrites() throws Exception {
        Path csv = CliFixture.study(tmp.resolve("data"), 1);
        Path root = tmp.resolve("data/archive");
        Path model = CliFixture.tinyModel(tmp, CliFixture.MODEL_SEED);
        Path withPca = tmp.resolve("with");
        CliFixture.Result r = CliFixture.run("embed", "--csv", csv.toString(), "--dicom-root", root.toString(),
                "--outdir", withPca.toString(), "--model", model.toString(), "--save-csv", "--pca", "--umap",
                "--cluster", "--aggregate", "max", "--workers", "1");
        assertEquals(0, r.status(), r::all);
        Path plain = tmp.resolve("plain");
        r = CliFixture.run("embed", "--csv", csv.toString(), "--dicom-root", root.toString(), "--outdir",
                plain.toString(), "--model", model.toString(), "--save-csv", "--workers", "1");
        assertEquals(0, r.status(), r::all);

        org.mammoembed.core.AnalysisResult a = org.mammoembed.io.study.StudyAnalysis.onOutputs(plain)
                .analysis(Analysis.builder().pca().umap().clustering().build())
                .aggregate(Aggregation.MAX)
                .run();
        assertEquals(2, a.projections2d().size());
        for (String f : List.of("joined.csv", "preview/pca_2d.png", "preview/umap_2d.png",
                "features_by_accession.npy", "features_by_accession.csv")) {
            assertArrayEquals(Files.readAllBytes(withPca.resolve(f)), Files.readAllBytes(plain.resolve(f)), f);
        }
        Map<String, Object> m1 = JsonOutput.readObject(withPca.resolve("clustering_metrics.json"));
        Map<String, Object> m2 = JsonOutput.readObject(plain.resolve("clustering_metrics.json"));
        m1.remove("timestamp");
        m2.remove("timestamp");
        assertEquals(m1, m2);
    }

    @Test
    void aFailedStartLeavesTheFolderForTheRerun() throws Exception {
        Path csv = CliFixture.study(tmp.resolve("data"), 1);
        Path root = tmp.resolve("data/archive");
        Path bad = tmp.resolve("bad.onnx");
        Files.writeString(bad, "not a model");
        Path out = tmp.resolve("out");
        CliFixture.Result r = CliFixture.run("embed", "--csv", csv.toString(), "--dicom-root", root.toString(),
                "--outdir", out.toString(), "--model", bad.toString());
        assertEquals(1, r.status(), r::all);
        assertTrue(Files.notExists(out), "nothing created by a run that could not start");
        Path model = CliFixture.tinyModel(tmp, CliFixture.MODEL_SEED);
        r = CliFixture.run("embed", "--csv", csv.toString(), "--dicom-root", root.toString(),
                "--outdir", out.toString(), "--model", model.toString(), "--workers", "1");
        assertEquals(0, r.status(), r::all);
        assertTrue(r.out().contains("embedded 16 of 16 images (0 failed, 0 scan problems); this run computed 16,"
                + " reused 0 (checkpoint 0, cache 0)"), r.out());
    }

    @Test
    void theBuiltInModelIsDataInRunJson() throws Exception {
        Path csv = CliFixture.study(tmp.resolve("data"), 1);
        Path three = tmp.resolve("one.csv");
        Files.writeString(three, "AccessionNumber,Classification\nDEMO0000,A\n");
        Path out = tmp.resolve("builtin");
        try (EmbeddingExtractor ex = EmbeddingExtractor.builder().builtInResNet50(3).batchSize(4).build()) {
            EmbeddingStudy.builder().dataset(three, tmp.resolve("data/archive")).embedder(ex).outputDir(out).run();
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> model = (Map<String, Object>) JsonOutput.readObject(out.resolve("run.json")).get("model");
        assertEquals("built-in", model.get("source"));
        assertEquals("resnet50", model.get("name"));
        assertEquals("random", model.get("weights"));
        assertEquals(3, model.get("weightSeed"));
        assertTrue(Files.exists(csv));
    }
}
