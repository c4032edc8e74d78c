package org.mammoembed.reduce;

import org.mammoembed.reduce.internal.Distances;
import java.util.stream.IntStream;

/**
 * Exact k-nearest neighbours (euclidean), excluding each point itself; ties are broken by row index so the
 * graph is deterministic. O(n^2 * d) time, O(n * k) memory. Used by t-SNE and UMAP after their PCA
 * pre-reduction, where d is small (50 by default).
 */
final class NearestNeighbors {
    /** n x k neighbour rows, nearest first. */
    final int[][] indices;
    /** n x k euclidean distances, ascending. */
    final double[][] distances;

    private NearestNeighbors(int[][] indices, double[][] distances) {
        this.indices = indices;
        this.distances = distances;
    }

    static NearestNeighbors exact(double[][] x, int k) {
        int n = x.length;
        if (k < 0 || k > n - 1) {
            throw new IllegalArgumentException("k must be in [0, " + (n - 1) + "], got " + k);
        }
        int[][] indices = new int[n][k];
        double[][] distances = new double[n][k];
        IntStream.range(0, n).parallel().forEach(i -> {
            // bounded max-heap of the k best (distance, index) pairs
            double[] heapD = new double[k];
            int[] heapI = new int[k];
            int size = 0;
            double[] xi = x[i];
            for (int j = 0; j < n; j++) {
                if (j == i) {
                    continue;
                }
                double dist = Distances.squared(xi, x[j]);
                if (size < k) {
                    heapD[size] = dist;
                    heapI[size] = j;
                    siftUp(heapD, heapI, size++);
                } else if (k > 0 && worse(heapD[0], heapI[0], dist, j)) {
                    heapD[0] = dist;
                    heapI[0] = j;
                    siftDown(heapD, heapI, size);
                }
            }
            // pop into ascending order
            for (int m = size - 1; m >= 0; m--) {
                indices[i][m] = heapI[0];
                distances[i][m] = Math.sqrt(heapD[0]);
                heapD[0] = heapD[m];
                heapI[0] = heapI[m];
                siftDown(heapD, heapI, m);
            }
        });
        return new NearestNeighbors(indices, distances);
    }

    /** True when (d1, i1) ranks after (d2, i2). */
    private static boolean worse(double d1, int i1, double d2, int i2) {
        return d1 > d2 || (d1 == d2 && i1 > i2);
    }

    private static void siftUp(double[] d, int[] idx, int pos) {
        while (pos > 0) {
            int parent = (pos - 1) / 2;
            if (!worse(d[pos], idx[pos], d[parent], idx[parent])) {
                return;
            }
            swap(d, idx, pos, parent);
            pos = parent;
        }
    }

    private static void siftDown(double[] d, int[] idx, int size) {
        int pos = 0;
        while (true) {
            int l = 2 * pos + 1;
            int r = l + 1;
            int top = pos;
            if (l < size && worse(d[l], idx[l], d[top], idx[top])) {
                top = l;
            }
            if (r < size && worse(d[r], idx[r], d[top], idx[top])) {
                top = r;
            }
            if (top == pos) {
                return;
            }
            swap(d, idx, pos, top);
            pos = top;
        }
    }

    private static void swap(double[] d, int[] idx, int a, int b) {
        double td = d[a];
        d[a] = d[b];
        d[b] = td;
        int ti = idx[a];
        idx[a] = idx[b];
        idx[b] = ti;
    }
}
