package org.mammoembed.examples;

import org.mammoembed.io.report.PointClusters;
import org.mammoembed.reduce.metrics.KMeans;

/**
 * The report's k-means colouring from mammo-reduce: the same k-means++ fit (10 restarts, the study's seed) as
 * the clustering metrics' sweep, at its best k, so the colours are the clusters the metrics describe.
 */
final class ReportKMeans {
    private ReportKMeans() {
    }

    static PointClusters seeded(long seed) {
        return (x, n, d, k) -> {
            double[][] rows = new double[n][d];
            for (int i = 0; i < n; i++) {
                for (int t = 0; t < d; t++) {
                    rows[i][t] = x[i * d + t];
                }
            }
            return KMeans.fit(rows, k, 10, seed).labels();
        };
    }
}
