package org.mammoembed.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mammoembed.io.NpyWriter;

/**
 * {@code embeddings-baselines} on synthetic embeddings whose classes are well separated: the report files carry
 * the documented keys, and the classifiers find the separation (so the labels were joined to the right rows).
 */
class BaselinesCommandTest {
    private static final int EXAMS_PER_CLASS = 8;
    private static final int IMAGES_PER_EXAM = 2;
    private static final int D = 6;

    @TempDir
    Path tmp;

    @Test
    void writesReportAndJsonWithTheDocumentedKeys() throws Exception {
        Random rnd = new Random(3);
        Path features = tmp.resolve("features.npy");
        StringBuilder csv = new StringBuilder("AccessionNumber,BI-RADS,ImagePath,EmbeddingIndex,Split\n");
        int row = 0;
        try (NpyWriter npy = NpyWriter.create(features, D)) {
            for (int label = 1; label <= 4; label++) {
                for (int e = 0; e < EXAMS_PER_CLASS; e++) {
                    String acc = "E" + label + "_" + e;
                    for (int v = 0; v < IMAGES_PER_EXAM; v++) {
                        float[] x = new float[D];
                        for (int j = 0; j < D; j++) {
                            x[j] = (float) (0.3 * rnd.nextGaussian());
                        }
                        x[label - 1] += 4; // class k sits at 4 on axis k
                        npy.append(x);
                        csv.append(acc).append(',').append(label).append(',').append(acc).append("/v").append(v)
                                .append(".dcm,").append(row++).append(",train\n");
                    }
                }
            }
            npy.commit();
        }
        // an unlabelled row is skipped, not scored
        csv.append("U1,,U1/v0.dcm,0,train\n");
        Path joined = tmp.resolve("joined.csv");
        Files.writeString(joined, csv.toString());
        Path out = tmp.resolve("baselines");

        CliFixture.Result r = CliFixture.run("embeddings-baselines", "--features", features.toString(), "--csv",
                joined.toString(), "--outdir", out.toString(), "--folds", "4", "--seed", "5");
        assertEquals(0, r.status(), r::all);
        int n = 4 * EXAMS_PER_CLASS * IMAGES_PER_EXAM;
        assertTrue(r.out().contains("baselines on " + n + " images"), r.out());

        JsonNode b = new ObjectMapper().readTree(out.resolve("baselines.json").toFile());
        for (String k : List.of("settings", "embedding", "handcrafted", "best_embedding_model", "paired_t_test")) {
            assertTrue(b.has(k), "missing " + k + " in " + b);
        }
        assertEquals(4, b.get("settings").get("folds").asInt());
        assertEquals(5, b.get("settings").get("seed").asInt());
        assertEquals(n, b.get("settings").get("num_samples").asInt());
        assertEquals(4 * EXAMS_PER_CLASS, b.get("settings").get("num_exams").asInt());
        assertTrue(b.get("embedding").size() >= 3, b.get("embedding")::toString);
        for (JsonNode m : b.get("embedding")) {
            for (String k : List.of("model", "features", "balanced_accuracy", "accuracy", "macro_f1", "cohen_kappa",
                    "quadratic_weighted_kappa", "confusion_matrix", "per_fold_balanced_accuracy")) {
                assertTrue(m.has(k), "missing " + k + " in " + m);
            }
            assertEquals(4, m.get("per_fold_balanced_accuracy").size());
            double ba = m.get("balanced_accuracy").get("mean").asDouble();
            assertTrue(ba > 0.9, m.get("model").asText() + " balanced accuracy " + ba + " on separable classes");
            long total = 0;
            for (JsonNode line : m.get("confusion_matrix")) {
                for (JsonNode c : line) {
                    total += c.asLong();
                }
            }
            assertEquals(n, total, "every labelled image predicted once");
        }
        String report = Files.readString(out.resolve("report.md"));
        assertTrue(report.startsWith("#"), report);
        assertTrue(report.contains(b.get("best_embedding_model").asText()), report);
    }

