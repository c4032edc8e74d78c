package org.mammoembed.io.study;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.mammoembed.core.Aggregation;
import org.mammoembed.core.AnalysisResult;
import org.mammoembed.core.EmbeddedImage;
import org.mammoembed.core.EmbeddingAnalysis;
import org.mammoembed.core.EmbeddingResult;
import org.mammoembed.core.ImageRecord;
import org.mammoembed.core.MammoException;
import org.mammoembed.core.NetworkInputSource;
import org.mammoembed.core.Stage;
import org.mammoembed.core.StageListener;
import org.mammoembed.io.JoinedCsvWriter;
import org.mammoembed.io.JsonOutput;
import org.mammoembed.io.RunDirectory;
import org.mammoembed.io.ScatterPlot;
import org.mammoembed.io.SplitAssignment;
import org.mammoembed.io.report.PointClusters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The analysis of a study on outputs that already exist ({@code features.npy} + {@code joined.csv}), e.g. after a
 * resumed, split or distributed run: writes the same files as a study with that analysis (previews, 3-D CSVs,
 * {@code clustering_metrics.json}), rewrites {@code joined.csv} with the new projection columns (other columns
 * kept), and optionally the per-exam aggregation.
 *
 * <pre>{@code
 * AnalysisResult r = StudyAnalysis.onOutputs(dir)
 *         .analysis(Analysis.builder().pca().tsne().clustering().build())
 *         .aggregate(Aggregation.MEAN)
 *         .run();
 * }</pre>
 */
public final class StudyAnalysis {
    private static final Logger LOG = LoggerFactory.getLogger(StudyAnalysis.class);
    private static final long DEFAULT_SEED = 42;
    private final Path dir;
    private EmbeddingAnalysis analysis;
    private Aggregation aggregate;
    private Long seed;
    private StageListener progress = StageListener.NONE;
    private boolean report;
    private PointClusters reportClusters;
    private NetworkInputSource thumbnailInputs;
    private Path imageRoot;

