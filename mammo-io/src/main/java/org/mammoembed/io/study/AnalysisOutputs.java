package org.mammoembed.io.study;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.mammoembed.core.Aggregation;
import org.mammoembed.core.AnalysisResult;
import org.mammoembed.core.BiRadsDensity;
import org.mammoembed.core.EmbeddedImage;
import org.mammoembed.core.EmbeddingResult;
import org.mammoembed.core.Projection;
import org.mammoembed.io.JoinedCsvWriter;
import org.mammoembed.io.JsonOutput;
import org.mammoembed.io.NpyWriter;
import org.mammoembed.io.ProjectionCsv;
import org.mammoembed.io.RunDirectory;
import org.mammoembed.io.ScatterPlot;
import org.mammoembed.io.SplitAssignment;

/**
 * Writes what an analysis produced: {@code preview/<method>_2d.png} per 2-D projection,
 * {@code preview/embeddings_pca_tsne.png} when both exist, {@code <method>_3d.csv}, and
 * {@code clustering_metrics.json}; and the per-exam aggregation. One place for a study run and for
 * {@link StudyAnalysis} on old outputs.
 */
final class AnalysisOutputs {
    private AnalysisOutputs() {
    }

    static void write(RunDirectory dir, AnalysisResult r, List<EmbeddedImage> index) throws IOException {
        List<BiRadsDensity> labels = ScatterPlot.labelsOf(index);
        ScatterPlot plot = ScatterPlot.builder().build();
        for (Projection p : r.projections2d()) {
            Files.createDirectories(dir.preview2d(p.method()).getParent());
            StudyFiles.write("preview/" + p.method() + "_2d.png", "analysis",
                    () -> plot.write(dir.preview2d(p.method()), p, labels));
        }
        Projection pca = find(r.projections2d(), "pca");
        Projection tsne = find(r.projections2d(), "tsne");
        if (pca != null && tsne != null) {
            StudyFiles.write("preview/embeddings_pca_tsne.png", "analysis",
                    () -> plot.writeSideBySide(dir.previewPcaTsne(), List.of(pca, tsne), labels));
        }
        for (Projection p3 : r.projections3d()) {
            StudyFiles.write(p3.method() + "_3d.csv", "analysis",
                    () -> ProjectionCsv.write(dir.projection3dCsv(p3.method()), index, p3));
        }
        if (!r.clusteringMetrics().isEmpty()) {
            StudyFiles.write("clustering_metrics.json", "analysis",
                    () -> JsonOutput.write(dir.clusteringMetricsJson(), r.clusteringMetrics()));
        }
    }

    /** {@code features_by_accession.npy} and {@code .csv}: one embedding per exam, {@code how} aggregated. */
    static void writeAggregation(RunDirectory dir, EmbeddingResult result, Aggregation how, SplitAssignment split)
            throws IOException {
        EmbeddingResult exams = result.aggregate(how);
        StudyFiles.write("features_by_accession.npy", "aggregation",
                () -> writeFeatures(dir.root().resolve("features_by_accession.npy"), exams));
        StudyFiles.write("features_by_accession.csv", "aggregation", () -> JoinedCsvWriter.builder().split(split)
                .build().write(dir.root().resolve("features_by_accession.csv"), exams.index()));
    }

    /** The rows of {@code result} as a float32 {@code .npy}, committed atomically. */
    static void writeFeatures(Path target, EmbeddingResult result) throws IOException {
        try (NpyWriter npy = NpyWriter.create(target, result.dimension())) {
            for (int i = 0; i < result.size(); i++) {
                npy.append(result.row(i));
            }
            npy.commit();
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
