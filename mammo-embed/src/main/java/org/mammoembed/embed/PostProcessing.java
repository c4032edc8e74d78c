package org.mammoembed.embed;

/**
 * What happens to a feature vector after the network (the post-processing half of the translator). Part of
 * the recipe: {@link Preprocessing#describe()} names it, so it is part of cache keys and run provenance.
 */
public enum PostProcessing {
    /** Raw network output (the default, as the original pipeline). */
    NONE("none"),
    /**
     * Each vector divided by its Euclidean norm (accumulated in double, divided in float), so that dot products
     * are cosine similarities; an all-zero vector stays zero.
     */
    L2("l2");

    private final String label;

    PostProcessing(String label) {
        this.label = label;
    }

    /** Stable text form used in {@code describe()}: {@code none} or {@code l2}. */
    public String label() {
        return label;
    }

    /** Applies this step in place to {@code rows} vectors of {@code dim} values stored row after row. */
    void apply(float[] features, int rows, int dim) {
        if (this == NONE) {
            return;
        }
        for (int r = 0; r < rows; r++) {
            int base = r * dim;
            double sum = 0;
            for (int i = 0; i < dim; i++) {
                double v = features[base + i];
                sum += v * v;
            }
            if (sum > 0) {
                float norm = (float) Math.sqrt(sum);
                for (int i = 0; i < dim; i++) {
                    features[base + i] /= norm;
                }
            }
        }
    }
}
