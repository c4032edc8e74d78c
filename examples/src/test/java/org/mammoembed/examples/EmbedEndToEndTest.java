package org.mammoembed.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mammoembed.embed.EmbeddingExtractor;
import org.mammoembed.io.NpyReader;

/**
 * {@code embed} with every option on, on a generated study of 8 exams (32 readable phantoms) plus one truncated
 * DICOM and one garbage {@code .dcm} (not DICOM by content: a scan problem, not an image): each output is checked for content, against the NPY spec, the inputs, or an independent
 * recomputation. Also: no patient identifier of the inputs reaches any output.
 */
class EmbedEndToEndTest {
    private static final int D = 64;
    private static final int IMAGES = 32;
    private static final List<String> PHI = List.of("Phantom^Patient", "PHI-ID-", "19700101");

    @TempDir
    static Path tmp;
    static Path root;
    static Path out;
    static Path cache;
    static Path model;
    static CliFixture.Result result;

    @BeforeAll
    static void runEmbed() throws Exception {
        Path csv = CliFixture.study(tmp.resolve("data"), 2);
        root = tmp.resolve("data/archive");
        byte[] garbage = new byte[3000];
        new Random(1).nextBytes(garbage);
        Files.write(root.resolve("DEMO0003/garbage.dcm"), garbage);
        byte[] whole = Files.readAllBytes(root.resolve("DEMO0003/L_CC.dcm"));
        Files.write(root.resolve("DEMO0003/truncated.dcm"), java.util.Arrays.copyOf(whole, whole.length / 2));
        model = CliFixture.tinyModel(tmp, CliFixture.MODEL_SEED);
        out = tmp.resolve("out");
        cache = tmp.resolve("cache");
        result = CliFixture.run("embed", "--csv", csv.toString(), "--dicom-root", root.toString(), "--outdir",
                out.toString(), "--model", model.toString(), "--save-csv", "--pca", "--tsne", "--umap", "--cluster",
                "--projection-3d", "--aggregate", "mean", "--batch-size", "8", "--seed", "42", "--device", "cpu",
                "--workers", "2", "--max-failures", "10", "--max-failure-rate", "0.5", "--cache", cache.toString());
        assertEquals(0, result.status(), result::all);
    }

    @Test
    void featuresNpyFollowsTheSpecAndHoldsTheNetworksOutput() throws Exception {
        byte[] bytes = Files.readAllBytes(out.resolve("features.npy"));
        // NPY 1.0: magic, version 1.0, little-endian header length, dict, space padding, '\n'; data 64-aligned
        assertArrayEquals(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}, java.util.Arrays.copyOf(bytes, 8));
        int headerLength = (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8;
        int dataOffset = 10 + headerLength;
        assertEquals(0, dataOffset % 64, "data offset must be a multiple of 64");
        String dict = new String(bytes, 10, headerLength, StandardCharsets.US_ASCII);
        assertEquals("{'descr': '<f4', 'fortran_order': False, 'shape': (" + IMAGES + ", " + D + "), }",
                dict.stripTrailing());
        assertEquals('\n', dict.charAt(dict.length() - 1));
        assertEquals((long) dataOffset + (long) IMAGES * D * 4, bytes.length);

        NpyReader.NpyArray a = NpyReader.read(out.resolve("features.npy"));
        assertArrayEquals(new long[] {IMAGES, D}, a.shape());
        List<Map<String, String>> joined = CliFixture.readCsv(out.resolve("joined.csv"));
        // rows 0, 17 and 31 against the network run on the file alone
        try (EmbeddingExtractor single = EmbeddingExtractor.builder().model(model).build()) {
            for (int i : new int[] {0, 17, 31}) {
                float[] expected = single.embed(root.resolve(joined.get(i).get("ImagePath")));
                assertArrayEquals(expected, CliFixture.row(a.data(), D, i), 1e-4f, "row " + i);
            }
        }
    }

