/**
 * Dimensionality reduction behind {@link org.mammoembed.core.Reducer}: {@link org.mammoembed.reduce.Pca}
 * (randomized), {@link org.mammoembed.reduce.Tsne} and {@link org.mammoembed.reduce.Umap}. All are plain Java
 * (Smile, GPL-3.0, is used by this module's baselines only and never appears in a public signature), return one
 * finite row per input row in input order, and are deterministic for a seed.
 */
package org.mammoembed.reduce;
