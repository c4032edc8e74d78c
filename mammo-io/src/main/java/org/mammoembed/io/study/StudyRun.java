package org.mammoembed.io.study;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.mammoembed.core.AnalysisResult;
import org.mammoembed.core.Dataset;
import org.mammoembed.core.EmbeddedImage;
import org.mammoembed.core.EmbeddingResult;
import org.mammoembed.core.EmbeddingSink;
import org.mammoembed.core.ExtractionStats;
import org.mammoembed.core.Failure;
import org.mammoembed.core.MammoException;
import org.mammoembed.core.ModelIdentity;
import org.mammoembed.core.Stage;
import org.mammoembed.core.StageProgress;
import org.mammoembed.io.CheckpointSink;
import org.mammoembed.io.CheckpointStore;
import org.mammoembed.io.FailuresCsv;
import org.mammoembed.io.JoinedCsvWriter;
import org.mammoembed.io.NpyWriter;
import org.mammoembed.io.RunDirectory;
import org.mammoembed.io.ScatterPlot;
import org.mammoembed.io.SplitAssignment;
import org.mammoembed.io.internal.JsonWarmUp;
import org.mammoembed.io.report.ReportThumbnails;
import org.mammoembed.io.report.ThumbnailingSink;

/** One run of an {@link EmbeddingStudy}: the stages in order, each timed, logged and reported. */
final class StudyRun {
    /** Images between two assembly progress events. */
    private static final int ASSEMBLY_PROGRESS_EVERY = 1000;
    private final EmbeddingStudy s;
    private final long t0 = System.nanoTime();
    private final Instant started = Instant.now();
    private RunLogFile log;
    private boolean embeddingStarted;
    private double scanSeconds;
    private double embeddingSeconds;
    private double assemblySeconds;
    private double analysisSeconds;
    private int reusedFromCheckpoint;
    private int reusedFromCache;
    private int computed;
    private ExtractionStats stats;
    private final List<String> notes = new ArrayList<>();

    StudyRun(EmbeddingStudy study) {
        this.s = study;
    }

    StudyResult run() throws MammoException, IOException {
        JsonWarmUp.startInBackground(); // for run.json at the end
        Path root = s.outputDir;
        boolean existed = Files.exists(root);
        boolean emptyBefore = !existed || isEmptyFolder(root);
        // a folder that is refused is refused before the scan; nothing is created before the dataset is known
        RunDirectory dir = existed ? RunDirectory.prepare(root, s.mode) : null;
        Dataset dataset = scan();
        if (dataset.size() == 0) {
            throw new MammoException(Stage.SCAN, "no image to embed: the scan found 0 images ("
                    + dataset.problems().size() + " scan problems" + firstProblems(dataset.problems()) + ")");
        }
        if (dir == null) {
            dir = RunDirectory.prepare(root, s.mode);
        }
        log = RunLogFile.open(dir.root().resolve("run.log"), s.mode == RunDirectory.Mode.RESUME);
        try {
            return embedAndWrite(dir, dataset);
        } catch (StudyStoppedException e) {
            throw e;
        } catch (MammoException | IOException | RuntimeException | Error e) {
            log.errorInFile("run failed (" + e.getClass().getSimpleName() + "): " + StudyFiles.reason(e));
            if (!embeddingStarted && emptyBefore) {
                // a failed start leaves the folder as it was, so the same command can simply be run again
                log.close();
                Files.deleteIfExists(dir.root().resolve("run.log"));
                StudyFiles.deleteTree(dir.checkpoint());
                if (!existed && isEmptyFolder(dir.root())) {
                    Files.deleteIfExists(dir.root());
                }
            }
            throw e;
        } finally {
            log.close();
        }
    }

    private Dataset scan() throws MammoException {
        long t = System.nanoTime();
        s.progress.onStage(StageProgress.of("scan", 0, 1, "steps", 0, t));
        Dataset d = s.dataset != null ? s.dataset : Dataset.fromCsv(s.csv, s.dicomRoot, s.embedder.reader(), s.labelColumn);
        s.progress.onStage(StageProgress.of("scan", 1, 1, "steps", 0, t));
        scanSeconds = seconds(t);
        return d;
    }

