package org.mammoembed.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.mammoembed.core.MammoException;
import org.mammoembed.io.JsonOutput;
import org.mammoembed.io.report.StudyReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code demo --outdir O}: writes a synthetic study to {@code O/data}, runs {@code embed} on it with every
 * option on (built-in random-weight ResNet50) into {@code O/embed}, then the baselines into
 * {@code O/baselines}. Needs no files of ours: this is the README's main command. {@code --data-only} writes
 * the study and stops (for benchmarks and experiments).
 */
@Command(name = "demo", sortOptions = false, showDefaultValues = true,
        description = "Write a synthetic study (four density classes, 4 views per exam) to OUTDIR/data, embed it "
                + "with the built-in random-weight ResNet50 and every option on into OUTDIR/embed, then run the "
                + "baselines into OUTDIR/baselines.")
final class DemoCommand implements Callable<Integer> {
    /** Fewer exams leave cross-validation folds without some classes. */
    static final int MIN_EXAMS_PER_CLASS = 3;
    private final PrintStream out;

    @Option(names = "--outdir", required = true, paramLabel = "OUTDIR", description = "Output folder. Required.")
    Path outdir;
    @Option(names = "--exams-per-class", paramLabel = "N", converter = CliConverters.PositiveInt.class,
            description = "Exams per density class (at least " + MIN_EXAMS_PER_CLASS + " unless --data-only).")
    int exams = 5;
    @Option(names = "--size", paramLabel = "ROWSxCOLUMNS", description = "Image size, each side 32..8192.")
    String size = "416x336";
    @Option(names = "--seed", paramLabel = "N", converter = CliConverters.AnyLong.class,
            description = "Seed of the phantoms, the model and the analysis.")
    long seed = 42;
    @Option(names = "--batch-size", paramLabel = "N", converter = CliConverters.PositiveInt.class,
            description = "Images per inference batch.")
    int batchSize = 16;
    @Option(names = "--data-only", description = "Write the study and stop (for benchmarks and experiments).")
    boolean dataOnly;
    @Option(names = "--overwrite", description = "Reuse a non-empty OUTDIR.")
    boolean overwrite;

    DemoCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws UsageException, IOException, MammoException {
        if (exams < MIN_EXAMS_PER_CLASS && !dataOnly) {
            throw new UsageException("demo: --exams-per-class must be at least " + MIN_EXAMS_PER_CLASS
                    + " (the baselines' 5-fold cross-validation needs enough exams), got " + exams);
        }
        int[] size = size(this.size);
        if (Files.isDirectory(outdir) && !overwrite) {
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
        if (dataOnly) {
            out.println("study written: --csv " + csv + " --dicom-root " + data.resolve("archive"));
            return 0;
        }
        String[] embed = {"--csv", csv.toString(), "--dicom-root", data.resolve("archive").toString(),
                "--outdir", outdir.resolve("embed").toString(), "--save-csv", "--pca", "--tsne", "--umap",
                "--cluster", "--projection-3d", "--aggregate", "mean", "--report", "--seed", String.valueOf(seed),
                "--batch-size", String.valueOf(batchSize), "--overwrite"};
        int status = new EmbedJob(EmbedCommand.parse(out, embed), out).run();
        if (status != 0) {
            return status;
        }
        Path embedded = outdir.resolve("embed");
        String[] baselines = {"--features", embedded.resolve("features.npy").toString(),
                "--csv", embedded.resolve("joined.csv").toString(), "--outdir", outdir.resolve("baselines").toString(),
                "--dicom-root", data.resolve("archive").toString(), "--seed", String.valueOf(seed)};
        status = CommandLine.populateCommand(new BaselinesCommand(out), baselines).call();
        if (status == 0) {
            // the report again, now with the baseline table in its side panel
            StudyReport.fromRunFolder(embedded).kmeans(ReportKMeans.seeded(seed))
                    .baselines(JsonOutput.readObject(outdir.resolve("baselines").resolve("baselines.json")))
                    .build().write(embedded);
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
