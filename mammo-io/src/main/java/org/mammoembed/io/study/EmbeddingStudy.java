package org.mammoembed.io.study;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.mammoembed.core.Aggregation;
import org.mammoembed.core.Dataset;
import org.mammoembed.core.Embedder;
import org.mammoembed.core.EmbeddingAnalysis;
import org.mammoembed.core.MammoException;
import org.mammoembed.core.StageListener;
import org.mammoembed.io.RunDirectory;
import org.mammoembed.io.report.PointClusters;

/**
 * A whole study, as the {@code mammography embed} command runs it: scan, embed every image into a crash-safe
 * checkpoint, then write the outputs atomically ({@code features.npy}, {@code failures.csv}, {@code joined.csv},
 * optional analysis files and per-exam aggregation, {@code run.json}) with {@code run.log} alongside.
 *
 * <pre>{@code
 * try (EmbeddingExtractor ex = EmbeddingExtractor.builder().model(model).build()) {
 *     StudyResult r = EmbeddingStudy.builder()
 *             .dataset(csv, dicomRoot)
 *             .embedder(ex)
 *             .outputDir(out)
 *             .resume(true)                                   // continue after a crash or a kill -9
 *             .cache(cacheDir)                                // optional embedding cache
 *             .failureBudget(FailureBudget.maxRate(0.20))
 *             .analysis(Analysis.builder().pca().tsne().umap().clustering().build())  // optional, mammo-reduce
 *             .build()
 *             .run();
 * }
 * }</pre>
 *
 * Guarantees: finished batches are checkpointed (fsynced), so a run killed at any moment and restarted with
 * {@link Builder#resume(boolean) resume} ends with outputs byte-identical to an uninterrupted run; every output
 * is written under a temporary name and renamed into place; a non-empty output folder is refused unless resume
 * or overwrite is asked for; a start that fails (bad CSV, folder refused) leaves the output folder as it was.
 * Immutable; {@link #run()} may be called once per output folder at a time.
 */
public final class EmbeddingStudy {
    final Dataset dataset;
    final Path csv;
    final Path dicomRoot;
    final String labelColumn;
    final Embedder embedder;
    final Path outputDir;
    final RunDirectory.Mode mode;
    final Path cache;
    final FailureBudget budget;
    final boolean joinedCsv;
    final List<Integer> includeTags;
    final Aggregation aggregate;
    final EmbeddingAnalysis analysis;
    final long seed;
    final StageListener progress;
    final Map<String, String> arguments;
    final boolean report;
    final PointClusters reportClusters;

    private EmbeddingStudy(Builder b) {
        this.dataset = b.dataset;
        this.csv = b.csv;
        this.dicomRoot = b.dicomRoot;
        this.labelColumn = b.labelColumn;
        this.embedder = b.embedder;
        this.outputDir = b.outputDir.toAbsolutePath().normalize();
        this.mode = b.resume ? RunDirectory.Mode.RESUME : b.overwrite ? RunDirectory.Mode.OVERWRITE
                : RunDirectory.Mode.NEW;
        this.cache = b.cache;
        this.budget = b.budget;
        this.joinedCsv = b.joinedCsv;
        this.includeTags = List.copyOf(b.includeTags);
        this.aggregate = b.aggregate;
        this.analysis = b.analysis;
        this.seed = b.seed;
        this.progress = b.progress;
        this.arguments = new LinkedHashMap<>(b.arguments);
        this.report = b.report;
        this.reportClusters = b.reportClusters;
    }

    /** A builder with every option at its default; dataset, embedder and output folder are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs the study.
     *
     * @throws StudyStoppedException when the failure budget stopped it (failures.csv and run.log written,
     *                               finished work kept for a resume)
     * @throws MammoException        when it cannot start (folder not empty, checkpoint of another run, CSV
     *                               unusable, no image found: nothing is left behind) or no image was embedded
     * @throws IOException           when an output cannot be written (the message names the file and the stage)
     */
    public StudyResult run() throws MammoException, IOException {
        return new StudyRun(this).run();
    }

    /** Options of an {@link EmbeddingStudy}; each setter validates at once and names the option. */
    public static final class Builder {
        private Dataset dataset;
        private Path csv;
        private Path dicomRoot;
        private String labelColumn;
        private Embedder embedder;
        private Path outputDir;
        private boolean resume;
        private boolean overwrite;
        private Path cache;
        private FailureBudget budget = FailureBudget.defaults();
        private boolean joinedCsv = true;
        private final List<Integer> includeTags = new ArrayList<>();
        private Aggregation aggregate;
        private EmbeddingAnalysis analysis;
        private long seed = 42;
        private StageListener progress = StageListener.NONE;
        private final Map<String, String> arguments = new LinkedHashMap<>();
        private boolean report;
        private PointClusters reportClusters;

        private Builder() {
        }

        /** The images, already scanned. Required (this or {@link #dataset(Path, Path)}). */
        public Builder dataset(Dataset dataset) {
            this.dataset = Objects.requireNonNull(dataset, "dataset");
            this.csv = null;
            this.dicomRoot = null;
            return this;
        }

        /**
         * The study's {@code classificacao.csv} and DICOM root, scanned by {@link #run()} (as
         * {@link Dataset#fromCsv}) before anything is written. Required (this or {@link #dataset(Dataset)}).
         */
        public Builder dataset(Path csv, Path dicomRoot) {
            return dataset(csv, dicomRoot, null);
        }