    private StudyResult embedAndWrite(RunDirectory dir, Dataset dataset) throws MammoException, IOException {
        log.info("study: " + dataset.size() + " images under " + dataset.root() + ", output " + dir.root()
                + ", options " + StudyProvenance.options(s, dataset));
        log.info("scan: " + dataset.size() + " images, " + dataset.problems().size() + " scan problems");
        FailureTally tally = new FailureTally();
        tally.addAll(dataset.problems());
        for (String line : tally.lines()) {
            log.warn("scan problems: " + line);
        }
        ModelIdentity model = s.embedder.modelIdentity();
        if (model.randomWeights()) {
            log.warnInFile("model: built-in " + model.name() + " with RANDOM weights (seed " + model.seed() + "), not"
                    + " trained: embeddings carry no image meaning; use an exported network for real studies");
        }
        log.info("embedder: model " + model.label() + ", " + s.embedder.settings());
        if (s.mode != RunDirectory.Mode.NEW) {
            int removed = StudyFiles.removeTempLeftovers(dir.root());
            if (removed > 0) {
                log.info("removed " + removed + " temporary files left by an interrupted run");
            }
        }
        String runKey = String.join("|", model.sha256(), s.embedder.preprocessingSpec(), dataset.root().toString(),
                String.valueOf(dataset.size()));
        EmbeddingResult result = null;
        List<EmbeddedImage> index;
        List<Failure> imageFailures;
        try (CheckpointStore store = openCheckpoint(dir, runKey)) {
            store.corruption().forEach(log::errorInFile);
            embed(dataset, store, dir);
            long t = System.nanoTime();
            s.progress.onStage(StageProgress.of("assembly", 0, dataset.size(), "images", 0, t));
            java.util.function.LongConsumer rows = done -> {
                if (done % ASSEMBLY_PROGRESS_EVERY == 0) {
                    s.progress.onStage(StageProgress.of("assembly", done, dataset.size(), "images", 0, t));
                }
            };
            if (s.analysis != null || s.aggregate != null) {
                EmbeddingResult r = store.assemble(dataset, rows);
                StudyFiles.write("features.npy", "assembly", () -> AnalysisOutputs.writeFeatures(dir.embeddings(), r));
                result = r;
                index = r.index();
                imageFailures = r.failures();
            } else {
                // bounded memory: rows go from the checkpoint file to features.npy one at a time
                CheckpointStore.Assembled[] a = new CheckpointStore.Assembled[1];
                StudyFiles.write("features.npy", "assembly", () -> {
                    try (NpyWriter npy = NpyWriter.create(dir.embeddings(), store.dimension())) {
                        a[0] = store.assembleTo(dataset, npy, rows);
                        npy.commit();
                    }
                });
                index = a[0].index();
                imageFailures = a[0].failures();
            }
            List<Failure> failures = new ArrayList<>(dataset.problems());
            failures.addAll(imageFailures);
            StudyFiles.write("failures.csv", "assembly", () -> FailuresCsv.write(dir.failuresCsv(), failures));
            if (dataset.size() % ASSEMBLY_PROGRESS_EVERY != 0) {
                s.progress.onStage(StageProgress.of("assembly", dataset.size(), dataset.size(), "images", 0, t));
            }
            assemblySeconds = seconds(t);
        }
        AnalysisResult analysis = AnalysisResult.empty();
        if (result != null && s.analysis != null) {
            long t = System.nanoTime();
            analysis = s.analysis.run(result.toMatrix(), ScatterPlot.labelsOf(index), s.seed, s.progress);
            AnalysisOutputs.write(dir, analysis, index);
            analysis.notes().forEach(n -> log.warn("analysis: " + n));
            notes.addAll(analysis.notes());
            analysisSeconds = seconds(t);
        }
        SplitAssignment split = SplitAssignment.builder().seed(s.seed).build();
        if (s.joinedCsv) {
            JoinedCsvWriter.Builder joined = JoinedCsvWriter.builder().split(split);
            analysis.projections2d().forEach(joined::projection);
            List<EmbeddedImage> rows = HeaderTags.add(index, s.includeTags, s.embedder.reader(), log);
            StudyFiles.write("joined.csv", "assembly", () -> joined.build().write(dir.joinedCsv(), rows));
        }
        if (s.aggregate != null) {
            AnalysisOutputs.writeAggregation(dir, result, s.aggregate, split);
        }
        tally.addAll(imageFailures); // scan problems first, then image failures
        StudyResult r = result(dir, dataset, index.size(), imageFailures.size(), tally);
        StudyFiles.write("run.json", "provenance", () -> StudyProvenance.write(dir.runJson(), s, dataset, r,
                executionProvider(), started));
        if (s.report) {
            missingThumbnails(dir, dataset.root(), index); // logs its own time
            long t = System.nanoTime();
            StudyFiles.write("report.html", "report", () -> StudyReports.write(dir.root(), s.reportClusters));
            log.info("report: report.html written in " + String.format(java.util.Locale.ROOT, "%.1f s", seconds(t)));
        }
        StudyFiles.deleteTree(dir.checkpoint());
        for (String line : tally.lines()) {
            log.info("failures by kind: " + line);
        }
        log.info("summary: " + r.summary());
        if (r.embedded() == 0) {
            throw new MammoException(imageFailures.isEmpty() ? Stage.SCAN : imageFailures.get(0).stage(),
                    "no image was embedded: all " + dataset.size() + " images failed" + firstProblems(imageFailures)
                            + "; every failure is in failures.csv");
        }
        return r;
    }

