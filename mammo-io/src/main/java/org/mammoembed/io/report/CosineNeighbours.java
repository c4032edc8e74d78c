package org.mammoembed.io.report;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Exact k nearest neighbours of every row by cosine similarity, in the full feature space, by blocked brute
 * force: each block of {@value #QUERY_BLOCK} query rows is compared with every other row while the block stays
 * in cache, so the matrix is streamed from memory once per block rather than once per row. O(N² D) work,
 * spread over the common fork-join pool; at N = 20,000 and D = 2048 about 8·10¹¹ multiply-adds.
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
        float[] inverseNorm = new float[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int t = i * d, end = t + d; t < end; t++) {
                s += (double) x[t] * x[t];
            }
            inverseNorm[i] = s > 0 ? (float) (1.0 / Math.sqrt(s)) : 0f;
        }
        int[] indices = new int[n * k];
        float[] sims = new float[n * k];
        Arrays.fill(indices, -1);
        Arrays.fill(sims, Float.NEGATIVE_INFINITY);
        int blocks = (n + QUERY_BLOCK - 1) / QUERY_BLOCK;
        IntStream.range(0, blocks).parallel().forEach(b -> {
            int from = b * QUERY_BLOCK;
            int to = Math.min(n, from + QUERY_BLOCK);
            searchBlock(x, d, n, k, inverseNorm, from, to, indices, sims);
        });
        for (int i = 0; i < sims.length; i++) {
            if (indices[i] < 0) {
                sims[i] = Float.NaN;
            }
        }
        return new Result(k, indices, sims);
    }

    private static void searchBlock(float[] x, int d, int n, int k, float[] inverseNorm, int from, int to,
                                    int[] indices, float[] sims) {
        float[] dots = new float[to - from];
        for (int j = 0; j < n; j++) {
            int cj = j * d;
            int q = from;
            // four queries against one candidate: the candidate row is loaded once for four dot products
            for (; q + 3 < to; q += 4) {
                int q0 = q * d;
                int q1 = q0 + d;
                int q2 = q1 + d;
                int q3 = q2 + d;
                float a0 = 0;
                float a1 = 0;
                float a2 = 0;
                float a3 = 0;
                for (int t = 0; t < d; t++) {
                    float c = x[cj + t];
                    a0 += x[q0 + t] * c;
                    a1 += x[q1 + t] * c;
                    a2 += x[q2 + t] * c;
                    a3 += x[q3 + t] * c;
                }
                dots[q - from] = a0;
                dots[q + 1 - from] = a1;
                dots[q + 2 - from] = a2;
                dots[q + 3 - from] = a3;
            }
            for (; q < to; q++) {
                float a = 0;
                for (int t = 0, qi = q * d; t < d; t++) {
                    a += x[qi + t] * x[cj + t];
                }
                dots[q - from] = a;
            }
            for (q = from; q < to; q++) {
                if (q != j) {
                    offer(q * k, k, j, dots[q - from] * inverseNorm[q] * inverseNorm[j], indices, sims);
                }
            }
        }
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
