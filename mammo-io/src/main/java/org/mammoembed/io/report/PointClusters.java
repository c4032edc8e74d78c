package org.mammoembed.io.report;

/**
 * Assigns each point to one of {@code k} clusters, for the report's "k-means cluster" colouring; e.g. with
 * mammo-reduce (GPL-3.0, optional), {@code (x, n, d, k) -> KMeans.fit(rows, k, 10, seed).labels()}. An SPI so
 * that the report, like the study, needs nothing beyond core: without one the colouring is simply not offered.
 */
@FunctionalInterface
public interface PointClusters {

    /**
     * @param features row-major N x D features
     * @return N labels in {@code [0, k)}
     */
    int[] assign(float[] features, int rows, int dimension, int k);
}
