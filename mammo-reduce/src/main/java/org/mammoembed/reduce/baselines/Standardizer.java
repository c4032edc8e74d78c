package org.mammoembed.reduce.baselines;

import org.mammoembed.reduce.internal.ColumnMeans;

/**
 * Per-column z-scores fitted on the training rows only (mean and population standard deviation, as
 * scikit-learn's StandardScaler); constant columns are centred but not scaled.
 */
final class Standardizer {
    private final double[] mean;
    private final double[] scale;

    private Standardizer(double[] mean, double[] scale) {
        this.mean = mean;
        this.scale = scale;
    }

    static Standardizer fit(float[][] x, int[] rows) {
        int d = x[0].length;
        double[] mean = ColumnMeans.of(x, rows);
        double[] scale = new double[d];
        for (int r : rows) {
            for (int j = 0; j < d; j++) {
                double c = x[r][j] - mean[j];
                scale[j] += c * c;
            }
        }
        for (int j = 0; j < d; j++) {
            double sd = Math.sqrt(scale[j] / rows.length);
            scale[j] = sd > 0 ? sd : 1.0;
        }
        return new Standardizer(mean, scale);
    }

    double[][] apply(float[][] x, int[] rows) {
        double[][] out = new double[rows.length][mean.length];
        for (int i = 0; i < rows.length; i++) {
            float[] row = x[rows[i]];
            for (int j = 0; j < mean.length; j++) {
                out[i][j] = (row[j] - mean[j]) / scale[j];
            }
        }
        return out;
    }
}
