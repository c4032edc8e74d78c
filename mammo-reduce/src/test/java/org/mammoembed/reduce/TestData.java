package org.mammoembed.reduce;

import org.mammoembed.reduce.internal.Distances;
import java.util.Random;

/** Synthetic matrices for the tests and the benchmark. */
final class TestData {
    private TestData() {
    }

    /** {@code blobs} Gaussian blobs of {@code perBlob} rows (unit noise), centres {@code separation} apart per axis. */
    static float[][] blobs(int blobs, int perBlob, int dim, double separation, long seed) {
        Random random = new Random(seed);
        double[][] centres = new double[blobs][dim];
        for (double[] c : centres) {
            for (int j = 0; j < dim; j++) {
                c[j] = random.nextGaussian() * separation;
            }
        }
        float[][] x = new float[blobs * perBlob][dim];
        for (int i = 0; i < x.length; i++) {
            double[] c = centres[i / perBlob];
            for (int j = 0; j < dim; j++) {
                x[i][j] = (float) (c[j] + random.nextGaussian());
            }
        }
        return x;
    }

    static int blobOf(int row, int perBlob) {
        return row / perBlob;
    }

    static void assertFinite(double[][] coordinates) {
        for (int i = 0; i < coordinates.length; i++) {
            for (double v : coordinates[i]) {
                if (!Double.isFinite(v)) {
                    throw new AssertionError("row " + i + " is not finite: " + java.util.Arrays.toString(coordinates[i]));
                }
            }
        }
    }

    /** Fraction of rows whose nearest other row (in {@code y}) is in the same blob. */
    static double nearestNeighbourAgreement(double[][] y, int perBlob) {
        int agree = 0;
        for (int i = 0; i < y.length; i++) {
            int best = -1;
            double bestD = Double.POSITIVE_INFINITY;
            for (int j = 0; j < y.length; j++) {
                if (j != i) {
                    double d = Distances.squared(y[i], y[j]);
                    if (d < bestD) {
                        bestD = d;
                        best = j;
                    }
                }
            }
            if (blobOf(best, perBlob) == blobOf(i, perBlob)) {
                agree++;
            }
        }
        return (double) agree / y.length;
    }
}