    @Test
    void joinedCsvMatchesFeaturesRowByRow() throws Exception {
        List<String> header = CliFixture.header(out.resolve("joined.csv"));
        assertEquals(List.of("AccessionNumber", "BI-RADS", "ImagePath", "EmbeddingIndex", "Split", "ViewPosition",
                "ImageLaterality", "pca_1", "pca_2", "tsne_1", "tsne_2", "umap_1", "umap_2", "Site"), header);
        List<Map<String, String>> rows = CliFixture.readCsv(out.resolve("joined.csv"));
        assertEquals(IMAGES, rows.size());
        Map<String, Integer> labelOfExam = new LinkedHashMap<>();
        for (Map<String, String> r : CliFixture.readCsv(tmp.resolve("data/classificacao.csv"))) {
            String c = r.get("Classification");
            labelOfExam.put(r.get("AccessionNumber"), Character.isDigit(c.charAt(0)) ? c.charAt(0) - '0'
                    : c.charAt(0) - 'A' + 1);
        }
        Set<String> paths = new TreeSet<>();
        for (int i = 0; i < rows.size(); i++) {
            Map<String, String> r = rows.get(i);
            assertEquals(String.valueOf(i), r.get("EmbeddingIndex"));
            String acc = r.get("AccessionNumber");
            String path = r.get("ImagePath");
            assertTrue(path.matches(acc + "/[LR]_(CC|MLO)\\.dcm"), path);
            assertTrue(Files.isRegularFile(root.resolve(path)));
            paths.add(path);
            assertEquals(String.valueOf(labelOfExam.get(acc)), r.get("BI-RADS"), path);
            // the file name says what the header says
            assertEquals(path.substring(path.indexOf('/') + 1, path.indexOf('/') + 2), r.get("ImageLaterality"));
            assertEquals(path.substring(path.indexOf('_') + 1, path.indexOf('.')), r.get("ViewPosition"));
            assertTrue(Set.of("train", "val", "test").contains(r.get("Split")), r.get("Split"));
            assertEquals("phantom", r.get("Site"));
            for (String c : List.of("pca_1", "pca_2", "tsne_1", "tsne_2", "umap_1", "umap_2")) {
                assertTrue(Double.isFinite(Double.parseDouble(r.get(c))), c + " of row " + i);
            }
        }
        assertEquals(IMAGES, paths.size(), "each image once");
        // one split per exam
        Map<String, Set<String>> splits = rows.stream().collect(Collectors.groupingBy(r -> r.get("AccessionNumber"),
                Collectors.mapping(r -> r.get("Split"), Collectors.toSet())));
        splits.forEach((acc, s) -> assertEquals(1, s.size(), acc));
    }

    @Test
    void pcaColumnsAreThePrincipalComponentsOfTheFeatures() throws Exception {
        NpyReader.NpyArray a = NpyReader.read(out.resolve("features.npy"));
        List<Map<String, String>> rows = CliFixture.readCsv(out.resolve("joined.csv"));
        // PCA scores are centred and the first component carries at least the variance of the second
        double m1 = 0;
        double v1 = 0;
        double v2 = 0;
        for (Map<String, String> r : rows) {
            double p1 = Double.parseDouble(r.get("pca_1"));
            double p2 = Double.parseDouble(r.get("pca_2"));
            m1 += p1;
            v1 += p1 * p1;
            v2 += p2 * p2;
        }
        assertEquals(0, m1 / rows.size(), 1e-6);
        assertTrue(v1 >= v2);
        // total variance of the features bounds the variance the two components explain
        double total = 0;
        for (int j = 0; j < D; j++) {
            double mean = 0;
            for (int i = 0; i < IMAGES; i++) {
                mean += a.data()[i * D + j];
            }
            mean /= IMAGES;
            for (int i = 0; i < IMAGES; i++) {
                double d = a.data()[i * D + j] - mean;
                total += d * d;
            }
        }
        assertTrue(v1 + v2 <= total * (1 + 1e-6), (v1 + v2) + " > " + total);
        assertTrue(v1 > 0);
    }

