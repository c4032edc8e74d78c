package org.mammoembed.reduce;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mammoembed.core.Projection;

class TsneTest {
    private static Tsne fast(long seed) {
        return Tsne.builder().iterations(300).seed(seed).build();
    }

    @Test
    void separatedBlobsStaySeparatedAndEveryRowComesBack() {
        float[][] x = TestData.blobs(4, 25, 80, 6, 1);
        Projection p = Tsne.builder().seed(1).build().fitTransform(x);
        assertEquals(100, p.rows());
        assertEquals(2, p.dimensions());
        TestData.assertFinite(p.coordinates());
        assertTrue(TestData.nearestNeighbourAgreement(p.coordinates(), 25) > 0.95);
        assertEquals(50, p.details().get("pca_dimensions"));
        assertEquals(30.0, p.details().get("perplexity"));
        double kl = (Double) p.details().get("kl_divergence");
        assertTrue(kl >= 0 && kl < 1, "kl " + kl);
    }

    @Test
    void sameSeedGivesIdenticalOutputAndOtherSeedDiffers() {
        float[][] x = TestData.blobs(3, 20, 60, 3, 2);
        double[][] a = fast(9).fitTransform(x).coordinates();
        double[][] b = fast(9).fitTransform(x).coordinates();
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], b[i]);
        }
        double[][] c = fast(10).fitTransform(x).coordinates();
        boolean differs = false;
        for (int i = 0; i < a.length; i++) {
            differs |= !java.util.Arrays.equals(a[i], c[i]);
        }
        assertTrue(differs);
    }

    @Test
    void smallInputsWorkWithClampedPerplexity() {
        for (int n = 1; n <= 10; n++) {
            float[][] x = TestData.blobs(1, n, 70, 0, 100 + n);
            Projection p = fast(3).fitTransform(x);
            assertEquals(n, p.rows(), "n=" + n);
            TestData.assertFinite(p.coordinates());
            if (n > 1) {
                assertEquals((n - 1) / 3.0, (Double) p.details().get("perplexity"), 1e-12);
                boolean spread = false;
                for (double[] row : p.coordinates()) {
                    spread |= Math.abs(row[0] - p.coordinate(0, 0)) > 1e-6;
                }
                assertTrue(spread, "distinct rows must not collapse, n=" + n);
            }
        }
    }

    @Test
    void duplicateRowsGiveFiniteOutputAndDuplicatesStayTogether() {
        float[][] x = TestData.blobs(2, 10, 5, 10, 4);
        float[][] withCopies = new float[30][];
        for (int i = 0; i < 20; i++) {
            withCopies[i] = x[i];
        }
        for (int i = 20; i < 30; i++) {
            withCopies[i] = x[0].clone();
        }
        Projection p = fast(4).fitTransform(withCopies);
        TestData.assertFinite(p.coordinates());
        float[][] allSame = new float[12][4];
        Projection q = fast(4).fitTransform(allSame);
        assertEquals(12, q.rows());
        TestData.assertFinite(q.coordinates());
    }

    @Test
    void conditionalRowMatchesTargetPerplexity() {
        double[] distances = {0.5, 1.0, 1.2, 2.0, 2.5, 3.0, 4.0, 7.0};
        double[] row = PerplexityCalibration.conditionalRow(distances, 3.0);
        double sum = 0;
        double entropy = 0;
        for (double p : row) {
            sum += p;
            entropy -= p > 0 ? p * Math.log(p) : 0;
        }
        assertEquals(1.0, sum, 1e-12);
        assertEquals(3.0, Math.exp(entropy), 1e-3);
        assertFalse(row[0] < row[7], "nearer neighbours get more probability");
    }

    @Test
    void optionsAreValidated() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tsne.builder().perplexity(-1));
        assertTrue(e.getMessage().contains("perplexity") && e.getMessage().contains("-1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tsne.builder().iterations(0));
        assertTrue(e.getMessage().contains("iterations"), e.getMessage());
    }
}
