package org.mammoembed.reduce;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mammoembed.core.Projection;

class PcaTest {

    /** Cross of points on the axes of a 3-D space: variances 2 (x) and 0.4 (y), 0 (z), computable by hand. */
    @Test
    void handCheckableCrossGivesAxesAndVarianceRatios() {
        float[][] x = {{-2, 0, 0}, {-1, 0, 0}, {1, 0, 0}, {2, 0, 0}, {0, 1, 0}, {0, -1, 0}};
        Projection p = Pca.builder().build().fitTransform(x);
        for (int i = 0; i < x.length; i++) {
            assertEquals(x[i][0], p.coordinates()[i][0], 1e-9);
            assertEquals(x[i][1], p.coordinates()[i][1], 1e-9);
        }
        @SuppressWarnings("unchecked")
        List<Double> ratio = java.util.Arrays.stream(p.explainedVarianceRatio().orElseThrow()).boxed().toList();
        assertEquals(2.0 / 2.4, ratio.get(0), 1e-12);
        assertEquals(0.4 / 2.4, ratio.get(1), 1e-12);
        @SuppressWarnings("unchecked")
        List<Double> variance = (List<Double>) p.details().get("explained_variance");
        assertEquals(2.0, variance.get(0), 1e-12);
    }

    /** A sign flip of the input flips the data but not the axes' orientation rule: scores flip. */
    @Test
    void signConventionMakesLargestCoefficientPositive() {
        float[][] x = {{2, 0}, {-2, 0}, {1, 0.1f}, {-1, -0.1f}};
        float[][] negated = new float[x.length][];
        for (int i = 0; i < x.length; i++) {
            negated[i] = new float[] {-x[i][0], -x[i][1]};
        }
        double[][] a = Pca.builder().build().fitTransform(x).coordinates();
        double[][] b = Pca.builder().build().fitTransform(negated).coordinates();
        for (int i = 0; i < x.length; i++) {
            assertEquals(-a[i][0], b[i][0], 1e-9);
        }
        assertTrue(a[0][0] > 0, "row (2, 0) must score positive on an axis whose largest coefficient is +x");
    }

    @Test
    void randomizedSolverRecoversLowRankStructureInHighDimension() {
        // rank-2 signal in 300 dims plus small noise: the two components carry nearly all the variance
        java.util.Random r = new java.util.Random(3);
        int n = 400;
        int d = 300;
        double[] u = new double[d];
        double[] v = new double[d];
        for (int j = 0; j < d; j++) {
            u[j] = r.nextGaussian();
            v[j] = r.nextGaussian();
        }
        float[][] x = new float[n][d];
        for (int i = 0; i < n; i++) {
            double s = 5 * r.nextGaussian();
            double t = 2 * r.nextGaussian();
            for (int j = 0; j < d; j++) {
                x[i][j] = (float) (s * u[j] + t * v[j] + 0.01 * r.nextGaussian());
            }
        }
        Projection p = Pca.builder().components(3).build().fitTransform(x);
        @SuppressWarnings("unchecked")
        List<Double> ratio = java.util.Arrays.stream(p.explainedVarianceRatio().orElseThrow()).boxed().toList();
        double sum = ratio.get(0) + ratio.get(1) + ratio.get(2);
        assertTrue(sum <= 1.0 + 1e-12, "ratios sum to " + sum);
        assertTrue(ratio.get(0) + ratio.get(1) > 0.999, "ratios " + ratio);
        assertTrue(ratio.get(0) > ratio.get(1) && ratio.get(1) > ratio.get(2), "descending " + ratio);
        assertEquals(n, p.rows());
        assertEquals(3, p.dimensions());
    }

    @Test
    void deterministicForSeedAndWhitenGivesUnitVariance() {
        float[][] x = TestData.blobs(3, 30, 64, 4, 7);
        Pca pca = Pca.builder().whiten(true).seed(5).build();
        double[][] a = pca.fitTransform(x).coordinates();
        double[][] b = pca.fitTransform(x).coordinates();
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], b[i]);
        }
        for (int c = 0; c < 2; c++) {
            double ss = 0;
            for (double[] row : a) {
                ss += row[c] * row[c];
            }
            assertEquals(1.0, ss / (a.length - 1), 1e-9);
        }
    }

    @Test
    void smallAndDegenerateInputsGiveOneFiniteRowPerInput() {
        for (int n = 1; n <= 10; n++) {
            float[][] x = TestData.blobs(1, n, 20, 0, n);
            Projection p = Pca.builder().build().fitTransform(x);
            assertEquals(n, p.rows());
            assertEquals(2, p.dimensions());
            TestData.assertFinite(p.coordinates());
        }
        float[][] same = new float[5][8];
        for (float[] row : same) {
            java.util.Arrays.fill(row, 3f);
        }
        Projection p = Pca.builder().whiten(true).build().fitTransform(same);
        TestData.assertFinite(p.coordinates());
        assertEquals(List.of(0.0, 0.0), java.util.Arrays.stream(p.explainedVarianceRatio().orElseThrow()).boxed().toList());
    }

    @Test
    void optionsAreValidatedWithNameAndValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Pca.builder().components(4));
        assertTrue(e.getMessage().contains("components") && e.getMessage().contains("4"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Pca.builder().build().fitTransform(new float[][] {{1, 2}, {3}}));
        assertTrue(e.getMessage().contains("row 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Pca.builder().build().fitTransform(new float[][] {{1, Float.NaN}}));
        assertTrue(e.getMessage().contains("not finite"), e.getMessage());
    }
}
