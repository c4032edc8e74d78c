package org.mammoembed.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;
import org.mammoembed.core.Embedder;
import org.mammoembed.core.ImageReaders;
import org.mammoembed.core.InputPaths;
import org.mammoembed.core.MammoException;
import org.mammoembed.core.Stage;
import org.mammoembed.embed.Device;
import org.mammoembed.embed.EmbeddingExtractor;
import org.mammoembed.io.study.EmbeddingStudy;
import org.mammoembed.io.study.FailureBudget;
import org.mammoembed.io.study.StudyResult;
import org.mammoembed.io.study.StudyStoppedException;

/**
 * {@code embed}: the command-line face of {@link EmbeddingStudy}. Builds the extractor and the study from the
 * parsed options, runs it, prints what happened. Everything a study guarantees (checkpoint and resume, cache,
 * failure budget, provenance, run.log) is the library's.
 */
final class EmbedJob {
    /** Exit status when the failure budget stopped the run (its finished work stays in the checkpoint). */
    static final int EXIT_STOPPED = 4;

    private final EmbedOptions o;
    private final PrintStream out;

    EmbedJob(EmbedOptions options, PrintStream out) {
        this.o = options;
        this.out = out;
    }

    int run() throws IOException, MammoException {
        preflight();
        ModelChoice model = ModelChoice.of(o.model(), o.seed());
        // the built-in random network is announced once on the console, here; the study writes it to run.log
        // (SLF4J INFO, so logback's console does not repeat it)
        if (model.isBuiltIn()) {
            out.println("warning: " + model.label());
        }
        try (EmbeddingExtractor extractor = model.applyTo(EmbeddingExtractor.builder()
                .reader(ImageReaders.named(o.reader())).device(o.device())
                .batchSize(o.batchSize()).workers(o.workers())).build()) {
            if (o.device().kind() == Device.Kind.AUTO) {
                out.println("device auto: running on " + extractor.executionProvider() + " because "
                        + extractor.placementReason());
            }
            StudyResult r;
            try {
                r = study(o, extractor).progress(ConsoleProgress.forStdErr()).run();
            } catch (StudyStoppedException e) {
                out.println(stopMessage(e));
                printFailures(e.result());
                out.println("finished work is kept: fix the data and rerun with --resume");
                return EXIT_STOPPED;
            } catch (MammoException e) {
                throw withOptionNames(e);
            }
            print(r);
            return 0;
        }
    }

    /** The study the options describe (the CLI's and the API's runs are the same thing). */
    static EmbeddingStudy.Builder study(EmbedOptions o, Embedder embedder) {
        EmbeddingStudy.Builder b = EmbeddingStudy.builder()
                .dataset(o.csv(), o.dicomRoot(), o.labelColumn())
                .embedder(embedder)
                .outputDir(o.outdir())
                .resume(o.mode() == org.mammoembed.io.RunDirectory.Mode.RESUME)
                .overwrite(o.mode() == org.mammoembed.io.RunDirectory.Mode.OVERWRITE)
                .cache(o.cache())
                .failureBudget(FailureBudget.maxRate(o.maxFailureRate()).andMaxCount(o.maxFailures())
                        .minImages(EmbedOptions.FAILURE_RATE_MIN_IMAGES))
                .joinedCsv(o.saveCsv() || o.report())
                .report(o.report())
                .reportClusters(ReportKMeans.seeded(o.seed()))
                .includeTags(o.includeTags())
                .aggregate(o.aggregate())
                .seed(o.seed());
        if (o.analysis() != null) {
            b.analysis(o.analysis());
        }
        o.arguments().forEach((k, v) -> b.argument(k, String.valueOf(v)));
        return b;
    }

    /** Refuses missing inputs before anything is written, so a typo leaves no half-made output folder. */
    private void preflight() throws MammoException {
        InputPaths.requireFile(o.csv(), "--csv", Stage.SCAN);
        InputPaths.requireFolder(o.dicomRoot(), "--dicom-root", Stage.SCAN);
        if (o.model() != null) {
            InputPaths.requireFile(o.model(), "--model", Stage.READ);
        }
    }

    /** The library names its options as the API does; the console names the command-line flags. */
    private static MammoException withOptionNames(MammoException e) {
        String m = e.getMessage();
        if (m.startsWith("cannot resume: ")) {
            return new MammoException(e.stage(), "cannot --resume: " + m.substring("cannot resume: ".length())
                    + " (embed: rerun with the original --csv, --dicom-root and --model, or use --overwrite)", e);
        }
        if (m.contains("is not empty")) {
            return new MammoException(e.stage(), m + " (embed: --overwrite or --resume)", e);
        }
        return e;
    }

    private String stopMessage(StudyStoppedException e) {
        if (e.failed() > o.maxFailures()) {
            return String.format(Locale.ROOT, "stopped: %d images failed, more than --max-failures %d",
                    e.failed(), o.maxFailures());
        }
        return String.format(Locale.ROOT, "stopped: %d of %d images failed (%.1f%%), more than --max-failure-rate"
                + " %.3f; the data look wrong: see failures.csv", e.failed(), e.done(), 100.0 * e.failed() / e.done(),
                o.maxFailureRate());
    }

    private void print(StudyResult r) {
        out.println(r.summary());
        printFailures(r);
        for (String n : r.notes()) {
            out.println("note: " + n);
        }
        out.println("outputs in " + r.outputDir());
        if (o.report()) {
            out.println("report: open " + r.outputDir().resolve("report.html").toUri() + " in a browser");
        }
    }

    /** The failure summary by stage and error class (every row is in failures.csv). */
    private void printFailures(StudyResult r) {
        if (r.failuresByKind().isEmpty()) {
            return;
        }
        out.println("failures by stage and error class (all in failures.csv):");
        for (StudyResult.FailureCount c : r.failuresByKind()) {
            out.println("  " + c.stage() + " " + c.errorClass() + ": " + c.count());
        }
    }
}
