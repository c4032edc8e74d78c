/** mammo-reduce: PCA, t-SNE, UMAP, clustering metrics and baselines (Smile, GPL-3.0, inside only). */
module org.mammoembed.reduce {
    requires transitive org.mammoembed.core;
    requires org.slf4j;
    requires smile.core;
    requires smile.base;

    exports org.mammoembed.reduce;
    exports org.mammoembed.reduce.baselines;
    exports org.mammoembed.reduce.metrics;
}
