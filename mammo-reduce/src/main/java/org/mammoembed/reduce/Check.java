package org.mammoembed.reduce;

/**
 * Option and input validation shared by the builders of this module; messages name the option and value.
 * Internal to mammo-reduce (public only so that its sub-packages can share it).
 */
public final class Check {
    private Check() {
    }

    static int intIn(String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(option + " must be in [" + min + ", " + max + "], got " + value);
        }
        return value;
    }

    static double positive(String option, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(option + " must be a finite number > 0, got " + value);
        }
        return value;
    }

    static double nonNegative(String option, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(option + " must be a finite number >= 0, got " + value);
        }
        return value;
    }

    /**
     * Checks a data matrix: at least one row, rows of equal non-zero length, finite values.
     *
     * @return the number of columns
     */
    public static int matrix(float[][] data) {
        if (data == null || data.length == 0) {
            throw new IllegalArgumentException("data must have at least 1 row, got "
                    + (data == null ? "null" : "0 rows"));
        }
        int d = data[0] == null ? 0 : data[0].length;
        if (d == 0) {
            throw new IllegalArgumentException("data rows must have at least 1 column, got 0");
        }
        for (int i = 0; i < data.length; i++) {
            float[] row = data[i];
            if (row == null || row.length != d) {
                throw new IllegalArgumentException("data row " + i + " has " + (row == null ? "no" : row.length)
                        + " columns, expected " + d);
            }
            for (int j = 0; j < d; j++) {
                if (!Float.isFinite(row[j])) {
                    throw new IllegalArgumentException("data[" + i + "][" + j + "] is not finite: " + row[j]);
                }
            }
        }
        return d;
    }

    /** As {@link #matrix(float[][])}, for double rows. */
    public static int matrix(double[][] data) {
        if (data == null || data.length == 0) {
            throw new IllegalArgumentException("data must have at least 1 row, got "
                    + (data == null ? "null" : "0 rows"));
        }
        int d = data[0] == null ? 0 : data[0].length;
        if (d == 0) {
            throw new IllegalArgumentException("data rows must have at least 1 column, got 0");
        }
        for (int i = 0; i < data.length; i++) {
            double[] row = data[i];
            if (row == null || row.length != d) {
                throw new IllegalArgumentException("data row " + i + " has " + (row == null ? "no" : row.length)
                        + " columns, expected " + d);
            }
            for (int j = 0; j < d; j++) {
                if (!Double.isFinite(row[j])) {
                    throw new IllegalArgumentException("data[" + i + "][" + j + "] is not finite: " + row[j]);
                }
            }
        }
        return d;
    }
}