    @Test
    void moreFoldsThanExamsIsAUsageError() throws Exception {
        Path features = tmp.resolve("f.npy");
        try (NpyWriter npy = NpyWriter.create(features, 2)) {
            for (int i = 0; i < 6; i++) {
                npy.append(new float[] {i, -i});
            }
            npy.commit();
        }
        StringBuilder csv = new StringBuilder("AccessionNumber,BI-RADS,ImagePath,EmbeddingIndex\n");
        for (int i = 0; i < 6; i++) {
            csv.append("E").append(i / 2).append(',').append(1 + i / 2).append(",p").append(i).append(',').append(i)
                    .append('\n');
        }
        Path joined = tmp.resolve("j.csv");
        Files.writeString(joined, csv.toString());
        CliFixture.Result r = CliFixture.run("embeddings-baselines", "--features", features.toString(), "--csv",
                joined.toString(), "--outdir", tmp.resolve("b").toString());
        assertEquals(2, r.status(), r::all);
        assertTrue(r.err().startsWith("embeddings-baselines: --folds 5 is more than the 3 labelled exams in "),
                r.err());
    }

    @Test
    void withTheDicomRootTheHandcraftedBaselineReadsEachLabelledImage() throws Exception {
        Path data = tmp.resolve("demo");
        CliFixture.Result demo = CliFixture.run("demo", "--outdir", data.toString(), "--data-only",
                "--exams-per-class", "3");
        assertEquals(0, demo.status(), demo::all);
        Path root = data.resolve("data/archive");
        java.util.Map<String, String> labels = new java.util.HashMap<>();
        for (String line : Files.readAllLines(data.resolve("data/classificacao.csv")).subList(1, 13)) {
            String[] f = line.split(",");
            labels.put(f[0], f[1]);
        }
        List<Path> images;
        try (var s = Files.walk(root)) {
            images = s.filter(p -> p.toString().endsWith(".dcm")).sorted().toList();
        }
        assertEquals(48, images.size());
        Random rnd = new Random(8);
        Path features = tmp.resolve("features.npy");
        StringBuilder csv = new StringBuilder("AccessionNumber,BI-RADS,ImagePath,EmbeddingIndex\n");
        try (NpyWriter npy = NpyWriter.create(features, D)) {
            for (int i = 0; i < images.size(); i++) {
                String rel = root.relativize(images.get(i)).toString().replace('\\', '/');
                String acc = rel.substring(0, rel.indexOf('/'));
                String label = labels.get(acc);
                int code = org.mammoembed.core.BiRadsDensity.parse(label).orElseThrow().code();
                float[] x = new float[D];
                for (int j = 0; j < D; j++) {
                    x[j] = (float) rnd.nextGaussian();
                }
                x[code - 1] += 4;
                npy.append(x);
                csv.append(acc).append(',').append(label).append(',').append(rel).append(',').append(i).append('\n');
            }
            npy.commit();
        }
        Path joined = Files.writeString(tmp.resolve("joined.csv"), csv.toString());
        Path out = tmp.resolve("baselines");
        CliFixture.Result r = CliFixture.run("embeddings-baselines", "--features", features.toString(), "--csv",
                joined.toString(), "--outdir", out.toString(), "--dicom-root", root.toString(), "--folds", "3");
        assertEquals(0, r.status(), r::all);
        JsonNode b = new ObjectMapper().readTree(out.resolve("baselines.json").toFile());
        assertEquals(48, b.get("settings").get("num_samples").asInt());
        assertTrue(b.get("handcrafted").size() >= 3, b.get("handcrafted")::toString);
        for (JsonNode m : b.get("handcrafted")) {
            assertEquals("handcrafted", m.get("features").asText(), m::toString);
            assertEquals(3, m.get("per_fold_balanced_accuracy").size());
        }
        assertTrue(b.get("paired_t_test").isObject(), b::toString);

        // a labelled image that cannot be read stops the baseline with the file's own error
        Files.write(images.get(5), new byte[] {1, 2, 3});
        CliFixture.Result broken = CliFixture.run("embeddings-baselines", "--features", features.toString(),
                "--csv", joined.toString(), "--outdir", tmp.resolve("b2").toString(), "--dicom-root",
                root.toString(), "--folds", "3");
        assertEquals(1, broken.status(), broken::all);
        assertTrue(broken.err().contains(images.get(5).getFileName().toString()), broken::all);
    }
}
