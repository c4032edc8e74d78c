package org.mammoembed.reduce.internal;

/**
 * Per-column means of a data matrix, summed in row order then divided (the arithmetic every caller in this
 * module expects bit for bit). Internal to mammo-reduce (public only so that its sub-packages can share it).
 */
public final class ColumnMeans {
    private ColumnMeans() {
    }

    /** The means over every row. */
    public static double[] of(float[][] x) {
        int d = x[0].length;
        double[] mean = new double[d];
        for (float[] row : x) {
            add(mean, row);
        }
        return divide(mean, x.length);
    }

    /** The means over the given rows only (e.g. a training fold). */
    public static double[] of(float[][] x, int[] rows) {
        int d = x[0].length;
        double[] mean = new double[d];
        for (int r : rows) {
            add(mean, x[r]);
        }
        return divide(mean, rows.length);
    }

    private static void add(double[] sum, float[] row) {
        for (int j = 0; j < sum.length; j++) {
            sum[j] += row[j];
        }
    }

    private static double[] divide(double[] sum, int count) {
        for (int j = 0; j < sum.length; j++) {
            sum[j] /= count;
        }
        return sum;
    }
}
