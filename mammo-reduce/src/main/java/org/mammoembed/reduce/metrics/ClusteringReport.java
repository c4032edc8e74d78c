package org.mammoembed.reduce.metrics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Result of {@link ClusteringAnalysis}: the indices of the given (BI-RADS) labels, and the k-means sweep.
 *
 * @param labelScores indices of the given labels
 * @param numSamples  rows
 * @param numFeatures columns
 * @param timestamp   when the analysis ran
 * @param sweep       one entry per k, ascending
 * @param bestK       k with the highest silhouette among the defined ones; null when none is defined
 * @param silhouetteSample rows each silhouette was computed on when sampled; 0 when exact
 */
public record ClusteringReport(ClusterScores labelScores, int numSamples, int numFeatures, Instant timestamp,
                               List<KMeansSweep> sweep, Integer bestK, int silhouetteSample) {
    public ClusteringReport {
        sweep = List.copyOf(sweep);
    }

    /**
     * The Python tool's {@code clustering_metrics.json} shape: {@code silhouette_score},
     * {@code davies_bouldin_index}, {@code calinski_harabasz_score}, {@code num_samples}, {@code num_features},
     * {@code timestamp} (ISO-8601), plus {@code kmeans: {sweep: [...], best_k}}.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>(labelScores.toMap());
        m.put("num_samples", numSamples);
        m.put("num_features", numFeatures);
        m.put("timestamp", timestamp.toString());
        m.put("silhouette_sample_size", silhouetteSample > 0 && silhouetteSample < numSamples
                ? silhouetteSample : null);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (KMeansSweep s : sweep) {
            rows.add(s.toMap());
        }
        Map<String, Object> kmeans = new LinkedHashMap<>();
        kmeans.put("sweep", rows);
        kmeans.put("best_k", bestK);
        m.put("kmeans", kmeans);
        return m;
    }
}