    @Test
    void clusteringMetricsHaveTheDocumentedKeysAndRanges() throws Exception {
        JsonNode m = new ObjectMapper().readTree(out.resolve("clustering_metrics.json").toFile());
        for (String k : List.of("silhouette_score", "davies_bouldin_index", "calinski_harabasz_score", "num_samples",
                "num_features", "timestamp", "kmeans")) {
            assertTrue(m.has(k), "missing " + k);
        }
        double s = m.get("silhouette_score").asDouble();
        assertTrue(s >= -1 && s <= 1, "silhouette " + s);
        assertTrue(m.get("davies_bouldin_index").asDouble() >= 0);
        assertTrue(m.get("calinski_harabasz_score").asDouble() >= 0);
        assertEquals(IMAGES, m.get("num_samples").asInt());
        assertEquals(D, m.get("num_features").asInt());
        java.time.Instant.parse(m.get("timestamp").asText());
    }

    @Test
    void failuresCsvNamesTheGarbageAndTheTruncatedFile() throws Exception {
        assertEquals(List.of("AccessionNumber", "ImagePath", "Stage", "ErrorClass", "Message"),
                CliFixture.header(out.resolve("failures.csv")));
        List<Map<String, String>> f = CliFixture.readCsv(out.resolve("failures.csv"));
        assertEquals(2, f.size(), f::toString);
        // scan problems first: a file named .dcm that is not DICOM is reported, not silently skipped
        assertEquals("DEMO0003", f.get(0).get("AccessionNumber"));
        assertEquals("DEMO0003/garbage.dcm", f.get(0).get("ImagePath"));
        assertEquals("scan", f.get(0).get("Stage"), f.get(0)::toString);
        assertEquals("NotDicom", f.get(0).get("ErrorClass"), f.get(0)::toString);
        assertEquals("DEMO0003", f.get(1).get("AccessionNumber"));
        assertEquals("DEMO0003/truncated.dcm", f.get(1).get("ImagePath"));
        assertEquals("read", f.get(1).get("Stage"), f.get(1)::toString);
        assertEquals("DicomException", f.get(1).get("ErrorClass"), f.get(1)::toString);
        assertTrue(f.get(1).get("Message").contains("truncat") || f.get(1).get("Message").contains("ends"),
                f.get(1)::toString);
    }

