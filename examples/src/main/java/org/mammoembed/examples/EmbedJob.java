package org.mammoembed.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.mammoembed.core.Dataset;
import org.mammoembed.core.DicomReader;
import org.mammoembed.core.EmbeddedImage;
import org.mammoembed.core.EmbeddingResult;
import org.mammoembed.core.EmbeddingSink;
import org.mammoembed.core.Failure;
import org.mammoembed.core.MammoException;
import org.mammoembed.core.Projection;
import org.mammoembed.core.Stage;
import org.mammoembed.dicom.DicomFileReader;
import org.mammoembed.embed.Device;
import org.mammoembed.embed.EmbeddingExtractor;
import org.mammoembed.embed.EmbeddingExtractorBuilder;
import org.mammoembed.embed.ExtractionSummary;
import org.mammoembed.io.CheckpointSink;
import org.mammoembed.io.CheckpointStore;
import org.mammoembed.io.FailuresCsv;
import org.mammoembed.io.JoinedCsvWriter;
import org.mammoembed.io.NpyWriter;
import org.mammoembed.io.RunDirectory;
import org.mammoembed.io.SplitAssignment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code embed}: scan the dataset, embed every image into a crash-safe checkpoint (resumable), then write the
 * outputs atomically: {@code features.npy}, {@code failures.csv}, {@code joined.csv}, projections and previews,
 * {@code clustering_metrics.json}, {@code run.json}, with {@code run.log} alongside.
 */
final class EmbedJob {
    /** Exit status when the failure budget stopped the run (its finished work stays in the checkpoint). */
    static final int EXIT_STOPPED = 4;
    private static final Logger LOG = LoggerFactory.getLogger(EmbedJob.class);

    private final EmbedOptions o;
    private final PrintStream out;
    /** One reader for the extractor, the cache's header reads and the tag columns. */
    private final DicomReader reader = DicomFileReader.create();

    EmbedJob(EmbedOptions options, PrintStream out) {
        this.o = options;
        this.out = out;
    }

    int run() throws IOException, MammoException {
        Instant started = Instant.now();
        preflight();
        RunDirectory dir;
        try {
            dir = RunDirectory.prepare(o.outdir(), o.mode());
        } catch (MammoException e) {
            throw new MammoException(e.stage(), e.getMessage() + " (embed: --overwrite or --resume)", e);
        }
        try (RunLog ignored = RunLog.open(dir.root().resolve("run.log"), o.mode() == RunDirectory.Mode.RESUME)) {
            LOG.info("mammography embed, arguments {}", o.arguments());
            Dataset dataset = Dataset.fromCsv(o.csv(), o.dicomRoot(), o.labelColumn());
            LOG.info("scan: {} images, {} scan problems", dataset.size(), dataset.problems().size());
            for (Failure f : dataset.problems()) {
                LOG.warn("scan problem: {} {} {}: {}", f.accessionNumber(), f.relativePath(), f.errorClass(),
                        f.message());
            }
            ModelChoice model = ModelChoice.of(o.model(), o.seed());
            if (model.isBuiltIn()) {
                // once on the console (the CLI's own line); run.log gets it at INFO
                LOG.info("warning: model: {}", model.label());
                out.println("warning: " + model.label());
            }
            EmbeddingExtractorBuilder b = EmbeddingExtractor.builder().reader(reader).device(o.device())
                    .batchSize(o.batchSize())
                    .workers(o.workers());
            try (EmbeddingExtractor extractor = model.applyTo(b).build()) {
                LOG.info("extractor: {}", extractor.describe());
                if (o.device().kind() == Device.Kind.AUTO) {
                    out.println("device auto: running on " + extractor.executionProvider() + " because "
                            + extractor.placementReason());
                }
                return embedAndWrite(dataset, model, extractor, dir, started);
            }
        }
    }

    /** Refuses missing inputs before anything is written, so a typo leaves no half-made output folder. */
    private void preflight() throws MammoException {
        if (!Files.isRegularFile(o.csv())) {
            throw new MammoException(Stage.SCAN, "--csv " + o.csv() + " does not exist or is not a file");
        }
        if (!Files.isDirectory(o.dicomRoot())) {
            throw new MammoException(Stage.SCAN, "--dicom-root " + o.dicomRoot() + " does not exist or is not a folder");
        }
        if (o.model() != null && !Files.isRegularFile(o.model())) {
            throw new MammoException(Stage.READ, "--model " + o.model() + " does not exist or is not a file");
        }
    }

