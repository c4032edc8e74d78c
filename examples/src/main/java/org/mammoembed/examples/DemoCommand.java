package org.mammoembed.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.mammoembed.core.MammoException;
import org.mammoembed.io.JsonOutput;
import org.mammoembed.io.report.StudyReport;

/**
 * {@code demo --outdir O}: writes a synthetic study to {@code O/data}, runs {@code embed} on it with every
 * option on (built-in random-weight ResNet50) into {@code O/embed}, then the baselines into
 * {@code O/baselines}. Needs no files of ours: this is the README's main command. {@code --data-only} writes
 * the study and stops (for benchmarks and experiments).
 */
final class DemoCommand {
    static final Set<String> VALUED = Set.of("outdir", "exams-per-class", "size", "seed", "batch-size");
    static final Set<String> SWITCHES = Set.of("overwrite", "data-only");
    /** Fewer exams leave cross-validation folds without some classes. */
    static final int MIN_EXAMS_PER_CLASS = 3;
    private final PrintStream out;

    DemoCommand(PrintStream out) {
        this.out = out;
    }

    int run(CliArguments a) throws UsageException, IOException, MammoException {
        Path outdir = a.path("outdir");
        int exams = a.positiveInt("exams-per-class", 5);
        if (exams < MIN_EXAMS_PER_CLASS && !a.flag("data-only")) {
            throw new UsageException("demo: --exams-per-class must be at least " + MIN_EXAMS_PER_CLASS
                    + " (the baselines' 5-fold cross-validation needs enough exams), got " + exams);
        }
        long seed = a.longValue("seed", 42);
        int[] size = size(a.string("size", "416x336"));
        if (Files.isDirectory(outdir) && !a.flag("overwrite")) {
            try (Stream<Path> s = Files.list(outdir)) {
                if (s.findAny().isPresent()) {
                    throw new UsageException("demo: " + outdir + " is not empty; pass --overwrite to reuse it");
                }
            }
        }
        Path data = outdir.resolve("data");
        out.printf(Locale.ROOT, "writing %d synthetic exams (4 views each, %dx%d) to %s%n", 4 * exams, size[0],
                size[1], data);
        Path csv = new DemoDataset(exams, size[0], size[1], seed).write(data);
        if (a.flag("data-only")) {
            out.println("study written: --csv " + csv + " --dicom-root " + data.resolve("archive"));
            return 0;
        }
        String[] embed = {"embed", "--csv", csv.toString(), "--dicom-root", data.resolve("archive").toString(),
                "--outdir", outdir.resolve("embed").toString(), "--save-csv", "--pca", "--tsne", "--umap",
                "--cluster", "--projection-3d", "--aggregate", "mean", "--report", "--seed", String.valueOf(seed),
                "--batch-size", String.valueOf(a.positiveInt("batch-size", 16)), "--overwrite"};
        int status = new EmbedJob(EmbedOptions.parse("embed", embed, 1), out).run();
        if (status != 0) {
            return status;
        }
        Path embedded = outdir.resolve("embed");
        String[] baselines = {"--features", embedded.resolve("features.npy").toString(),
                "--csv", embedded.resolve("joined.csv").toString(), "--outdir", outdir.resolve("baselines").toString(),
                "--dicom-root", data.resolve("archive").toString(), "--seed", String.valueOf(seed)};
        status = new BaselinesCommand(out).run(CliArguments.parse("embeddings-baselines", baselines, 0,
                BaselinesCommand.VALUED, Set.of()));
        if (status == 0) {
            // the report again, now with the baseline table in its side panel
            StudyReport.fromRunFolder(embedded).kmeans(ReportKMeans.seeded(seed))
                    .baselines(JsonOutput.readObject(outdir.resolve("baselines").resolve("baselines.json")))
                    .build().write(embedded);
            out.println("report: open " + embedded.resolve(StudyReport.HTML).toUri() + " in a browser");
        }
        return status;
    }

    private static int[] size(String text) throws UsageException {
        String[] p = text.toLowerCase(Locale.ROOT).split("x");
        try {
            int rows = Integer.parseInt(p[0].trim());
            int cols = Integer.parseInt(p[1].trim());
            if (p.length != 2 || rows < 32 || cols < 32 || rows > 8192 || cols > 8192) {
                throw new NumberFormatException();
            }
            return new int[] {rows, cols};
        } catch (RuntimeException e) {
            throw new UsageException("demo: --size must be ROWSxCOLUMNS, each 32..8192, got '" + text + "'");
        }
    }
}
