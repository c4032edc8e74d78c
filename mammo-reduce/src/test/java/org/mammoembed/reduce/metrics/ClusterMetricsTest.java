package org.mammoembed.reduce.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Against scikit-learn 1.2.1 (fixtures written by src/test/python/make_metrics_fixture.py). */
class ClusterMetricsTest {

    @ParameterizedTest
    @ValueSource(strings = {"four_classes", "with_singleton"})
    void matchesScikitLearnToOneMillionth(String name) throws IOException {
        List<double[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        try (BufferedReader r = open(name + ".csv")) {
            for (String line; (line = r.readLine()) != null; ) {
                String[] f = line.split(",");
                labels.add(Integer.parseInt(f[0]));
                double[] row = new double[f.length - 1];
                for (int j = 1; j < f.length; j++) {
                    row[j - 1] = Double.parseDouble(f[j]);
                }
                rows.add(row);
            }
        }
        String json;
        try (BufferedReader r = open(name + ".json")) {
            json = String.join("\n", r.lines().toList());
        }
        ClusterScores s = ClusterMetrics.of(rows.toArray(new double[0][]),
                labels.stream().mapToInt(Integer::intValue).toArray());
        assertRelative(number(json, "silhouette_score"), s.silhouette());
        assertRelative(number(json, "davies_bouldin_index"), s.daviesBouldin());
        assertRelative(number(json, "calinski_harabasz_score"), s.calinskiHarabasz());
        assertNull(s.reason());
    }

    @Test
    void sampledSilhouetteIsSeededAndCloseToExact() throws IOException {
        double[][] x = blobsOf(4, 60, 6, 11);
        int[] labels = new int[x.length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i / 60;
        }
        ClusterScores exact = ClusterMetrics.of(x, labels);
        assertEquals(exact, ClusterMetrics.of(x, labels, x.length, 1), "a sample of every row is exact");
        ClusterScores a = ClusterMetrics.of(x, labels, 120, 5);
        assertEquals(a, ClusterMetrics.of(x, labels, 120, 5));
        assertTrue(Math.abs(a.silhouette() - exact.silhouette()) < 0.05, a + " vs " + exact);
        assertTrue(a.silhouette() != exact.silhouette().doubleValue());
        assertEquals(exact.daviesBouldin(), a.daviesBouldin());
    }

    private static double[][] blobsOf(int blobs, int per, int dim, long seed) {
        java.util.Random r = new java.util.Random(seed);
        double[][] x = new double[blobs * per][dim];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < dim; j++) {
                x[i][j] = (i / per) * 2.0 + r.nextGaussian();
            }
        }
        return x;
    }

    @Test
    void degenerateLabellingsAreUndefinedWithReason() {
        double[][] x = {{0, 0}, {1, 0}, {0, 1}};
        ClusterScores one = ClusterMetrics.of(x, new int[] {4, 4, 4});
        assertNull(one.silhouette());
        assertTrue(one.reason().contains("2 distinct labels"), one.reason());
        ClusterScores all = ClusterMetrics.of(x, new int[] {1, 2, 3});
        assertNull(all.calinskiHarabasz());
        assertNotNull(all.reason());
        ClusterScores two = ClusterMetrics.of(new double[][] {{0}, {1}}, new int[] {1, 2});
        assertNull(two.daviesBouldin());
    }

    /** Hand-computed: two pairs on a line, {0, 1} and {10, 11}. */
    @Test
    void handComputedTwoPairs() {
        double[][] x = {{0}, {1}, {10}, {11}};
        ClusterScores s = ClusterMetrics.of(x, new int[] {1, 1, 2, 2});
        // a = 1 for all; b = 9.5 (rows 0 and 3: (10 + 11) / 2 = 10.5; rows 1 and 2: 9.5)
        double expected = ((10.5 - 1) / 10.5 + (9.5 - 1) / 9.5 + (9.5 - 1) / 9.5 + (10.5 - 1) / 10.5) / 4;
        assertEquals(expected, s.silhouette(), 1e-15);
        // intra = 0.5 each, centroids 10 apart
        assertEquals(0.1, s.daviesBouldin(), 1e-15);
        // between = 2 * 2 * 25 = 100, within = 4 * 0.25 = 1, (100 / 1) / (1 / 2)
        assertEquals(200.0, s.calinskiHarabasz(), 1e-12);
    }

    private static void assertRelative(double expected, Double actual) {
        assertNotNull(actual);
        assertEquals(expected, actual, 1e-6 * Math.abs(expected), "expected " + expected + " got " + actual);
    }

    private static double number(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\"\\s*:\\s*([-0-9.eE+]+)").matcher(json);
        assertTrue(m.find(), key);
        return Double.parseDouble(m.group(1));
    }

    private static BufferedReader open(String resource) {
        InputStream in = ClusterMetricsTest.class.getResourceAsStream("/org/mammoembed/reduce/metrics/" + resource);
        assertNotNull(in, resource);
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
}
