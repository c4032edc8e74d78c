package org.mammoembed.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mammoembed.core.Aggregation;
import org.mammoembed.core.EmbeddingResult;
import org.mammoembed.core.MammoException;
import org.mammoembed.core.Projection;
import org.mammoembed.embed.Device;
import org.mammoembed.io.JoinedCsvWriter;
import org.mammoembed.io.RunDirectory;
import org.mammoembed.io.SplitAssignment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code analyze}: the analysis part of {@code embed} on the outputs of a finished run (after a resumed, split or
 * distributed run): reducers, preview plots, 3-D projections, clustering metrics and per-exam aggregation, into
 * the same files {@code embed}'s flags write. Existing files of the same names in OUTDIR are replaced; nothing
 * else there is touched.
 */
@Command(name = "analyze", sortOptions = false, showDefaultValues = true,
        description = "Run reducers, plots, clustering metrics and aggregation on an existing features.npy + "
                + "joined.csv, writing the files embed's flags write (joined.csv with projection columns, "
                + "preview/*.png, *_3d.csv, clustering_metrics.json, features_by_accession.*).")
final class AnalyzeCommand implements Callable<Integer> {
    private final PrintStream out;

    @Option(names = "--features", required = true, paramLabel = "NPY", description = "features.npy of a run. "
            + "Required.")
    Path features;
    @Option(names = "--csv", required = true, paramLabel = "CSV", description = "joined.csv of the same run "
            + "(embed --save-csv). Required.")
    Path csv;
    @Option(names = "--outdir", required = true, paramLabel = "OUTDIR",
            description = "Where the outputs go; may be the run's own folder. Required.")
    Path outdir;
    @Option(names = "--pca", description = "2-D PCA: preview/pca_2d.png and pca_1, pca_2 in joined.csv.")
    boolean pca;
    @Option(names = "--tsne", description = "2-D t-SNE: preview/tsne_2d.png and tsne_1, tsne_2 in joined.csv.")
    boolean tsne;
    @Option(names = "--umap", description = "2-D UMAP: preview/umap_2d.png and umap_1, umap_2 in joined.csv.")
    boolean umap;
    @Option(names = "--cluster", description = "clustering_metrics.json: silhouette, Davies-Bouldin, "
            + "Calinski-Harabasz on the labels and the k-means sweep.")
    boolean cluster;
    @Option(names = "--silhouette-sample", paramLabel = "N", converter = CliConverters.NonNegativeInt.class,
            description = "Rows drawn (seeded) for each silhouette score; 0 computes the exact score on every "
                    + "row (O(N^2)).")
    int silhouetteSample = 0;
    @Option(names = "--projection-3d", description = "Also 3-D projections of each chosen reducer as CSV.")
    boolean projection3d;
    @Option(names = "--aggregate", paramLabel = "mean|max", converter = CliConverters.AggregationConverter.class,
            description = "Also one embedding per exam: features_by_accession.npy + .csv. Default: off.")
    Aggregation aggregate;
    @Option(names = "--seed", paramLabel = "N", converter = CliConverters.AnyLong.class,
            description = "Seed of the reducers, clustering and the Split column (use the run's).")
    long seed = 42;

    AnalyzeCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws IOException, MammoException, UsageException {
        if (!pca && !tsne && !umap && !cluster && aggregate == null) {
            throw new UsageException("analyze: nothing to do; choose at least one of --pca, --tsne, --umap, "
                    + "--cluster, --aggregate");
        }
        if (!Files.isRegularFile(features) || !Files.isRegularFile(csv)) {
            throw new MammoException(org.mammoembed.core.Stage.SCAN, (Files.isRegularFile(features) ? "--csv "
                    + csv : "--features " + features) + " does not exist or is not a file");
        }
        EmbeddingResult result = SavedEmbeddings.read(features, csv);
        out.printf(Locale.ROOT, "analyzing %d embeddings of dimension %d%n", result.size(), result.dimension());
        RunDirectory dir = RunDirectory.prepare(outdir, RunDirectory.Mode.RESUME);
        EmbedOptions o = new EmbedOptions(csv, null, outdir, null, true, pca, tsne, umap, cluster, projection3d, 1,
                seed, Device.cpu(), aggregate, RunDirectory.Mode.RESUME, Long.MAX_VALUE, 1.0, null, 1, List.of(),
                null, Map.of());
        List<String> notes = new ArrayList<>();
        List<Projection> projections = new AnalysisStage(o, dir, silhouetteSample).run(result, notes);
        SplitAssignment split = SplitAssignment.builder().seed(seed).build();
        if (!projections.isEmpty()) {
            JoinedCsvWriter.Builder joined = JoinedCsvWriter.builder().split(split);
            projections.forEach(joined::projection);
            joined.build().write(dir.joinedCsv(), result.index());
        }
        if (aggregate != null) {
            EmbeddingResult exams = result.aggregate(aggregate);
            EmbedJob.writeFeatures(dir.root().resolve("features_by_accession.npy"), exams);
            JoinedCsvWriter.builder().split(split).build()
                    .write(dir.root().resolve("features_by_accession.csv"), exams.index());
        }
        for (String n : notes) {
            out.println("note: " + n);
        }
        out.println("outputs in " + dir.root());
        return 0;
    }
}
