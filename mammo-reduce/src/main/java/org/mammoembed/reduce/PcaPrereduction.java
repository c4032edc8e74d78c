package org.mammoembed.reduce;

/**
 * The optional PCA step that t-SNE and UMAP run before their neighbour search: it removes most of the cost of
 * distances in d = 2048 and most of the noise, as the Python tool's pipeline (and the t-SNE authors) advise.
 */
final class PcaPrereduction {
    private PcaPrereduction() {
    }

    /** Power iterations for the pre-reduction: enough for a neighbour graph, cheaper than for plotting. */
    private static final int POWER_ITERATIONS = 4;

    /**
     * Returns the rows as doubles, reduced to {@code dimensions} principal components when the data has more
     * columns than that (and {@code dimensions > 0}).
     */
    static double[][] apply(float[][] data, int dimensions, long seed) {
        int d = data[0].length;
        if (reduces(d, dimensions)) {
            return PcaModel.fit(data, dimensions, POWER_ITERATIONS, seed).project(data);
        }
        double[][] out = new double[data.length][d];
        for (int i = 0; i < data.length; i++) {
            for (int j = 0; j < d; j++) {
                out[i][j] = data[i][j];
            }
        }
        return out;
    }

    /** True when {@link #apply} reduces. */
    static boolean reduces(int columns, int dimensions) {
        return dimensions > 0 && columns > dimensions;
    }

    /** The components {@link #apply} keeps, or 0 when it does not reduce (the {@code pca_dimensions} detail). */
    static int keptDimensions(int columns, int dimensions) {
        return reduces(columns, dimensions) ? dimensions : 0;
    }
}
