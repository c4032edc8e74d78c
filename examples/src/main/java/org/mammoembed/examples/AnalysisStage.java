package org.mammoembed.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.mammoembed.core.BiRadsDensity;
import org.mammoembed.core.EmbeddingResult;
import org.mammoembed.core.Projection;
import org.mammoembed.core.Reducer;
import org.mammoembed.io.JsonOutput;
import org.mammoembed.io.ProjectionCsv;
import org.mammoembed.io.RunDirectory;
import org.mammoembed.io.ScatterPlot;
import org.mammoembed.reduce.Pca;
import org.mammoembed.reduce.Tsne;
import org.mammoembed.reduce.Umap;
import org.mammoembed.reduce.metrics.ClusteringAnalysis;
import org.mammoembed.reduce.metrics.ClusteringReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exploration part of {@code embed}: 2-D projections with their preview plots (and 3-D ones as CSV when
 * asked), and the clustering metrics. Each step that cannot run on this data (too few images) is logged and
 * skipped; it never loses the embeddings already written.
 */
final class AnalysisStage {
    private static final Logger LOG = LoggerFactory.getLogger(AnalysisStage.class);
    private final EmbedOptions options;
    private final RunDirectory dir;
    /** Rows drawn for each silhouette, 0 for the exact one (analyze --silhouette-sample). */
    private final int silhouetteSample;

    AnalysisStage(EmbedOptions options, RunDirectory dir) {
        this(options, dir, 0);
    }

    AnalysisStage(EmbedOptions options, RunDirectory dir, int silhouetteSample) {
        this.options = options;
        this.dir = dir;
        this.silhouetteSample = silhouetteSample;
    }

    /** The 2-D projections made (for joined.csv), in the order pca, tsne, umap. */
    List<Projection> run(EmbeddingResult result, List<String> notes) throws IOException {
        List<Projection> projections = new ArrayList<>();
        if (!options.anyReducer() && !options.cluster()) {
            return projections;
        }
        float[][] x = result.toMatrix();
        List<BiRadsDensity> labels = ScatterPlot.labelsOf(result.index());
        ScatterPlot plot = ScatterPlot.builder().build();
        List<Reducer> reducers = new ArrayList<>();
        if (options.pca()) {
            reducers.add(Pca.builder().components(2).seed(options.seed()).build());
        }
        if (options.tsne()) {
            reducers.add(Tsne.builder().dimensions(2).seed(options.seed()).build());
        }
        if (options.umap()) {
            reducers.add(Umap.builder().dimensions(2).seed(options.seed()).build());
        }
        for (Reducer r : reducers) {
            Projection p = project(r, x, notes);
            if (p == null) {
                continue;
            }
            projections.add(p);
            Files.createDirectories(dir.preview2d(r.name()).getParent());
            plot.write(dir.preview2d(r.name()), p, labels);
        }
        Projection pca = find(projections, "pca");
        Projection tsne = find(projections, "tsne");
        if (pca != null && tsne != null) {
            plot.writeSideBySide(dir.previewPcaTsne(), List.of(pca, tsne), labels);
        }
        if (options.projection3d()) {
            for (Reducer r3 : reducers3d()) {
                Projection p3 = project(r3, x, notes);
                if (p3 != null) {
                    ProjectionCsv.write(dir.projection3dCsv(r3.name()), result.index(), p3);
                }
            }
        }
        if (options.cluster()) {
            ClusteringReport report = ClusteringAnalysis.builder().seed(options.seed())
                    .silhouetteSample(silhouetteSample).build().run(x, labels);
            JsonOutput.write(dir.clusteringMetricsJson(), report.toMap());
        }
        return projections;
    }

    private List<Reducer> reducers3d() {
        List<Reducer> list = new ArrayList<>();
        if (options.pca()) {
            list.add(Pca.builder().components(3).seed(options.seed()).build());
        }
        if (options.tsne()) {
            list.add(Tsne.builder().dimensions(3).seed(options.seed()).build());
        }
        if (options.umap()) {
            list.add(Umap.builder().dimensions(3).seed(options.seed()).build());
        }
        return list;
    }

    private static Projection project(Reducer r, float[][] x, List<String> notes) {
        try {
            return r.fitTransform(x);
        } catch (IllegalArgumentException e) {
            String note = r.name() + " skipped: " + e.getMessage();
            LOG.warn(note);
            notes.add(note);
            return null;
        }
    }

    private static Projection find(List<Projection> ps, String method) {
        for (Projection p : ps) {
            if (p.method().equals(method)) {
                return p;
            }
        }
        return null;
    }
}
