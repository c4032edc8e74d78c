package org.mammoembed.core;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The output of a {@link Reducer}: one row of {@link #dimensions()} coordinates per input row, in input order.
 * Immutable: the constructor copies the coordinates, and every accessor that returns an array returns a copy.
 */
public final class Projection {
    private final String method;
    private final double[][] coordinates;
    private final double[] explainedVarianceRatio;
    private final Map<String, Object> details;

    /**
     * @param method      e.g. "pca", "tsne", "umap"
     * @param coordinates n x k, copied
     * @param details     other method-specific facts for provenance (effective perplexity, ...), JSON-friendly
     */
    public Projection(String method, double[][] coordinates, Map<String, Object> details) {
        this(method, coordinates, null, details);
    }

    /**
     * A projection whose method explains variance (PCA).
     *
     * @param explainedVarianceRatio one per dimension, copied; null when the method has none
     */
    public Projection(String method, double[][] coordinates, double[] explainedVarianceRatio,
                      Map<String, Object> details) {
        this.method = Objects.requireNonNull(method, "method");
        Objects.requireNonNull(coordinates, "coordinates");
        this.coordinates = new double[coordinates.length][];
        for (int i = 0; i < coordinates.length; i++) {
            this.coordinates[i] = Objects.requireNonNull(coordinates[i], "coordinates row").clone();
            if (this.coordinates[i].length != this.coordinates[0].length) {
                throw new IllegalArgumentException("coordinates row " + i + " has " + coordinates[i].length
                        + " values, row 0 has " + coordinates[0].length);
            }
        }
        if (explainedVarianceRatio != null && coordinates.length > 0
                && explainedVarianceRatio.length != this.coordinates[0].length) {
            throw new IllegalArgumentException("explainedVarianceRatio has " + explainedVarianceRatio.length
                    + " values for " + this.coordinates[0].length + " dimensions");
        }
        this.explainedVarianceRatio = explainedVarianceRatio == null ? null : explainedVarianceRatio.clone();
        this.details = Map.copyOf(new LinkedHashMap<>(Objects.requireNonNull(details, "details")));
    }

    public String method() {
        return method;
    }

    public int rows() {
        return coordinates.length;
    }

    public int dimensions() {
        return coordinates.length == 0 ? 0 : coordinates[0].length;
    }

    /** Coordinate {@code dimension} of row {@code row}, without copying. */
    public double coordinate(int row, int dimension) {
        return coordinates[row][dimension];
    }

    /** A copy of one row. */
    public double[] row(int row) {
        return coordinates[row].clone();
    }

    /** A copy of all n x k coordinates. */
    public double[][] coordinates() {
        double[][] copy = new double[coordinates.length][];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = coordinates[i].clone();
        }
        return copy;
    }

    /** PCA's share of the total variance per component (a copy); empty for methods without one. */
    public Optional<double[]> explainedVarianceRatio() {
        return explainedVarianceRatio == null ? Optional.empty() : Optional.of(explainedVarianceRatio.clone());
    }

    /** Other method-specific facts (seed, effective perplexity, KL divergence, ...), unmodifiable. */
    public Map<String, Object> details() {
        return details;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Projection p && method.equals(p.method) && Arrays.deepEquals(coordinates, p.coordinates)
                && Arrays.equals(explainedVarianceRatio, p.explainedVarianceRatio) && details.equals(p.details);
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, Arrays.deepHashCode(coordinates), Arrays.hashCode(explainedVarianceRatio),
                details);
    }

    @Override
    public String toString() {
        return "Projection[" + method + ", " + rows() + "x" + dimensions() + ", " + details + "]";
    }
}
