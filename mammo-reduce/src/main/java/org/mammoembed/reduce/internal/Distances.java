package org.mammoembed.reduce.internal;

/**
 * Euclidean distance arithmetic shared by the reducers and the clustering metrics. Internal to mammo-reduce
 * (public only so that its sub-packages can share it).
 */
public final class Distances {
    private Distances() {
    }

    /** The squared Euclidean distance between two vectors of equal length, summed in index order. */
    public static double squared(double[] a, double[] b) {
        double s = 0.0;
        for (int t = 0; t < a.length; t++) {
            double diff = a[t] - b[t];
            s += diff * diff;
        }
        return s;
    }
}
