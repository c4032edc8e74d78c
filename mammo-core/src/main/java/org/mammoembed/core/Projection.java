package org.mammoembed.core;

import java.util.Map;
import java.util.Objects;

/**
 * The output of a {@link Reducer}: one row of {@code dimensions} coordinates per input row, in input order.
 *
 * @param method      e.g. "pca", "tsne", "umap"
 * @param coordinates n x k
 * @param details     method-specific facts (explained variance ratio, effective perplexity, ...), JSON-friendly
 */
public record Projection(String method, double[][] coordinates, Map<String, Object> details) {
    public Projection {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(coordinates, "coordinates");
        details = Map.copyOf(details);
    }

    public int rows() {
        return coordinates.length;
    }

    public int dimensions() {
        return coordinates.length == 0 ? 0 : coordinates[0].length;
    }
}