        /**
         * As {@link #dataset(Path, Path)}, with the labels read from the column {@code labelColumn} (see
         * {@link Dataset#fromCsv(Path, Path, String)}; {@code null}: the first of {@link Dataset#LABEL_COLUMNS}).
         */
        public Builder dataset(Path csv, Path dicomRoot, String labelColumn) {
            this.csv = Objects.requireNonNull(csv, "csv");
            this.dicomRoot = Objects.requireNonNull(dicomRoot, "dicomRoot");
            this.labelColumn = labelColumn;
            this.dataset = null;
            return this;
        }

        /** The embedding engine (e.g. an {@code EmbeddingExtractor}); the study does not close it. Required. */
        public Builder embedder(Embedder embedder) {
            this.embedder = Objects.requireNonNull(embedder, "embedder");
            return this;
        }

        /** The output folder (created when missing). Required. */
        public Builder outputDir(Path outputDir) {
            this.outputDir = Objects.requireNonNull(outputDir, "outputDir");
            return this;
        }

        /**
         * Continue the run whose checkpoint is in the output folder: images already embedded are reused, failed
         * ones are tried again. Default false. Excludes {@link #overwrite(boolean)}.
         */
        public Builder resume(boolean resume) {
            this.resume = resume;
            return this;
        }

        /** Replace the outputs of an earlier run in the folder, discarding its checkpoint. Default false. */
        public Builder overwrite(boolean overwrite) {
            this.overwrite = overwrite;
            return this;
        }

        /**
         * An embedding cache folder, keyed by (file content, model, preprocessing): re-running a study with one
         * new exam computes one exam. Default: none ({@code null}).
         */
        public Builder cache(Path folder) {
            this.cache = folder;
            return this;
        }

        /** When the run stops as "clearly wrong data". Default {@link FailureBudget#defaults()} (20%). */
        public Builder failureBudget(FailureBudget budget) {
            this.budget = Objects.requireNonNull(budget, "failureBudget");
            return this;
        }

        /** Write {@code joined.csv}. Default true. */
        public Builder joinedCsv(boolean write) {
            this.joinedCsv = write;
            return this;
        }

        /**
         * Header tags (e.g. {@code 0x00100020}) added to {@code joined.csv} as {@code TagGGGGEEEE} columns. Default
         * none: these are the only way patient identifiers reach an output, so only a caller who asks gets them.
         */
        public Builder includeTags(List<Integer> tags) {
            this.includeTags.clear();
            for (Integer t : Objects.requireNonNull(tags, "includeTags")) {
                this.includeTags.add(Objects.requireNonNull(t, "includeTags element"));
            }
            return this;
        }

        /** Also write one embedding per exam ({@code features_by_accession.npy} + {@code .csv}). Default none. */
        public Builder aggregate(Aggregation how) {
            this.aggregate = how;
            return this;
        }

        /**
         * Projections, previews and clustering metrics after the embeddings are written, e.g.
         * {@code org.mammoembed.reduce.Analysis.builder().pca().build()} (mammo-reduce, GPL-3.0). Default none: a
         * study without analysis never needs mammo-reduce on the class path.
         */
        public Builder analysis(EmbeddingAnalysis analysis) {
            this.analysis = analysis;
            return this;
        }

        /** Seed of the train/val/test split and of the analysis. Default 42. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Told about each stage (scan, embedding, assembly, analysis steps). Default: nobody. */
        public Builder progress(StageListener listener) {
            this.progress = Objects.requireNonNull(listener, "progress");
            return this;
        }

        /**
         * Also write the interactive {@code report.html} (+ {@code report/}) at the end
         * ({@link org.mammoembed.io.report.StudyReport}), with a thumbnail of each image's network input written
         * while it is embedded. Needs {@link #joinedCsv(boolean) joined.csv}. Default false.
         */
        public Builder report(boolean report) {
            this.report = report;
            return this;
        }

        /** How the report colours points by k-means cluster (at the metrics' best k). Default: not offered. */
        public Builder reportClusters(PointClusters clusters) {
            this.reportClusters = Objects.requireNonNull(clusters, "reportClusters");
            return this;
        }

        /** Records an argument as the caller received it (e.g. a command line) in run.json's "arguments". */
        public Builder argument(String name, String value) {
            arguments.put(Objects.requireNonNull(name, "argument name"), Objects.requireNonNull(value, "argument value"));
            return this;
        }

        /**
         * An immutable study.
         *
         * @throws IllegalStateException    when dataset, embedder or output folder is missing
         * @throws IllegalArgumentException when both resume and overwrite are asked for
         */
        public EmbeddingStudy build() {
            if (dataset == null && csv == null) {
                throw new IllegalStateException("dataset is required: call dataset(Dataset) or dataset(csv, dicomRoot)");
            }
            if (embedder == null) {
                throw new IllegalStateException("embedder is required: call embedder(...)");
            }
            if (outputDir == null) {
                throw new IllegalStateException("outputDir is required: call outputDir(...)");
            }
            if (report && !joinedCsv) {
                throw new IllegalArgumentException("report needs joined.csv: report true with joinedCsv false");
            }
            if (resume && overwrite) {
                throw new IllegalArgumentException("resume and overwrite exclude each other, got both true");
            }
            return new EmbeddingStudy(this);
        }

        /** Builds and runs: {@code build().run()}. */
        public StudyResult run() throws MammoException, IOException {
            return build().run();
        }
    }
}
