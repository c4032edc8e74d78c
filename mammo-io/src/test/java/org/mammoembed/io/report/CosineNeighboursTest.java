package org.mammoembed.io.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CosineNeighboursTest {

    /** Independent reference: double precision, one pair at a time, full sort by (similarity desc, index asc). */
    static int[] naiveTopK(float[] x, int n, int d, int i, int k) {
        Integer[] order = new Integer[n - 1];
        double[] sim = new double[n];
        for (int j = 0, o = 0; j < n; j++) {
            sim[j] = cosine(x, d, i, j);
            if (j != i) {
                order[o++] = j;
            }
        }
        java.util.Arrays.sort(order, (a, b) -> sim[a] != sim[b] ? Double.compare(sim[b], sim[a]) : a - b);
        int[] top = new int[k];
        for (int r = 0; r < k; r++) {
            top[r] = order[r];
        }
        return top;
    }

    static double cosine(float[] x, int d, int i, int j) {
        double dot = 0;
        double ni = 0;
        double nj = 0;
        for (int t = 0; t < d; t++) {
            dot += (double) x[i * d + t] * x[j * d + t];
            ni += (double) x[i * d + t] * x[i * d + t];
            nj += (double) x[j * d + t] * x[j * d + t];
        }
        return dot / Math.sqrt(ni * nj);
    }

    @Test
    void matchesABruteForceReferenceAcrossBlockBoundaries() {
        int n = 3 * CosineNeighbours.QUERY_BLOCK + 7;
        int d = 41;
        Random rnd = new Random(4);
        float[] x = new float[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rnd.nextGaussian() + (i / d % 3 == 0 ? 1f : 0f);
        }
        CosineNeighbours.Result nn = CosineNeighbours.of(x, n, d, 5);
        for (int i = 0; i < n; i++) {
            int[] expected = naiveTopK(x, n, d, i, 5);
            for (int r = 0; r < 5; r++) {
                assertEquals(expected[r], nn.index(i, r), "row " + i + " rank " + r);
                assertEquals(cosine(x, d, i, expected[r]), nn.similarity(i, r), 1e-5);
                assertNotEquals(i, nn.index(i, r));
                if (r > 0) {
                    assertTrue(nn.similarity(i, r) <= nn.similarity(i, r - 1));
                }
            }
        }
    }

    @Test
    void duplicatesAreNearestWithTiesInRowOrder() {
        // rows 0, 2 and 3 are identical: cosine 1 with each other, ties listed in row order
        float[] x = {1, 2, 3, /* 1 */ -1, 0, 1, /* 2 */ 1, 2, 3, /* 3 */ 1, 2, 3, /* 4 */ 3, 2, 1};
        CosineNeighbours.Result nn = CosineNeighbours.of(x, 5, 3, 2);
        assertEquals(2, nn.index(0, 0));
        assertEquals(3, nn.index(0, 1));
        assertEquals(0, nn.index(3, 0));
        assertEquals(2, nn.index(3, 1));
        assertEquals(1.0, nn.similarity(0, 0), 1e-6);
    }

    @Test
    void lengthDoesNotMatter() {
        float[] x = {1, 2, 3, /* 1 */ 10, 20, 30, /* 2 */ 3, 2, 1};
        CosineNeighbours.Result nn = CosineNeighbours.of(x, 3, 3, 1);
        assertEquals(1, nn.index(0, 0));
        assertEquals(1.0, nn.similarity(0, 0), 1e-6);
        assertEquals(cosine(x, 3, 2, 0), nn.similarity(2, 0), 1e-6);
    }

    @Test
    void zeroRowHasSimilarityZeroAndTooFewRowsLeaveEmptySlots() {
        float[] x = {0, 0, /* 1 */ 1, 0, /* 2 */ 2, 0.1f};
        CosineNeighbours.Result nn = CosineNeighbours.of(x, 3, 2, 2);
        assertEquals(0f, nn.similarity(0, 0));
        assertEquals(2, nn.index(1, 0));
        assertEquals(cosine(x, 2, 1, 2), nn.similarity(1, 0), 1e-6);
        assertEquals(0, nn.index(1, 1));
        assertEquals(0f, nn.similarity(1, 1));
        CosineNeighbours.Result one = CosineNeighbours.of(new float[] {1, 2}, 1, 2, 5);
        assertEquals(-1, one.index(0, 0));
        assertTrue(Float.isNaN(one.similarity(0, 0)));
    }

    @Test
    void badArgumentsAreRefusedWithTheirValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CosineNeighbours.of(new float[5], 2, 3, 5));
        assertEquals("features hold 5 values, not 2 x 3", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CosineNeighbours.of(new float[6], 2, 3, 0));
    }
}
