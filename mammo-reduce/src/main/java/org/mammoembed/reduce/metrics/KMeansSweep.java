package org.mammoembed.reduce.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One k of the k-means sweep: the clustering's inertia and its three indices.
 *
 * @param k       number of clusters
 * @param scores  indices of the k-means labels (null values with a reason when undefined, e.g. k >= n)
 * @param inertia sum of squared distances to the centres; NaN when k-means did not run (k > n)
 */
public record KMeansSweep(int k, ClusterScores scores, double inertia) {

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("k", k);
        m.putAll(scores.toMap());
        m.put("inertia", Double.isNaN(inertia) ? null : inertia);
        return m;
    }
}
