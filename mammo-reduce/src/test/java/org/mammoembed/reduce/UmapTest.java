package org.mammoembed.reduce;

import org.mammoembed.reduce.internal.Distances;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mammoembed.core.Projection;

class UmapTest {
    private static Umap fast(int neighbours, long seed) {
        return Umap.builder().neighbours(neighbours).epochs(200).seed(seed).build();
    }

    /** umap-learn's find_ab_params(spread=1, min_dist=0.1) gives a = 1.5769, b = 0.8951. */
    @Test
    void curveParametersMatchUmapLearn() {
        UmapCurve curve = UmapCurve.fit(0.1, 1.0);
        assertEquals(1.5769, curve.a(), 2e-3);
        assertEquals(0.8951, curve.b(), 2e-3);
    }

    @Test
    void disconnectedBlobsAllComeBackFiniteAndApart() {
        // 4 blobs of 12 rows, 5 neighbours: each row's neighbours lie in its blob, so 4 components
        float[][] x = TestData.blobs(4, 12, 30, 50, 5);
        Projection p = fast(5, 1).fitTransform(x);
        assertEquals(48, p.rows());
        TestData.assertFinite(p.coordinates());
        assertEquals(4, p.details().get("components"));
        assertEquals(1.0, TestData.nearestNeighbourAgreement(p.coordinates(), 12));
        assertNoOverlap(p.coordinates(), 12, 4);
    }

    @Test
    void tinyComponentsOfTwoPointsAreLaidOutToo() {
        // pairs far apart with 2 neighbours (self + 1): every pair is its own component
        float[][] x = TestData.blobs(6, 2, 10, 100, 6);
        Projection p = fast(2, 2).fitTransform(x);
        assertEquals(12, p.rows());
        TestData.assertFinite(p.coordinates());
        assertEquals(6, p.details().get("components"));
        assertEquals(1.0, TestData.nearestNeighbourAgreement(p.coordinates(), 2));
    }

    @Test
    void connectedDataSeparatesBlobsDeterministically() {
        float[][] x = TestData.blobs(3, 30, 100, 5, 7);
        Projection a = Umap.builder().epochs(200).seed(3).build().fitTransform(x);
        Projection b = Umap.builder().epochs(200).seed(3).build().fitTransform(x);
        for (int i = 0; i < x.length; i++) {
            assertArrayEquals(a.coordinates()[i], b.coordinates()[i]);
        }
        assertTrue(TestData.nearestNeighbourAgreement(a.coordinates(), 30) > 0.95);
        assertEquals(15, a.details().get("n_neighbors"));
    }

    @Test
    void smallInputsAndDuplicatesWork() {
        for (int n = 1; n <= 10; n++) {
            float[][] x = TestData.blobs(1, n, 8, 0, 200 + n);
            Projection p = fast(15, 4).fitTransform(x);
            assertEquals(n, p.rows(), "n=" + n);
            TestData.assertFinite(p.coordinates());
        }
        float[][] same = new float[20][6];
        Projection p = fast(15, 4).fitTransform(same);
        assertEquals(20, p.rows());
        TestData.assertFinite(p.coordinates());
    }

    @Test
    void optionsAreValidated() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Umap.builder().neighbours(1));
        assertTrue(e.getMessage().contains("neighbours") && e.getMessage().contains("1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Umap.builder().minDist(2));
        assertTrue(e.getMessage().contains("minDist"), e.getMessage());
    }

    /** The bounding discs of the blobs' layouts do not intersect. */
    private static void assertNoOverlap(double[][] y, int perBlob, int blobs) {
        double[][] centre = new double[blobs][2];
        double[] radius = new double[blobs];
        for (int i = 0; i < y.length; i++) {
            centre[i / perBlob][0] += y[i][0] / perBlob;
            centre[i / perBlob][1] += y[i][1] / perBlob;
        }
        for (int i = 0; i < y.length; i++) {
            radius[i / perBlob] = Math.max(radius[i / perBlob],
                    Math.sqrt(Distances.squared(y[i], centre[i / perBlob])));
        }
        for (int a = 0; a < blobs; a++) {
            for (int b = a + 1; b < blobs; b++) {
                double d = Math.sqrt(Distances.squared(centre[a], centre[b]));
                assertTrue(d > radius[a] + radius[b], "blobs " + a + " and " + b + " overlap");
            }
        }
    }
}
