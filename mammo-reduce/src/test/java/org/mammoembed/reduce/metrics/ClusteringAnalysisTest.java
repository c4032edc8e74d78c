package org.mammoembed.reduce.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ClusteringAnalysisTest {

    private static double[][] blobs(int blobs, int per, int dim, double sep, long seed) {
        Random r = new Random(seed);
        double[][] c = new double[blobs][dim];
        for (double[] row : c) {
            for (int j = 0; j < dim; j++) {
                row[j] = r.nextGaussian() * sep;
            }
        }
        double[][] x = new double[blobs * per][dim];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < dim; j++) {
                x[i][j] = c[i / per][j] + r.nextGaussian();
            }
        }
        return x;
    }

    @Test
    void sweepFindsTheTrueNumberOfBlobsAndIsDeterministic() {
        double[][] x = blobs(4, 30, 10, 8, 11);
        int[] labels = new int[x.length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = 1 + i / 30;
        }
        Clock fixed = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);
        ClusteringAnalysis analysis = ClusteringAnalysis.builder().seed(3).clock(fixed).build();
        ClusteringReport report = analysis.run(x, labels);
        assertEquals(4, report.bestK());
        assertEquals(6, report.sweep().size());
        assertTrue(report.labelScores().silhouette() > 0.5);
        // inertia falls as k grows
        for (int s = 1; s < report.sweep().size(); s++) {
            assertTrue(report.sweep().get(s).inertia() <= report.sweep().get(s - 1).inertia() + 1e-9);
        }
        Map<String, Object> m = report.toMap();
        assertEquals("2026-01-02T03:04:05Z", m.get("timestamp"));
        assertEquals(120, m.get("num_samples"));
        assertEquals(10, m.get("num_features"));
        assertEquals(4, ((Map<?, ?>) m.get("kmeans")).get("best_k"));
        ClusteringReport again = analysis.run(x, labels);
        assertEquals(report.sweep(), again.sweep());
        KMeans a = KMeans.fit(x, 4, 10, 3);
        KMeans b = KMeans.fit(x, 4, 10, 3);
        assertArrayEquals(a.labels(), b.labels());
        // the 4 k-means clusters are the 4 blobs
        for (int i = 0; i < x.length; i++) {
            assertEquals(a.labels()[(i / 30) * 30], a.labels()[i]);
        }
    }

    @Test
    void tinyInputsGiveReasonsNotExceptions() {
        double[][] x = {{0, 1}, {2, 3}};
        ClusteringReport report = ClusteringAnalysis.builder().build().run(x, new int[] {1, 1});
        assertNull(report.labelScores().silhouette());
        assertNull(report.bestK());
        for (KMeansSweep s : report.sweep()) {
            assertNull(s.scores().silhouette());
            assertTrue(s.scores().reason() != null);
        }
        assertTrue(report.toMap().containsKey("kmeans"));
        ClusteringReport one = ClusteringAnalysis.builder().build().run(new double[][] {{1}}, new int[] {2});
        assertEquals(1, one.numSamples());
    }

    @Test
    void optionsAreValidated() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClusteringAnalysis.builder().minK(5).maxK(3).build());
        assertTrue(e.getMessage().contains("maxK") && e.getMessage().contains("3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ClusteringAnalysis.builder().restarts(0));
        assertTrue(e.getMessage().contains("restarts"), e.getMessage());
    }
}
