/**
 * Outputs of a run, all written atomically ({@code internal.AtomicOutput}) into a
 * {@link org.mammoembed.io.RunDirectory}:
 * <ul>
 *   <li>{@code embeddings.npy}: float32 (N, D), streamed by {@link org.mammoembed.io.NpyWriter};</li>
 *   <li>{@code joined.csv}: one row per embedding ({@link org.mammoembed.io.JoinedCsvWriter});</li>
 *   <li>{@code failures.csv}: scan problems and failed images ({@link org.mammoembed.io.FailuresCsv});</li>
 *   <li>{@code run.json}: provenance ({@link org.mammoembed.io.RunManifest}); {@code clustering_metrics.json},
 *       {@code baselines.json}: reports ({@link org.mammoembed.io.JsonOutput});</li>
 *   <li>{@code preview/pca_2d.png}, {@code tsne_2d.png}, {@code umap_2d.png}, {@code embeddings_pca_tsne.png}
 *       ({@link org.mammoembed.io.ScatterPlot}); {@code <method>_3d.csv} ({@link org.mammoembed.io.ProjectionCsv});</li>
 *   <li>{@code .checkpoint/}: resume state ({@link org.mammoembed.io.CheckpointStore}).</li>
 * </ul>
 * Optional: an {@link org.mammoembed.io.EmbeddingCache} folder shared between runs.
 */
package org.mammoembed.io;