    private int embedAndWrite(Dataset dataset, ModelChoice model, EmbeddingExtractor extractor, RunDirectory dir,
                              Instant started) throws IOException, MammoException {
        String runKey = String.join("|", model.sha256(), extractor.preprocessing().describe(),
                dataset.root().toString(), String.valueOf(dataset.size()));
        ExtractionSummary summary;
        EmbeddingResult result = null;
        List<EmbeddedImage> index;
        List<Failure> imageFailures;
        try (CheckpointStore store = openCheckpoint(dir, extractor.dimension(), runKey)) {
            int before = store.size();
            Dataset todo = new Dataset(dataset.root(), store.remaining(dataset), List.of());
            if (before > 0) {
                LOG.info("resume: {} images already done, {} to go", dataset.size() - todo.size(), todo.size());
                out.println("resuming: " + (dataset.size() - todo.size()) + " images already done");
            }
            Optional<CachedEmbeddings> cache = CachedEmbeddings.open(o.cache(), model.sha256(),
                    extractor.preprocessing().describe(), reader);
            try (CheckpointSink checkpoint = new CheckpointSink(store, o.batchSize())) {
                EmbeddingSink sink = new FailureBudget(checkpoint, o.maxFailures(), o.maxFailureRate(),
                        EmbedOptions.FAILURE_RATE_MIN_IMAGES);
                if (cache.isPresent()) {
                    todo = cache.get().serveHits(todo, sink);
                    sink = cache.get().storing(sink);
                }
                summary = extractor.extract(todo, sink, ConsoleProgress.forStdErr());
            } catch (MammoException e) {
                if (e.getCause() instanceof FailureBudget.Exceeded) {
                    LOG.error(e.getCause().getMessage());
                    out.println(e.getCause().getMessage());
                    out.println("finished work is kept: fix the data and rerun with --resume");
                    return EXIT_STOPPED;
                }
                throw e;
            }
            if (o.needsFeaturesInMemory()) {
                result = store.assemble(dataset);
                writeFeatures(dir.embeddings(), result);
                index = result.index();
                imageFailures = result.failures();
            } else {
                // bounded memory: rows go from the checkpoint file to features.npy one at a time
                try (NpyWriter npy = NpyWriter.create(dir.embeddings(), store.dimension())) {
                    CheckpointStore.Assembled assembled = store.assembleTo(dataset, npy);
                    npy.commit();
                    index = assembled.index();
                    imageFailures = assembled.failures();
                }
            }
        }
        List<Failure> failures = new ArrayList<>(dataset.problems());
        failures.addAll(imageFailures);
        FailuresCsv.write(dir.failuresCsv(), failures);
        List<String> notes = new ArrayList<>();
        List<Projection> projections = result == null ? List.of() : new AnalysisStage(o, dir).run(result, notes);
        SplitAssignment split = SplitAssignment.builder().seed(o.seed()).build();
        if (o.saveCsv()) {
            JoinedCsvWriter.Builder joined = JoinedCsvWriter.builder().split(split);
            projections.forEach(joined::projection);
            joined.build().write(dir.joinedCsv(), TagColumns.add(index, o.includeTags(), reader));
        }
        if (o.aggregate() != null) {
            EmbeddingResult exams = result.aggregate(o.aggregate());
            writeFeatures(dir.root().resolve("features_by_accession.npy"), exams);
            JoinedCsvWriter.builder().split(split).build()
                    .write(dir.root().resolve("features_by_accession.csv"), exams.index());
        }
        Provenance.write(dir.runJson(), o, model, extractor, summary, dataset, index.size(), imageFailures.size(),
                started);
        deleteCheckpoint(dir.checkpoint());
        printSummary(dataset, index.size(), imageFailures.size(), summary, notes);
        return 0;
    }

    /** The checkpoint of this run; a checkpoint of another run is refused with the options that resolve it. */
    private static CheckpointStore openCheckpoint(RunDirectory dir, int dimension, String runKey)
            throws IOException, MammoException {
        try {
            return CheckpointStore.open(dir.checkpoint(), dimension, runKey);
        } catch (MammoException e) {
            throw new MammoException(e.stage(), "cannot --resume: " + e.getMessage()
                    + " (embed: rerun with the original --csv, --dicom-root and --model, or use --overwrite)", e);
        }
    }

    static void writeFeatures(Path target, EmbeddingResult result) throws IOException {
        try (NpyWriter npy = NpyWriter.create(target, result.dimension())) {
            for (int i = 0; i < result.size(); i++) {
                npy.append(result.row(i));
            }
            npy.commit();
        }
    }

    private static void deleteCheckpoint(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> s = Files.walk(folder)) {
            for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    private void printSummary(Dataset dataset, int embedded, int failed, ExtractionSummary s, List<String> notes) {
        String summary = String.format(Locale.ROOT,
                "embedded %d of %d images (%d failed, %d scan problems) in %.1f s, %.2f images/s", embedded,
                dataset.size(), failed, dataset.problems().size(), s.wallSeconds(), s.imagesPerSecond());
        LOG.info("summary: {}", summary);
        out.println(summary);
        if (dataset.size() == 0) {
            // an empty run is almost always a wrong CSV or root: say why without making the user open files
            out.println("nothing to embed; first scan problems (all are in failures.csv):");
            dataset.problems().stream().limit(3).forEach(p -> out.println("  " + p.errorClass() + ": "
                    + p.message()));
        }
        for (String n : notes) {
            out.println("note: " + n);
        }
        out.println("outputs in " + o.outdir().toAbsolutePath().normalize());
    }
}