    /** The embedding stage: cache hits, then the embedder on what is left, all into the checkpoint. */
    private void embed(Dataset dataset, CheckpointStore store, RunDirectory dir) throws MammoException, IOException {
        Dataset todo = new Dataset(dataset.root(), store.remaining(dataset), List.of());
        reusedFromCheckpoint = dataset.size() - todo.size();
        if (store.size() > 0) {
            log.info("resume: " + reusedFromCheckpoint + " images already done, " + todo.size() + " to go");
        }
        CacheStage cache = s.cache == null ? null : CacheStage.open(s.cache, s.embedder.modelIdentity().sha256(),
                s.embedder.preprocessingSpec(), s.embedder.reader());
        embeddingStarted = true;
        long t = System.nanoTime();
        MonitoredSink monitored;
        try (CheckpointSink checkpoint = new CheckpointSink(store, s.embedder.batchSize())) {
            monitored = new MonitoredSink(checkpoint, s.budget, log);
            EmbeddingSink sink = s.report
                    ? new ThumbnailingSink(monitored, ReportThumbnails.in(dir.root())) : monitored;
            try {
                if (cache != null) {
                    todo = cache.serveHits(todo, sink);
                    reusedFromCache = cache.hits();
                    log.info("embedding cache: " + cache.hits() + " hits, " + todo.size() + " to compute");
                    sink = cache.storing(sink);
                }
                // this run's work only, so that the rate and the ETA are those of what is computed
                int work = todo.size();
                stats = s.embedder.extract(todo, sink, p -> s.progress.onStage(new StageProgress("embedding",
                        p.done(), work, "images", p.failed(), java.time.Duration.ofNanos(System.nanoTime() - t),
                        p.eta())));
                computed = stats.embedded() + stats.failed();
            } catch (MonitoredSink.Exceeded e) {
                stopped(e, checkpoint, store, dataset, dir, monitored, t);
            } catch (MammoException e) {
                if (e.getCause() instanceof MonitoredSink.Exceeded x) {
                    stopped(x, checkpoint, store, dataset, dir, monitored, t);
                }
                throw e;
            }
        }
        embeddingSeconds = seconds(t);
        log.info("embedding: " + computed + " images computed in " + String.format(java.util.Locale.ROOT, "%.1f s",
                embeddingSeconds) + ", " + reusedFromCheckpoint + " reused from the checkpoint, " + reusedFromCache
                + " from the cache");
    }

