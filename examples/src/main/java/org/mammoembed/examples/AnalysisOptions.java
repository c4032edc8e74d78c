package org.mammoembed.examples;

import org.mammoembed.core.Aggregation;
import org.mammoembed.reduce.Analysis;
import picocli.CommandLine.Option;

/** The analysis options {@code embed} and {@code analyze} share (a picocli mixin). */
final class AnalysisOptions {
    @Option(names = "--pca", description = "2-D PCA: preview/pca_2d.png and pca_1, pca_2 in joined.csv.")
    boolean pca;
    @Option(names = "--tsne", description = "2-D t-SNE: preview/tsne_2d.png and tsne_1, tsne_2 in joined.csv.")
    boolean tsne;
    @Option(names = "--umap", description = "2-D UMAP: preview/umap_2d.png and umap_1, umap_2 in joined.csv.")
    boolean umap;
    @Option(names = "--cluster", description = "clustering_metrics.json: silhouette, Davies-Bouldin, "
            + "Calinski-Harabasz on the labels and the k-means sweep.")
    boolean cluster;
    @Option(names = "--projection-3d", description = "Also 3-D projections of each chosen reducer as CSV.")
    boolean projection3d;
    @Option(names = "--aggregate", paramLabel = "mean|max", converter = CliConverters.AggregationConverter.class,
            description = "Also one embedding per exam: features_by_accession.npy + .csv. Default: off.")
    Aggregation aggregate;

    /** Whether any projection or the clustering metrics were asked for. */
    boolean anyAnalysis() {
        return pca || tsne || umap || cluster;
    }

    /** The library's analysis for these options ({@code silhouetteSample} rows, 0 for all), or null for none. */
    Analysis analysis(int silhouetteSample) {
        if (!anyAnalysis()) {
            return null;
        }
        Analysis.Builder a = Analysis.builder().projections3d(projection3d).silhouetteSample(silhouetteSample);
        if (pca) {
            a.pca();
        }
        if (tsne) {
            a.tsne();
        }
        if (umap) {
            a.umap();
        }
        if (cluster) {
            a.clustering();
        }
        return a.build();
    }
}
