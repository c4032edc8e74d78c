package org.mammoembed.core;

/**
 * A dimensionality reduction. Implementations (PCA, t-SNE, UMAP in {@code mammo-reduce}) are configured and
 * seeded at construction, are deterministic for a given seed, and always return exactly one output row per
 * input row, never NaN.
 */
public interface Reducer {

    /** Short lower-case name used in file names ("pca", "tsne", "umap"). */
    String name();

    /** Number of output dimensions. */
    int dimensions();

    /**
     * Fits on {@code data} (n rows x d columns) and returns its projection.
     *
     * @throws IllegalArgumentException when n is too small for the method (the message says the minimum)
     */
    Projection fitTransform(float[][] data);

    /**
     * {@link #fitTransform(float[][])}, telling {@code listener} how far it got under the stage name
     * {@link #name()}. The default reports the start and the end; iterative methods report their iterations.
     */
    default Projection fitTransform(float[][] data, StageListener listener) {
        long start = System.nanoTime();
        listener.onStage(StageProgress.of(name(), 0, 1, "steps", 0, start));
        Projection p = fitTransform(data);
        listener.onStage(StageProgress.of(name(), 1, 1, "steps", 0, start));
        return p;
    }
}
