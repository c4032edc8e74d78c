package org.mammoembed.reduce;

import org.mammoembed.reduce.internal.ColumnMeans;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * A fitted principal component analysis: mean, the top-k principal axes and their variances. Fitted by
 * randomized subspace iteration (Halko, Martinsson and Tropp 2011), which costs O(n * d * l) per pass with
 * l = k + oversampling, instead of forming and eigen-decomposing the d x d covariance (O(n * d^2 + d^3)).
 * When l reaches min(n, d) the subspace is the whole row space and the result is exact.
 *
 * <p>The centred matrix is never materialised: products with X - 1*mean are computed as X*M - 1*(mean*M),
 * so memory stays at the input plus O((n + d) * l).
 *
 * <p>Sign convention: each axis is flipped so that its coefficient of largest magnitude (first one on ties) is
 * positive, which makes the output deterministic for a given input and seed.
 */
final class PcaModel {
    private static final int OVERSAMPLING = 10;
    /** Rows per parallel chunk; fixed (not derived from the core count) so that sums are reproducible. */
    private static final int CHUNK = 256;

    final double[] mean;
    /** k x d, orthonormal rows. */
    final double[][] axes;
    /** Variance along each axis (denominator n - 1), descending. */
    final double[] variance;
    /** Total variance of the data (sum of the column variances). */
    final double totalVariance;
    final int samples;

    private PcaModel(double[] mean, double[][] axes, double[] variance, double totalVariance, int samples) {
        this.mean = mean;
        this.axes = axes;
        this.variance = variance;
        this.totalVariance = totalVariance;
        this.samples = samples;
    }

    /**
     * Fits k axes. Axes beyond the data's rank get zero variance (their direction is then arbitrary but
     * orthogonal to the others).
     *
     * @param powerIterations passes of subspace iteration; 4-7 give near-exact leading axes in practice
     */
    static PcaModel fit(float[][] x, int k, int powerIterations, long seed) {
        int n = x.length;
        int d = x[0].length;
        double[] mean = ColumnMeans.of(x);
        double total = 0.0;
        for (float[] row : x) {
            for (int j = 0; j < d; j++) {
                double c = row[j] - mean[j];
                total += c * c;
            }
        }
        total = n > 1 ? total / (n - 1) : 0.0;

        int l = Math.min(k + OVERSAMPLING, Math.min(n, d));
        SplittableRandom random = new SplittableRandom(seed);
        double[][] omega = new double[l][d];
        for (double[] col : omega) {
            for (int j = 0; j < d; j++) {
                col[j] = random.nextDouble() * 2.0 - 1.0;
            }
        }
        double[][] q = orthonormalize(times(x, mean, omega));
        for (int it = 0; it < powerIterations; it++) {
            double[][] z = orthonormalize(transposeTimes(x, mean, q));
            q = orthonormalize(times(x, mean, z));
        }
        // B = Q^T Xc is l x d; the eigen-decomposition of B B^T gives B's singular values and left vectors.
        double[][] b = transposeTimes(x, mean, q);
        double[][] gram = new double[l][l];
        for (int i = 0; i < l; i++) {
            for (int j = i; j < l; j++) {
                gram[i][j] = dot(b[i], b[j]);
                gram[j][i] = gram[i][j];
            }
        }
        SymmetricEigen eig = SymmetricEigen.of(gram);
        int kept = Math.min(k, l);
        double[][] axes = new double[k][d];
        double[] variance = new double[k];
        for (int c = 0; c < kept; c++) {
            double sigmaSquared = Math.max(eig.values[c], 0.0);
            double[] axis = axes[c];
            for (int r = 0; r < l; r++) {
                double w = eig.vectors[r][c];
                double[] br = b[r];
                for (int j = 0; j < d; j++) {
                    axis[j] += w * br[j];
                }
            }
            double norm = Math.sqrt(dot(axis, axis));
            if (norm > 1e-12 * Math.sqrt(Math.max(total, Double.MIN_NORMAL)) && norm > 0) {
                for (int j = 0; j < d; j++) {
                    axis[j] /= norm;
                }
                variance[c] = n > 1 ? sigmaSquared / (n - 1) : 0.0;
            } else {
                java.util.Arrays.fill(axis, 0.0);
            }
            fixSign(axis);
        }
        return new PcaModel(mean, axes, variance, total, n);
    }

