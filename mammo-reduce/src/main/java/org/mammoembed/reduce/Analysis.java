package org.mammoembed.reduce;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mammoembed.core.AnalysisResult;
import org.mammoembed.core.BiRadsDensity;
import org.mammoembed.core.EmbeddingAnalysis;
import org.mammoembed.core.Projection;
import org.mammoembed.core.Reducer;
import org.mammoembed.core.StageListener;
import org.mammoembed.core.StageProgress;
import org.mammoembed.reduce.metrics.ClusteringAnalysis;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exploration step of a study, for {@code EmbeddingStudy.builder().analysis(...)} or
 * {@code StudyAnalysis.onOutputs(...)}: 2-D projections (PCA, t-SNE, UMAP; preview plots and {@code joined.csv}
 * columns), optionally their 3-D versions, and the clustering metrics.
 *
 * <pre>{@code
 * Analysis a = Analysis.builder().pca().tsne().umap().clustering().build();
 * }</pre>
 *
 * Each reducer and the metrics are seeded from the study's seed. A step that cannot run on the data (too few
 * images) is skipped with a note, never an exception. Immutable.
 */
public final class Analysis implements EmbeddingAnalysis {
    private static final Logger LOG = LoggerFactory.getLogger(Analysis.class);
    private final boolean pca;
    private final boolean tsne;
    private final boolean umap;
    private final boolean projections3d;
    private final boolean clustering;
    private final int silhouetteSample;

    private Analysis(Builder b) {
        this.pca = b.pca;
        this.tsne = b.tsne;
        this.umap = b.umap;
        this.projections3d = b.projections3d;
        this.clustering = b.clustering;
        this.silhouetteSample = b.silhouetteSample;
    }

    /** A builder with every step off. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pca", pca);
        m.put("tsne", tsne);
        m.put("umap", umap);
        m.put("projections3d", projections3d);
        m.put("clustering", clustering);
        m.put("silhouetteSample", silhouetteSample);
        return m;
    }

    @Override
    public AnalysisResult run(float[][] x, List<BiRadsDensity> labels, long seed, StageListener listener) {
        List<String> notes = new ArrayList<>();
        List<Projection> p2 = new ArrayList<>();
        for (Reducer r : reducers(2, seed)) {
            Projection p = project(r, x, notes, listener);
            if (p != null) {
                p2.add(p);
            }
        }
        List<Projection> p3 = new ArrayList<>();
        if (projections3d) {
            for (Reducer r : reducers(3, seed)) {
                Projection p = project(r, x, notes, listener);
                if (p != null) {
                    p3.add(p);
                }
            }
        }
        Map<String, Object> metrics = Map.of();
        if (clustering) {
            ClusteringAnalysis.Builder cb = ClusteringAnalysis.builder().seed(seed);
            if (silhouetteSample > 0) {
                cb.silhouetteSample(silhouetteSample);
            }
            try {
                metrics = cb.build().run(x, labels, listener).toMap();
            } catch (IllegalArgumentException e) {
                String note = "clustering metrics skipped: " + e.getMessage();
                LOG.warn(note);
                notes.add(note);
            }
        }
        return new AnalysisResult(p2, p3, metrics, notes);
    }

    private List<Reducer> reducers(int dims, long seed) {
        List<Reducer> list = new ArrayList<>();
        if (pca) {
            list.add(Pca.builder().components(dims).seed(seed).build());
        }
        if (tsne) {
            list.add(Tsne.builder().dimensions(dims).seed(seed).build());
        }
        if (umap) {
            list.add(Umap.builder().dimensions(dims).seed(seed).build());
        }
        return list;
    }

    private static Projection project(Reducer r, float[][] x, List<String> notes, StageListener listener) {
        String stage = r.name() + (r.dimensions() == 3 ? "-3d" : "");
        try {
            return r.fitTransform(x, p -> listener.onStage(new StageProgress(stage, p.done(), p.total(), p.unit(),
                    p.failed(), p.elapsed(), p.eta())));
        } catch (IllegalArgumentException e) {
            String note = r.name() + " skipped: " + e.getMessage();
            LOG.warn(note);
            notes.add(note);
            return null;
        }
    }

    /** Options of an {@link Analysis}; every step is off by default. */
    public static final class Builder {
        private boolean pca;
        private boolean tsne;
        private boolean umap;
        private boolean projections3d;
        private boolean clustering;
        private int silhouetteSample;

        private Builder() {
        }

        /** PCA to 2 components (preview and {@code pca_1, pca_2} columns). Default off. */
        public Builder pca() {
            this.pca = true;
            return this;
        }

        /** t-SNE to 2 dimensions. Default off. */
        public Builder tsne() {
            this.tsne = true;
            return this;
        }

        /** UMAP to 2 dimensions. Default off. */
        public Builder umap() {
            this.umap = true;
            return this;
        }

        /** Also each chosen reducer to 3 dimensions, written as {@code <method>_3d.csv}. Default false. */
        public Builder projections3d(boolean on) {
            this.projections3d = on;
            return this;
        }

        /**
         * Clustering metrics on the density labels and the k-means sweep ({@code clustering_metrics.json}).
         * Default off.
         */
        public Builder clustering() {
            this.clustering = true;
            return this;
        }

        /**
         * Bounds the silhouette's O(N²) cost by computing it on a seeded sample of this many rows; 0 (the
         * default) means exact.
         *
         * @throws IllegalArgumentException when negative
         */
        public Builder silhouetteSample(int rows) {
            if (rows < 0) {
                throw new IllegalArgumentException("silhouetteSample must be >= 0, got " + rows);
            }
            this.silhouetteSample = rows;
            return this;
        }

        /** An immutable analysis with these steps. */
        public Analysis build() {
            return new Analysis(this);
        }
    }
}
