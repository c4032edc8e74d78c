package org.mammoembed.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an {@link EmbeddingAnalysis} produced.
 *
 * @param projections2d     2-D projections in the order pca, tsne, umap (columns of {@code joined.csv}, previews)
 * @param projections3d     3-D projections (written as {@code <method>_3d.csv}); empty unless asked
 * @param clusteringMetrics the content of {@code clustering_metrics.json}, JSON-friendly; empty when not asked
 * @param notes             steps skipped and why, for the log and the console
 */
public record AnalysisResult(List<Projection> projections2d, List<Projection> projections3d,
                             Map<String, Object> clusteringMetrics, List<String> notes) {
    public AnalysisResult {
        projections2d = List.copyOf(projections2d);
        projections3d = List.copyOf(projections3d);
        clusteringMetrics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(
                Objects.requireNonNull(clusteringMetrics, "clusteringMetrics")));
        notes = List.copyOf(notes);
    }

    /** Nothing done. */
    public static AnalysisResult empty() {
        return new AnalysisResult(List.of(), List.of(), Map.of(), List.of());
    }
}