    /** Projects rows onto the axes: n x k. */
    double[][] project(float[][] x) {
        int k = axes.length;
        double[][] out = new double[x.length][k];
        IntStream.range(0, x.length).parallel().forEach(i -> {
            float[] row = x[i];
            for (int c = 0; c < k; c++) {
                double[] axis = axes[c];
                double s = 0.0;
                for (int j = 0; j < row.length; j++) {
                    s += (row[j] - mean[j]) * axis[j];
                }
                out[i][c] = s;
            }
        });
        return out;
    }

    /** Fraction of the total variance along each axis; zeros when the data has no variance. */
    double[] explainedVarianceRatio() {
        double[] r = new double[variance.length];
        if (totalVariance > 0) {
            for (int c = 0; c < r.length; c++) {
                r[c] = Math.min(1.0, variance[c] / totalVariance);
            }
        }
        return r;
    }

    /** (X - 1 mean) * M, where M is given as l columns of length d; returns l columns of length n. */
    private static double[][] times(float[][] x, double[] mean, double[][] columns) {
        int n = x.length;
        int l = columns.length;
        double[] shift = new double[l];
        for (int c = 0; c < l; c++) {
            shift[c] = dot(mean, columns[c]);
        }
        double[][] out = new double[l][n];
        IntStream.range(0, n).parallel().forEach(i -> {
            float[] row = x[i];
            for (int c = 0; c < l; c++) {
                double[] col = columns[c];
                double s = 0.0;
                for (int j = 0; j < row.length; j++) {
                    s += row[j] * col[j];
                }
                out[c][i] = s - shift[c];
            }
        });
        return out;
    }

    /** (X - 1 mean)^T * Q, Q given as l columns of length n; returns l columns of length d. */
    private static double[][] transposeTimes(float[][] x, double[] mean, double[][] q) {
        int n = x.length;
        int d = x[0].length;
        int l = q.length;
        int chunks = (n + CHUNK - 1) / CHUNK;
        double[][][] partial = new double[chunks][][];
        IntStream.range(0, chunks).parallel().forEach(ch -> {
            double[][] acc = new double[l][d];
            for (int i = ch * CHUNK, end = Math.min(n, i + CHUNK); i < end; i++) {
                float[] row = x[i];
                for (int c = 0; c < l; c++) {
                    double w = q[c][i];
                    double[] a = acc[c];
                    for (int j = 0; j < d; j++) {
                        a[j] += w * row[j];
                    }
                }
            }
            partial[ch] = acc;
        });
        double[][] out = new double[l][d];
        for (double[][] acc : partial) {
            for (int c = 0; c < l; c++) {
                for (int j = 0; j < d; j++) {
                    out[c][j] += acc[c][j];
                }
            }
        }
        for (int c = 0; c < l; c++) {
            double colSum = 0.0;
            for (int i = 0; i < n; i++) {
                colSum += q[c][i];
            }
            for (int j = 0; j < d; j++) {
                out[c][j] -= mean[j] * colSum;
            }
        }
        return out;
    }

    /**
     * Modified Gram-Schmidt, applied twice for stability. A column that loses all but 1e-10 of its norm to the
     * projections is linearly dependent on the earlier ones: it becomes a zero column (normalising its
     * rounding noise would give a vector that is not orthogonal to the others).
     */
    private static double[][] orthonormalize(double[][] cols) {
        for (int pass = 0; pass < 2; pass++) {
            for (int c = 0; c < cols.length; c++) {
                double[] v = cols[c];
                double before = Math.sqrt(dot(v, v));
                for (int p = 0; p < c; p++) {
                    double[] u = cols[p];
                    double proj = dot(u, v);
                    for (int i = 0; i < v.length; i++) {
                        v[i] -= proj * u[i];
                    }
                }
                double norm = Math.sqrt(dot(v, v));
                boolean independent = norm > 1e-10 * before && norm > 0;
                for (int i = 0; i < v.length; i++) {
                    v[i] = independent ? v[i] / norm : 0.0;
                }
            }
        }
        return cols;
    }

    private static void fixSign(double[] axis) {
        int best = 0;
        for (int j = 1; j < axis.length; j++) {
            if (Math.abs(axis[j]) > Math.abs(axis[best])) {
                best = j;
            }
        }
        if (axis[best] < 0) {
            for (int j = 0; j < axis.length; j++) {
                axis[j] = -axis[j];
            }
        }
    }

    static double dot(double[] a, double[] b) {
        double s = 0.0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