    private StudyAnalysis(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    /** An analysis of the outputs in {@code dir}; nothing is read before {@link #run()}. */
    public static StudyAnalysis onOutputs(Path dir) {
        return new StudyAnalysis(Objects.requireNonNull(dir, "dir"));
    }

    /** What to compute. Default none (then only the aggregation, if asked). */
    public StudyAnalysis analysis(EmbeddingAnalysis analysis) {
        this.analysis = analysis;
        return this;
    }

    /** Also write {@code features_by_accession.npy} + {@code .csv}. Default none. */
    public StudyAnalysis aggregate(Aggregation how) {
        this.aggregate = how;
        return this;
    }

    /**
     * Seed of the analysis and of joined.csv's Split column. Default: the seed the study ran with, as its
     * {@code run.json} records it ({@link #recordedSeed}), so that an analysis keeps the run's splits; 42 when the
     * folder has no such record.
     */
    public StudyAnalysis seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** Told about each analysis step. Default: nobody. */
    public StudyAnalysis progress(StageListener listener) {
        this.progress = Objects.requireNonNull(listener, "progress");
        return this;
    }

    /**
     * Also write the interactive {@code report.html} (+ {@code report/}) from the outputs; thumbnails already in
     * {@code report/thumbs/} (from the study's run with its report on) are shown. Default false.
     */
    public StudyAnalysis report(boolean report) {
        this.report = report;
        return this;
    }

    /**
     * With {@link #report(boolean)}: make the thumbnails the report lacks (outputs of a distributed or split run, or
     * of a run without its report) by reading those images again under {@code imageRoot} and preprocessing them
     * through {@code inputs}; no network runs. {@code inputs} is an {@code Embedder}, or, loading no network,
     * {@code EmbeddingExtractor.builder()...buildInputs()} (mammo-embed). {@link #run()} refuses inputs whose
     * preprocessing differs from the one the run's {@code run.json} records, since a thumbnail shows what the
     * network saw. An image path of joined.csv that leads out of {@code imageRoot} gets no thumbnail (and
     * {@code NetworkInputs} refuses a link out of it as it reads). Default: only the thumbnails the run made.
     */
    public StudyAnalysis thumbnails(NetworkInputSource inputs, Path imageRoot) {
        this.thumbnailInputs = Objects.requireNonNull(inputs, "inputs");
        this.imageRoot = Objects.requireNonNull(imageRoot, "imageRoot").toAbsolutePath().normalize();
        return this;
    }

    /** How the report colours points by k-means cluster (at the metrics' best k). Default: not offered. */
    public StudyAnalysis reportClusters(PointClusters clusters) {
        this.reportClusters = Objects.requireNonNull(clusters, "reportClusters");
        return this;
    }

    /**
     * Reads the outputs, runs the analysis and writes its files.
     *
     * @throws MammoException (stage READ) when features.npy or joined.csv is missing or they disagree; (stage
     *                        PREPROCESS) when the {@link #thumbnails} inputs' preprocessing is not the run's
     */
    public AnalysisResult run() throws IOException, MammoException {
        if (!Files.isDirectory(dir)) {
            throw new MammoException(Stage.READ, "output folder " + dir + " not found: analysis needs the"
                    + " features.npy and joined.csv of a finished study");
        }
        if (report && thumbnailInputs != null) {
            checkRecipe(thumbnailInputs.preprocessingSpec());
        }
        RunDirectory out = RunDirectory.prepare(dir, RunDirectory.Mode.RESUME);
        // the outputs as the run wrote them: joined.csv is rewritten below, row for row with features.npy
        long seed = this.seed != null ? this.seed : recordedSeed(dir).orElse(DEFAULT_SEED);
        // image paths resolve under the thumbnails' image root, where one is given (nothing else reads them)
        EmbeddingResult result = RunOutputs.readWhole(out.embeddings(), out.joinedCsv(),
                imageRoot != null ? imageRoot : out.root());
        AnalysisResult r = analysis == null ? AnalysisResult.empty()
                : analysis.run(result.toMatrix(), ScatterPlot.labelsOf(result.index()), seed, progress);
        AnalysisOutputs.write(out, r, result.index());
        SplitAssignment split = SplitAssignment.builder().seed(seed).build();
        JoinedCsvWriter.Builder joined = JoinedCsvWriter.builder().split(split);
        r.projections2d().forEach(joined::projection);
        StudyFiles.write("joined.csv", "analysis", () -> joined.build().write(out.joinedCsv(), result.index()));
        if (aggregate != null) {
            AnalysisOutputs.writeAggregation(out, result, aggregate, split);
        }
        if (report) {
            if (thumbnailInputs != null) {
                StudyFiles.write("report/thumbs", "report", () -> thumbnails(out.root(), result));
            }
            StudyFiles.write("report.html", "report", () -> StudyReports.write(out.root(), reportClusters));
        }
        return r;
    }

    /** The run's preprocessing, as its run.json records it, must be the thumbnails' inputs'. */
    private void checkRecipe(String inputsRecipe) throws IOException, MammoException {
        // an unreadable run.json stops the run here, before anything is written
        Object recorded = recordedOrThrow(dir, "preprocessing");
        if (recorded == null) {
            LOG.warn("{} records no preprocessing: thumbnails are made with {} unchecked", dir.resolve("run.json"),
                    inputsRecipe);
        } else if (!recorded.toString().equals(inputsRecipe)) {
            throw new MammoException(Stage.PREPROCESS, "thumbnails: the run preprocessed with " + recorded
                    + " but the inputs given for its thumbnails with " + inputsRecipe + "; a thumbnail must"
                    + " show what the network saw");
        }
    }

    private void thumbnails(Path outputDir, EmbeddingResult result) throws IOException {
        List<ImageRecord> images = new ArrayList<>();
        int outside = 0;
        for (EmbeddedImage e : result.index()) {
            if (e.record().path().startsWith(imageRoot)) {
                images.add(e.record());
            } else {
                outside++;
            }
        }
        if (outside > 0) {
            LOG.warn("report: {} image paths of joined.csv lead out of {}; they get no thumbnail", outside, imageRoot);
        }
        long t = System.nanoTime();
        MissingThumbnails.Made m = MissingThumbnails.make(thumbnailInputs, outputDir, imageRoot, images);
        LOG.info("report: {} of {} missing thumbnails made from the images under {} in {} ms", m.made(), m.missing(),
                imageRoot, (System.nanoTime() - t) / 1_000_000);
    }

    /**
     * The seed the study that wrote {@code dir} ran with (the {@code seed} of its {@code run.json}); empty when there
     * is no run.json or it records none.
     */
    public static OptionalLong recordedSeed(Path dir) {
        return recorded(dir, "seed") instanceof Number n ? OptionalLong.of(n.longValue()) : OptionalLong.empty();
    }

    /**
     * The preprocessing recipe the study that wrote {@code dir} ran with, as its {@code run.json} records it (the
     * embedder's {@code preprocessingSpec()}): what {@link #thumbnails}' inputs must match. Empty when there is no
     * run.json or it records none.
     */
    public static Optional<String> recordedPreprocessing(Path dir) {
        return Optional.ofNullable(recorded(dir, "preprocessing")).map(Object::toString);
    }

    /** A value of {@code dir}'s run.json, or null (no run.json, no such key, or an unreadable file: logged). */
    private static Object recorded(Path dir, String key) {
        try {
            return recordedOrThrow(dir, key);
        } catch (IOException e) {
            LOG.warn("run.json in {} is unreadable ({}); its {} is not known", dir, e.getMessage(), key);
            return null;
        }
    }

    /** A value of {@code dir}'s run.json, or null when there is no run.json or it has no such key. */
    private static Object recordedOrThrow(Path dir, String key) throws IOException {
        Path runJson = dir.resolve("run.json");
        return Files.isRegularFile(runJson) ? JsonOutput.readObject(runJson).get(key) : null;
    }
}
