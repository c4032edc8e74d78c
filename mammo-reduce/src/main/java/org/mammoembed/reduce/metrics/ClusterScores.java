package org.mammoembed.reduce.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The three internal clustering indices for one labelling. A value is null when the index is undefined for
 * the input (fewer than 2 labels, or as many labels as rows), with {@code reason} saying why.
 *
 * @param silhouette        mean silhouette coefficient (euclidean), in [-1, 1], higher is better
 * @param daviesBouldin     Davies-Bouldin index, >= 0, lower is better
 * @param calinskiHarabasz  Calinski-Harabasz variance ratio, >= 0, higher is better
 * @param reason            why the values are null; null when they are defined
 */
public record ClusterScores(Double silhouette, Double daviesBouldin, Double calinskiHarabasz, String reason) {

    static ClusterScores undefined(String reason) {
        return new ClusterScores(null, null, null, reason);
    }

    /** Keys as in scikit-learn's names (the Python tool's JSON): null values are kept, with the reason. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("silhouette_score", silhouette);
        m.put("davies_bouldin_index", daviesBouldin);
        m.put("calinski_harabasz_score", calinskiHarabasz);
        if (reason != null) {
            m.put("reason", reason);
        }
        return m;
    }
}
