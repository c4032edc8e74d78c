package org.mammoembed.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import org.mammoembed.core.AnalysisResult;
import org.mammoembed.core.InputPaths;
import org.mammoembed.core.MammoException;
import org.mammoembed.core.Stage;
import org.mammoembed.embed.EmbeddingExtractor;
import org.mammoembed.embed.NetworkInputs;
import org.mammoembed.embed.Preprocessing;
import org.mammoembed.io.study.StudyAnalysis;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code analyze}: the analysis part of {@code embed} on the outputs of a finished run (after a resumed, split or
 * distributed run), through the library's {@link StudyAnalysis}: reducers, preview plots, 3-D projections,
 * clustering metrics and per-exam aggregation, into the same files {@code embed}'s flags write. Features and
 * joined.csv from elsewhere are first copied into OUTDIR.
 */
@Command(name = "analyze", sortOptions = false, showDefaultValues = true,
        description = "Run reducers, plots, clustering metrics and aggregation on an existing features.npy + "
                + "joined.csv, writing the files embed's flags write (joined.csv with projection columns, "
                + "preview/*.png, *_3d.csv, clustering_metrics.json, features_by_accession.*).")
final class AnalyzeCommand implements Callable<Integer> {
    private final PrintStream out;

    @Option(names = "--outdir", required = true, paramLabel = "OUTDIR",
            description = "The run's folder (or a new one): where the outputs go. Required.")
    Path outdir;
    @Option(names = "--features", paramLabel = "NPY",
            description = "features.npy of the run; one from elsewhere is copied into OUTDIR. Default: "
                    + "OUTDIR/features.npy.")
    Path features;
    @Option(names = "--csv", paramLabel = "CSV",
            description = "joined.csv of the same run (embed --save-csv); one from elsewhere is copied into OUTDIR. "
                    + "Default: OUTDIR/joined.csv.")
    Path csv;
    @Mixin
    AnalysisOptions analysis = new AnalysisOptions();
    @Option(names = "--silhouette-sample", paramLabel = "N", converter = CliConverters.NonNegativeInt.class,
            description = "Rows drawn (seeded) for each silhouette score; 0 computes the exact score on every "
                    + "row (O(N^2)).")
    int silhouetteSample = 0;
    @Option(names = "--seed", paramLabel = "N", converter = CliConverters.AnyLong.class,
            description = "Seed of the reducers, clustering and the Split column. Default: the seed in OUTDIR's "
                    + "run.json (the run's own), else 42.")
    Long seed;
    @Option(names = "--report", description = "Also report.html + report/: the interactive report of the "
            + "outputs (open it from the file system; thumbnails come from an embed --report run in OUTDIR, or "
            + "from --dicom-root).")
    boolean report;
    @Option(names = "--dicom-root", paramLabel = "DIR", description = "With --report: make the thumbnails the "
            + "report lacks by reading the run's images again under DIR (the run's --dicom-root) and preprocessing "
            + "them as embed does. Refused when the run's run.json records another preprocessing. Default: none "
            + "(only the thumbnails the run made).")
    Path dicomRoot;

    AnalyzeCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws IOException, MammoException, UsageException {
        if (!analysis.anyAnalysis() && analysis.aggregate == null && !report) {
            throw new UsageException("analyze: nothing to do; choose at least one of --pca, --tsne, --umap, "
                    + "--cluster, --aggregate, --report");
        }
        if (dicomRoot != null && !report) {
            throw new UsageException("analyze: --dicom-root makes thumbnails for --report; add --report");
        }
        if (dicomRoot != null) {
            InputPaths.requireFolder(dicomRoot, "--dicom-root", Stage.SCAN);
        }
        Files.createDirectories(outdir);
        bringInto(features, "features.npy", "--features");
        bringInto(csv, "joined.csv", "--csv");
        long s = seed != null ? seed : StudyAnalysis.recordedSeed(outdir).orElse(42);
        StudyAnalysis study = StudyAnalysis.onOutputs(outdir).seed(s).aggregate(analysis.aggregate)
                .progress(ConsoleProgress.forStdErr()).report(report).reportClusters(ReportKMeans.seeded(s));
        if (analysis.anyAnalysis()) {
            study.analysis(analysis.analysis(silhouetteSample));
        }
        if (dicomRoot == null) {
            return printed(study.run());
        }
        // the default recipe embed took for the run's model, no network loaded; reads are confined to the images'
        // root (links out of it refused), and a run that preprocessed otherwise is refused before anything is written
        Preprocessing recipe = StudyAnalysis.recordedPreprocessing(outdir).flatMap(Preprocessing::defaultDescribedAs)
                .orElse(Preprocessing.defaults());
        NetworkInputs inputs = EmbeddingExtractor.builder().preprocessing(recipe).buildInputs();
        return printed(study.thumbnails(inputs, dicomRoot).run());
    }

    private int printed(AnalysisResult r) {
        for (String n : r.notes()) {
            out.println("note: " + n);
        }
        out.println("outputs in " + outdir.toAbsolutePath().normalize());
        if (report) {
            out.println("report: open " + outdir.toAbsolutePath().normalize().resolve("report.html").toUri()
                    + " in a browser");
        }
        return 0;
    }

    /** Copies a run's file into OUTDIR under its standard name, unless it is already there. */
    private void bringInto(Path source, String name, String option) throws IOException, MammoException,
            UsageException {
        Path target = outdir.resolve(name);
        if (source == null || (Files.exists(target) && Files.isSameFile(source, target))) {
            return;
        }
        InputPaths.requireFile(source, option, Stage.READ);
        if (Files.exists(target)) {
            throw new UsageException("analyze: " + outdir + " already holds another " + name + "; leave out "
                    + option + " to analyze that one, or choose another --outdir");
        }
        Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
    }
}