    /**
     * Thumbnails of the images whose embeddings came from the cache or a checkpoint (the extraction only shows the
     * report what it computes), made by decoding them again: a thumbnail is what the network saw.
     */
    private void missingThumbnails(RunDirectory dir, Path root, List<EmbeddedImage> index) throws IOException {
        long t = System.nanoTime();
        MissingThumbnails.Made m = MissingThumbnails.make(s.embedder, dir.root(), root,
                index.stream().map(EmbeddedImage::record).toList());
        if (m.missing() > 0) {
            log.info("report: " + m.made() + " of " + m.missing() + " thumbnails made for images reused from the"
                    + " cache or checkpoint, in " + String.format(java.util.Locale.ROOT, "%.1f s", seconds(t)));
        }
    }

    /** The budget stopped the run: failures.csv and run.log now, finished work stays in the checkpoint. */
    private void stopped(MonitoredSink.Exceeded e, CheckpointSink checkpoint, CheckpointStore store, Dataset dataset,
                         RunDirectory dir, MonitoredSink monitored, long t) throws IOException, StudyStoppedException {
        checkpoint.close();
        List<Failure> failures = new ArrayList<>(dataset.problems());
        List<Failure> imageFailures = store.recordedFailures(dataset);
        failures.addAll(imageFailures);
        StudyFiles.write("failures.csv", "embedding", () -> FailuresCsv.write(dir.failuresCsv(), failures));
        embeddingSeconds = seconds(t);
        computed = (int) monitored.done() - reusedFromCache;
        FailureTally all = new FailureTally();
        all.addAll(failures);
        int embedded = dataset.size() - store.remaining(dataset).size();
        StudyResult r = result(dir, dataset, embedded, imageFailures.size(), all);
        log.errorInFile(e.getMessage());
        for (String line : all.lines()) {
            log.info("failures by kind: " + line);
        }
        log.info("finished work is kept in the checkpoint: fix the data and run again with resume");
        throw new StudyStoppedException(e.stage, e.getMessage(), r, e.failed, e.done);
    }

    private StudyResult result(RunDirectory dir, Dataset dataset, int embedded, int failed, FailureTally all) {
        StudyResult.Timings timings = new StudyResult.Timings(scanSeconds, embeddingSeconds, assemblySeconds,
                analysisSeconds, seconds(t0), stats == null ? 0 : stats.decodeSeconds(),
                stats == null ? 0 : stats.preprocessSeconds(), stats == null ? 0 : stats.inferenceSeconds());
        return new StudyResult(dir.root(), dataset.size(), embedded, failed, dataset.problems().size(), computed,
                reusedFromCheckpoint, reusedFromCache, all.counts(), timings, executionProvider(), notes);
    }

    private String executionProvider() {
        return stats != null ? stats.executionProvider() : s.embedder.executionProvider();
    }

    /** The checkpoint of this run; one of another run is refused with what resolves it. */
    private CheckpointStore openCheckpoint(RunDirectory dir, String runKey) throws IOException, MammoException {
        try {
            return CheckpointStore.open(dir.checkpoint(), s.embedder.dimension(), runKey);
        } catch (MammoException e) {
            throw new MammoException(e.stage(), "cannot resume: " + e.getMessage(), e);
        }
    }

    private static String firstProblems(List<Failure> problems) {
        StringBuilder b = new StringBuilder();
        problems.stream().limit(3).forEach(p -> b.append(b.length() == 0 ? "; first: " : "; ")
                .append(p.errorClass()).append(": ").append(p.message()));
        return b.toString();
    }

    private static boolean isEmptyFolder(Path p) throws IOException {
        if (!Files.isDirectory(p)) {
            return false;
        }
        try (Stream<Path> s = Files.list(p)) {
            return s.findAny().isEmpty();
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