    @Test
    void runJsonRecordsTheModelAndCounts() throws Exception {
        JsonNode run = new ObjectMapper().readTree(out.resolve("run.json").toFile());
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(model)));
        assertEquals(sha, run.get("model").get("sha256").asText());
        assertEquals(List.of(-1L, (long) D), toLongs(run.get("model").get("outputShape")));
        JsonNode counts = run.get("counts");
        assertEquals(IMAGES + 1, counts.get("images").asInt());
        assertEquals(IMAGES, counts.get("embedded").asInt());
        assertEquals(1, counts.get("failed").asInt());
        assertEquals(1, counts.get("scanProblems").asInt());
        assertEquals(42, run.get("seed").asLong());
        assertEquals("8", run.get("arguments").get("batch-size").asText());
        assertTrue(run.get("preprocessing").asText().startsWith("preprocessing/"));
        assertFalse(java.time.Instant.parse(run.get("finishedAt").asText())
                .isBefore(java.time.Instant.parse(run.get("startedAt").asText())));
        assertFalse(Files.exists(out.resolve(".checkpoint")), "checkpoint removed after a finished run");
    }

    private static List<Long> toLongs(JsonNode array) {
        List<Long> l = new ArrayList<>();
        array.forEach(n -> l.add(n.asLong()));
        return l;
    }

    @Test
    void runLogHasTimestampsAndTheSummary() throws Exception {
        List<String> lines = Files.readAllLines(out.resolve("run.log"));
        assertTrue(lines.size() >= 4);
        for (String l : lines) {
            assertTrue(l.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d) .*"), l);
        }
        String summary = "embedded " + IMAGES + " of " + (IMAGES + 1) + " images (1 failed, 1 scan problems)";
        assertTrue(lines.stream().anyMatch(l -> l.contains(summary)), "summary in run.log");
        assertTrue(result.out().contains(summary), result.out());
    }

    @Test
    void previewsAreRealImages() throws Exception {
        for (String name : List.of("pca_2d.png", "tsne_2d.png", "umap_2d.png", "embeddings_pca_tsne.png")) {
            BufferedImage img = ImageIO.read(out.resolve("preview").resolve(name).toFile());
            assertNotNull(img, name);
            assertTrue(img.getWidth() >= 200 && img.getHeight() >= 200, name);
            Set<Integer> colours = new java.util.HashSet<>();
            for (int y = 0; y < img.getHeight(); y += 3) {
                for (int x = 0; x < img.getWidth(); x += 3) {
                    colours.add(img.getRGB(x, y));
                }
            }
            assertTrue(colours.size() > 5, name + " is blank");
        }
        for (String m : List.of("pca", "tsne", "umap")) {
            List<Map<String, String>> p3 = CliFixture.readCsv(out.resolve(m + "_3d.csv"));
            assertEquals(IMAGES, p3.size(), m);
        }
    }

    @Test
    void featuresByAccessionAreTheMeanOfEachExamsRows() throws Exception {
        NpyReader.NpyArray images = NpyReader.read(out.resolve("features.npy"));
        NpyReader.NpyArray exams = NpyReader.read(out.resolve("features_by_accession.npy"));
        List<Map<String, String>> joined = CliFixture.readCsv(out.resolve("joined.csv"));
        List<Map<String, String>> examRows = CliFixture.readCsv(out.resolve("features_by_accession.csv"));
        assertArrayEquals(new long[] {8, D}, exams.shape());
        assertEquals(8, examRows.size());
        for (int e = 0; e < examRows.size(); e++) {
            String acc = examRows.get(e).get("AccessionNumber");
            double[] sum = new double[D];
            int n = 0;
            for (Map<String, String> r : joined) {
                if (r.get("AccessionNumber").equals(acc)) {
                    float[] row = CliFixture.row(images.data(), D, Integer.parseInt(r.get("EmbeddingIndex")));
                    for (int j = 0; j < D; j++) {
                        sum[j] += row[j];
                    }
                    n++;
                }
            }
            assertEquals(4, n, acc);
            float[] got = CliFixture.row(exams.data(), D, e);
            for (int j = 0; j < D; j++) {
                assertEquals(sum[j] / n, got[j], 1e-5 * Math.max(1, Math.abs(sum[j] / n)), acc + " column " + j);
            }
        }
    }

    @Test
    void noPatientIdentifierInAnyOutput() throws Exception {
        // the inputs do carry them (else this test proves nothing)
        String input = new String(Files.readAllBytes(root.resolve("DEMO0000/L_CC.dcm")), StandardCharsets.ISO_8859_1);
        for (String phi : PHI) {
            assertTrue(input.contains(phi), phi);
        }
        List<Path> files;
        try (Stream<Path> s = Stream.concat(Files.walk(out), Files.walk(cache))) {
            files = s.filter(Files::isRegularFile).toList();
        }
        assertTrue(files.size() >= 12, files::toString);
        assertTrue(files.contains(out.resolve("run.log")));
        for (Path f : files) {
            String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
            for (String phi : PHI) {
                assertFalse(text.contains(phi), phi + " in " + f);
            }
        }
        for (String phi : PHI) {
            assertFalse(result.all().contains(phi), phi + " printed");
        }
    }
}
