package org.mammoembed.reduce.metrics;

import java.util.stream.IntStream;
import org.mammoembed.reduce.internal.Distances;

/**
 * Silhouette (euclidean), Davies-Bouldin and Calinski-Harabasz, with scikit-learn's definitions and edge
 * cases: a point alone in its cluster has silhouette 0; Davies-Bouldin is 0 when all clusters are points or
 * all centroids coincide, and ignores coinciding centroid pairs; Calinski-Harabasz is 1 when every cluster is a
 * single point value. Undefined (null with a reason, never an exception) when there are fewer than 2 labels or
 * as many labels as rows.
 *
 * <p>Cost: Davies-Bouldin and Calinski-Harabasz are O(n * d). The silhouette is exact, O(n^2 * d) time and
 * O(n * labels) memory: distances are computed in tiles of rows and folded at once into per-label sums, never
 * stored as an n x n matrix. Measured by {@code MetricsBenchmark} (d = 2048, process CPU time, all three
 * indices): n = 1000: 1.1 s, 2000: 4.3 s, 4000: 17.4 s; by the n^2 law n = 20,000 costs about 7 CPU minutes
 * per labelling (a k = 2..7 sweep computes 7), hence the optional seeded silhouette sample.
 */
public final class ClusterMetrics {
    private static final int TILE = 64;

    private ClusterMetrics() {
    }

    /** All three indices for {@code labels} (any int values, one per row), the silhouette exact. */
    public static ClusterScores of(double[][] x, int[] labels) {
        return of(x, labels, 0, 0L);
    }

    /**
     * As {@link #of(double[][], int[])}, but when {@code silhouetteSample} is > 0 and smaller than n, the
     * silhouette is computed on that many rows drawn without replacement with the seed (as scikit-learn's
     * {@code sample_size}), which costs O(sample^2 * d) instead of O(n^2 * d). The other two indices always use
     * every row.
     */
    public static ClusterScores of(double[][] x, int[] labels, int silhouetteSample, long seed) {
        org.mammoembed.reduce.internal.Check.matrix(x);
        int[] dense = denseLabels(x, labels);
        int count = distinct(dense);
        if (count < 2) {
            return ClusterScores.undefined("needs at least 2 distinct labels, got " + count);
        }
        if (count > x.length - 1) {
            return ClusterScores.undefined("needs fewer distinct labels than rows, got " + count + " labels for "
                    + x.length + " rows");
        }
        Double silhouette;
        if (silhouetteSample > 0 && silhouetteSample < x.length) {
            int[] rows = sample(x.length, silhouetteSample, seed);
            double[][] sx = new double[rows.length][];
            int[] sl = new int[rows.length];
            for (int i = 0; i < rows.length; i++) {
                sx[i] = x[rows[i]];
                sl[i] = dense[rows[i]];
            }
            int[] sd = denseLabels(sx, sl);
            int sc = distinct(sd);
            silhouette = sc >= 2 && sc <= rows.length - 1 ? silhouette(sx, sd, sc) : null;
        } else {
            silhouette = silhouette(x, dense, count);
        }
        return new ClusterScores(silhouette, daviesBouldin(x, dense, count), calinskiHarabasz(x, dense, count),
                silhouette == null ? "the silhouette sample holds fewer than 2 labels" : null);
    }

    private static int distinct(int[] dense) {
        int count = 0;
        for (int c : dense) {
            count = Math.max(count, c + 1);
        }
        return count;
    }

    /** {@code size} distinct rows of n, ascending, by a seeded partial Fisher-Yates shuffle. */
    private static int[] sample(int n, int size, long seed) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        for (int i = 0; i < size; i++) {
            int j = i + random.nextInt(n - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        int[] out = java.util.Arrays.copyOf(all, size);
        java.util.Arrays.sort(out);
        return out;
    }

    /** Same, for float features (copied to double: 2x the matrix's memory while it runs). */
    public static ClusterScores of(float[][] x, int[] labels) {
        return of(toDouble(x), labels);
    }

    static double[][] toDouble(float[][] x) {
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = new double[x[i].length];
            for (int j = 0; j < x[i].length; j++) {
                out[i][j] = x[i][j];
            }
        }
        return out;
    }

