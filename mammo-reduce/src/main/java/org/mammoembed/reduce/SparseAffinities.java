package org.mammoembed.reduce;

/**
 * A symmetric sparse matrix in compressed-row form, built from a directed k-nearest-neighbour graph with one
 * weight per edge. Used for t-SNE's joint probabilities and UMAP's fuzzy graph; the two differ only in how a
 * directed pair (a, b) is merged with (b, a), which the caller chooses.
 */
final class SparseAffinities {
    /** How the weights w(a->b) and w(b->a) become the symmetric weight (a missing direction counts as 0). */
    enum Merge {
        /** w1 + w2 (t-SNE: P + P^T). */
        SUM,
        /** w1 + w2 - w1 * w2 (UMAP's fuzzy set union). */
        FUZZY_UNION
    }

    final int[] rowStart;
    final int[] columns;
    final double[] values;

    private SparseAffinities(int[] rowStart, int[] columns, double[] values) {
        this.rowStart = rowStart;
        this.columns = columns;
        this.values = values;
    }

    int rows() {
        return rowStart.length - 1;
    }

    /** Symmetrises the directed graph {@code neighbours[i][m]} with weights {@code weights[i][m]}. */
    static SparseAffinities symmetric(int[][] neighbours, double[][] weights, Merge merge) {
        int n = neighbours.length;
        int[] count = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j : neighbours[i]) {
                count[i]++;
                count[j]++;
            }
        }
        int[] start = new int[n + 1];
        for (int i = 0; i < n; i++) {
            start[i + 1] = start[i] + count[i];
        }
        int[] cols = new int[start[n]];
        // forward and backward weight of each stored entry; the other direction stays 0 until merged
        double[] fwd = new double[start[n]];
        double[] bwd = new double[start[n]];
        int[] cursor = start.clone();
        for (int i = 0; i < n; i++) {
            for (int m = 0; m < neighbours[i].length; m++) {
                int j = neighbours[i][m];
                double w = weights[i][m];
                cols[cursor[i]] = j;
                fwd[cursor[i]++] = w;
                cols[cursor[j]] = i;
                bwd[cursor[j]++] = w;
            }
        }
        int[] outStart = new int[n + 1];
        int[] outCols = new int[start[n]];
        double[] outVals = new double[start[n]];
        int out = 0;
        for (int i = 0; i < n; i++) {
            sortRow(cols, fwd, bwd, start[i], start[i + 1]);
            int p = start[i];
            while (p < start[i + 1]) {
                int c = cols[p];
                double a = 0.0;
                double b = 0.0;
                while (p < start[i + 1] && cols[p] == c) {
                    a += fwd[p];
                    b += bwd[p];
                    p++;
                }
                double w = merge == Merge.SUM ? a + b : a + b - a * b;
                if (w > 0) {
                    outCols[out] = c;
                    outVals[out++] = w;
                }
            }
            outStart[i + 1] = out;
        }
        return new SparseAffinities(outStart, java.util.Arrays.copyOf(outCols, out),
                java.util.Arrays.copyOf(outVals, out));
    }

    /** Insertion sort by column; rows hold at most about 2k entries. */
    private static void sortRow(int[] cols, double[] a, double[] b, int from, int to) {
        for (int p = from + 1; p < to; p++) {
            int c = cols[p];
            double va = a[p];
            double vb = b[p];
            int q = p - 1;
            while (q >= from && cols[q] > c) {
                cols[q + 1] = cols[q];
                a[q + 1] = a[q];
                b[q + 1] = b[q];
                q--;
            }
            cols[q + 1] = c;
            a[q + 1] = va;
            b[q + 1] = vb;
        }
    }

    double total() {
        double s = 0.0;
        for (double v : values) {
            s += v;
        }
        return s;
    }
}
