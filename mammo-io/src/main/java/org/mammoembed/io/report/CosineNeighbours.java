package org.mammoembed.io.report;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Exact k nearest neighbours of every row by cosine similarity, in the full feature space, by blocked brute
 * force on unit-length copies of the rows: each block of {@value #QUERY_BLOCK} query rows is compared with every
 * row while the block stays in cache, so the matrix is streamed from memory once per block rather than once per
 * row. O(N² D) work, spread over the common fork-join pool; at N = 20,000 and D = 2048 about 8·10¹¹
 * multiply-adds, and a copy of the features (N x D floats) is held meanwhile.
 *
 * <p>Ties keep the lower row index first; a row is never its own neighbour; a zero row has similarity 0 with
 * everything. Similarities are computed in float (relative error about 1e-6 at D = 2048).
 */
final class CosineNeighbours {
    static final int QUERY_BLOCK = 32;

    /** Neighbour indices and similarities, {@code k} per row, most similar first. */
    record Result(int k, int[] indices, float[] similarities) {
        int index(int row, int rank) {
            return indices[row * k + rank];
        }

        float similarity(int row, int rank) {
            return similarities[row * k + rank];
        }
    }

    private CosineNeighbours() {
    }

    /**
     * @param x   row-major N x D features
     * @param n   rows
     * @param d   columns
     * @param k   neighbours per row; fewer exist when {@code n - 1 < k}, then the missing slots hold index -1
     */
    static Result of(float[] x, int n, int d, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("neighbours must be >= 1, got " + k);
        }
        if ((long) n * d != x.length) {
            throw new IllegalArgumentException("features hold " + x.length + " values, not " + n + " x " + d);
        }
        float[][] unit = new float[n][];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int t = i * d, end = t + d; t < end; t++) {
                s += (double) x[t] * x[t];
            }
            float inv = s > 0 ? (float) (1.0 / Math.sqrt(s)) : 0f;
            float[] row = new float[d];
            for (int t = 0; t < d; t++) {
                row[t] = x[i * d + t] * inv;
            }
            unit[i] = row;
        }
        int[] indices = new int[n * k];
        float[] sims = new float[n * k];
        Arrays.fill(indices, -1);
        Arrays.fill(sims, Float.NEGATIVE_INFINITY);
        int blocks = (n + QUERY_BLOCK - 1) / QUERY_BLOCK;
        IntStream.range(0, blocks).parallel().forEach(b -> {
            int from = b * QUERY_BLOCK;
            int to = Math.min(n, from + QUERY_BLOCK);
            searchBlock(unit, d, k, from, to, indices, sims);
        });
        for (int i = 0; i < sims.length; i++) {
            if (indices[i] < 0) {
                sims[i] = Float.NaN;
            }
        }
        return new Result(k, indices, sims);
    }

    private static void searchBlock(float[][] unit, int d, int k, int from, int to, int[] indices, float[] sims) {
        int n = unit.length;
        float[] dots = new float[2 * (to - from)];
        for (int j = 0; j < n; j += 2) {
            float[] c0 = unit[j];
            // an odd last candidate is paired with itself; its second result is ignored
            float[] c1 = unit[Math.min(j + 1, n - 1)];
            int q = from;
            // four queries against two candidates: eight independent sums, six loads per eight products
            for (; q + 3 < to; q += 4) {
                dot4x2(unit[q], unit[q + 1], unit[q + 2], unit[q + 3], c0, c1, d, dots, 2 * (q - from));
            }
            for (; q < to; q++) {
                float[] r = unit[q];
                float a0 = 0;
                float a1 = 0;
                for (int t = 0; t < d; t++) {
                    a0 += r[t] * c0[t];
                    a1 += r[t] * c1[t];
                }
                dots[2 * (q - from)] = a0;
                dots[2 * (q - from) + 1] = a1;
            }
            for (q = from; q < to; q++) {
                if (q != j) {
                    offer(q * k, k, j, dots[2 * (q - from)], indices, sims);
                }
                if (j + 1 < n && q != j + 1) {
                    offer(q * k, k, j + 1, dots[2 * (q - from) + 1], indices, sims);
                }
            }
        }
    }

    private static void dot4x2(float[] q0, float[] q1, float[] q2, float[] q3, float[] c0, float[] c1, int d,
                               float[] dots, int at) {
        float a00 = 0;
        float a01 = 0;
        float a10 = 0;
        float a11 = 0;
        float a20 = 0;
        float a21 = 0;
        float a30 = 0;
        float a31 = 0;
        for (int t = 0; t < d; t++) {
            float x0 = c0[t];
            float x1 = c1[t];
            float v0 = q0[t];
            float v1 = q1[t];
            float v2 = q2[t];
            float v3 = q3[t];
            a00 += v0 * x0;
            a01 += v0 * x1;
            a10 += v1 * x0;
            a11 += v1 * x1;
            a20 += v2 * x0;
            a21 += v2 * x1;
            a30 += v3 * x0;
            a31 += v3 * x1;
        }
        dots[at] = a00;
        dots[at + 1] = a01;
        dots[at + 2] = a10;
        dots[at + 3] = a11;
        dots[at + 4] = a20;
        dots[at + 5] = a21;
        dots[at + 6] = a30;
        dots[at + 7] = a31;
    }

    /** Inserts candidate {@code j} into one row's sorted top-k list when it beats the last entry. */
    private static void offer(int base, int k, int j, float sim, int[] indices, float[] sims) {
        int last = base + k - 1;
        if (!(sim > sims[last])) {
            return;
        }
        int p = last;
        while (p > base && sim > sims[p - 1]) {
            sims[p] = sims[p - 1];
            indices[p] = indices[p - 1];
            p--;
        }
        sims[p] = sim;
        indices[p] = j;
    }
}
