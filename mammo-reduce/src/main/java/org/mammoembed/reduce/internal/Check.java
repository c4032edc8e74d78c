package org.mammoembed.reduce.internal;

import java.lang.reflect.Array;

/**
 * Option and input validation shared by the builders of this module; messages name the option and value.
 * Internal to mammo-reduce (public only so that its sub-packages can share it).
 */
public final class Check {
    private Check() {
    }

    public static int intIn(String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(option + " must be in [" + min + ", " + max + "], got " + value);
        }
        return value;
    }

    public static double positive(String option, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(option + " must be a finite number > 0, got " + value);
        }
        return value;
    }

    public static double nonNegative(String option, double value) {
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
        int d = shape(data);
        for (int i = 0; i < data.length; i++) {
            for (int j = 0; j < d; j++) {
                if (!Float.isFinite(data[i][j])) {
                    throw notFinite(i, j, data[i][j]);
                }
            }
        }
        return d;
    }

    /** As {@link #matrix(float[][])}, for double rows. */
    public static int matrix(double[][] data) {
        int d = shape(data);
        for (int i = 0; i < data.length; i++) {
            for (int j = 0; j < d; j++) {
                if (!Double.isFinite(data[i][j])) {
                    throw notFinite(i, j, data[i][j]);
                }
            }
        }
        return d;
    }

    /** The shape half of {@link #matrix}: rows are float[] or double[]. Returns the number of columns. */
    private static int shape(Object[] data) {
        if (data == null || data.length == 0) {
            throw new IllegalArgumentException("data must have at least 1 row, got "
                    + (data == null ? "null" : "0 rows"));
        }
        int d = data[0] == null ? 0 : Array.getLength(data[0]);
        if (d == 0) {
            throw new IllegalArgumentException("data rows must have at least 1 column, got 0");
        }
        for (int i = 0; i < data.length; i++) {
            Object row = data[i];
            if (row == null || Array.getLength(row) != d) {
                throw new IllegalArgumentException("data row " + i + " has "
                        + (row == null ? "no" : Array.getLength(row)) + " columns, expected " + d);
            }
        }
        return d;
    }

    /** The value is boxed so that it prints as its own type does (a float as a float). */
    private static IllegalArgumentException notFinite(int i, int j, Object value) {
        return new IllegalArgumentException("data[" + i + "][" + j + "] is not finite: " + value);
    }
}