    /** Maps labels to 0..count-1 in order of first appearance. */
    static int[] denseLabels(double[][] x, int[] labels) {
        if (labels.length != x.length) {
            throw new IllegalArgumentException("labels has " + labels.length + " entries for " + x.length + " rows");
        }
        java.util.Map<Integer, Integer> ids = new java.util.HashMap<>();
        int[] dense = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            dense[i] = ids.computeIfAbsent(labels[i], k -> ids.size());
        }
        return dense;
    }

    static double silhouette(double[][] x, int[] label, int count) {
        int n = x.length;
        int[] size = new int[count];
        for (int c : label) {
            size[c]++;
        }
        double[][] sums = new double[n][count];
        int tiles = (n + TILE - 1) / TILE;
        IntStream.range(0, tiles).parallel().forEach(ti -> {
            int i0 = ti * TILE;
            int i1 = Math.min(n, i0 + TILE);
            for (int j0 = 0; j0 < n; j0 += TILE) {
                int j1 = Math.min(n, j0 + TILE);
                for (int i = i0; i < i1; i++) {
                    double[] xi = x[i];
                    double[] si = sums[i];
                    for (int j = j0; j < j1; j++) {
                        if (j != i) {
                            si[label[j]] += Math.sqrt(Distances.squared(xi, x[j]));
                        }
                    }
                }
            }
        });
        double total = 0.0;
        for (int i = 0; i < n; i++) {
            int own = label[i];
            if (size[own] < 2) {
                continue;
            }
            double a = sums[i][own] / (size[own] - 1);
            double b = Double.POSITIVE_INFINITY;
            for (int c = 0; c < count; c++) {
                if (c != own) {
                    b = Math.min(b, sums[i][c] / size[c]);
                }
            }
            double denominator = Math.max(a, b);
            total += denominator > 0 ? (b - a) / denominator : 0.0;
        }
        return total / n;
    }

    static double daviesBouldin(double[][] x, int[] label, int count) {
        double[][] centroids = centroids(x, label, count);
        int[] size = sizes(label, count);
        double[] intra = new double[count];
        for (int i = 0; i < x.length; i++) {
            intra[label[i]] += Math.sqrt(Distances.squared(x[i], centroids[label[i]])) / size[label[i]];
        }
        double[][] between = new double[count][count];
        boolean allIntraZero = true;
        boolean allBetweenZero = true;
        for (int a = 0; a < count; a++) {
            allIntraZero &= isClose(intra[a], 0.0);
            for (int b = 0; b < count; b++) {
                between[a][b] = Math.sqrt(Distances.squared(centroids[a], centroids[b]));
                allBetweenZero &= isClose(between[a][b], 0.0);
            }
        }
        if (allIntraZero || allBetweenZero) {
            return 0.0;
        }
        double sum = 0.0;
        for (int a = 0; a < count; a++) {
            double worst = 0.0;
            for (int b = 0; b < count; b++) {
                if (b != a && between[a][b] != 0.0) {
                    worst = Math.max(worst, (intra[a] + intra[b]) / between[a][b]);
                }
            }
            sum += worst;
        }
        return sum / count;
    }

    static double calinskiHarabasz(double[][] x, int[] label, int count) {
        int n = x.length;
        int d = x[0].length;
        double[][] centroids = centroids(x, label, count);
        int[] size = sizes(label, count);
        double[] mean = new double[d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        double extra = 0.0;
        for (int c = 0; c < count; c++) {
            extra += size[c] * Distances.squared(centroids[c], mean);
        }
        double intra = 0.0;
        for (int i = 0; i < n; i++) {
            intra += Distances.squared(x[i], centroids[label[i]]);
        }
        return intra == 0.0 ? 1.0 : extra * (n - count) / (intra * (count - 1.0));
    }

    static double[][] centroids(double[][] x, int[] label, int count) {
        int d = x[0].length;
        double[][] centroids = new double[count][d];
        int[] size = sizes(label, count);
        for (int i = 0; i < x.length; i++) {
            double[] c = centroids[label[i]];
            for (int j = 0; j < d; j++) {
                c[j] += x[i][j];
            }
        }
        for (int c = 0; c < count; c++) {
            for (int j = 0; j < d; j++) {
                centroids[c][j] /= size[c];
            }
        }
        return centroids;
    }

    private static int[] sizes(int[] label, int count) {
        int[] size = new int[count];
        for (int c : label) {
            size[c]++;
        }
        return size;
    }

    /** numpy.allclose's test against 0 (absolute tolerance 1e-8). */
    private static boolean isClose(double v, double target) {
        return Math.abs(v - target) <= 1e-8;
    }
}
