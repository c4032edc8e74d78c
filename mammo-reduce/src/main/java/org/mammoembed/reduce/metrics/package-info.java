/**
 * Internal clustering indices (silhouette, Davies-Bouldin, Calinski-Harabasz, matching scikit-learn) and the
 * seeded k-means sweep behind {@code clustering_metrics.json}.
 */
package org.mammoembed.reduce.metrics;
