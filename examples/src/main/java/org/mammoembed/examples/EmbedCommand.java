package org.mammoembed.examples;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.mammoembed.core.ImageReaders;
import org.mammoembed.embed.Device;
import org.mammoembed.embed.EmbeddingExtractorBuilder;
import org.mammoembed.io.RunDirectory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code embed}: the command line of a study run; builds {@link EmbedOptions} and hands them to {@link EmbedJob}. */
@Command(name = "embed", sortOptions = false, showDefaultValues = true,
        description = {"Embed every DICOM under DICOM_ROOT/<AccessionNumber>/ for the labelled rows of the CSV "
                + "(classificacao.csv) and write features.npy, failures.csv, run.json and run.log (plus what the "
                + "flags ask for) to the output folder.",
                "The original tool's form 'mammography embed -- --csv ...' is accepted."})
final class EmbedCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    private final PrintStream out;

    @Option(names = "--csv", required = true, paramLabel = "CSV",
            description = "Label CSV: AccessionNumber and a density column (BI-RADS, Classification or density; "
                    + "A-D or 1-4). Required.")
    Path csv;
    @Option(names = "--dicom-root", required = true, paramLabel = "DICOM_ROOT",
            description = "Folder holding one sub-folder per AccessionNumber. Required.")
    Path dicomRoot;
    @Option(names = "--outdir", required = true, paramLabel = "OUTDIR",
            description = "Output folder; must be empty or absent unless --resume or --overwrite. Required.")
    Path outdir;
    @Option(names = "--label-column", paramLabel = "NAME",
            description = "CSV column holding the density label. Default: the first of BI-RADS, Classification, "
                    + "density (any case).")
    String labelColumn;
    @Option(names = "--reader", paramLabel = "dicom|png|tiff|auto", converter = CliConverters.ReaderName.class,
            description = "How images are read: DICOM, 16-bit PNG or TIFF exports (same CSV and folder layout), or "
                    + "auto (whichever reader accepts each file).")
    String reader = ImageReaders.DEFAULT;
    @Option(names = "--model", paramLabel = "ONNX",
            description = "Exported ResNet50 backbone (examples/export_resnet50.py). Default: the built-in "
                    + "ResNet50 with RANDOM weights (plumbing only, not science).")
    Path model;
    @Option(names = "--device", paramLabel = "cpu|auto|cuda|cuda:N", converter = CliConverters.DeviceConverter.class,
            description = "Where the network runs; auto uses CUDA when it works, else the CPU, and says which.")
    Device device = Device.cpu();
    @Option(names = "--batch-size", paramLabel = "N", converter = CliConverters.PositiveInt.class,
            description = "Images per inference batch.")
    int batchSize = 32;
    @Option(names = "--workers", paramLabel = "N", converter = CliConverters.PositiveInt.class,
            description = "Threads that decode and preprocess while the network runs; the default is the "
                    + "library's policy: half the processors, at least 2, at most 8.")
    int workers = EmbeddingExtractorBuilder.defaultWorkers();
    @Option(names = "--seed", paramLabel = "N", converter = CliConverters.AnyLong.class,
            description = "Seed of the built-in model's weights, the reducers, clustering and the splits.")
    long seed = 42;
    @Option(names = "--save-csv", description = "Write joined.csv (one row per embedded image).")
    boolean saveCsv;
    @Mixin
    AnalysisOptions analysis = new AnalysisOptions();
    @Option(names = "--report", description = "Also report.html + report/: the interactive report (layouts, "
            + "thumbnails of the network input, nearest neighbours); implies --save-csv. Open it from the file system.")
    boolean report;
    @Option(names = "--resume", description = "Continue the run whose checkpoint is in OUTDIR.")
    boolean resume;
    @Option(names = "--overwrite", description = "Replace the outputs of an earlier run in OUTDIR.")
    boolean overwrite;
    @Option(names = "--max-failures", paramLabel = "N", converter = CliConverters.NonNegativeLong.class,
            description = "Stop (exit 4) when more images than this failed. Default: unlimited.")
    Long maxFailures;
    @Option(names = "--max-failure-rate", paramLabel = "R", converter = CliConverters.Fraction.class,
            description = "Stop (exit 4) when more than this share of images failed, judged once "
                    + EmbedOptions.FAILURE_RATE_MIN_IMAGES + " are done.")
    double maxFailureRate = EmbedOptions.DEFAULT_MAX_FAILURE_RATE;
    @Option(names = "--cache", paramLabel = "DIR",
            description = "Embedding cache keyed by file content, model and preprocessing. Default: none.")
    Path cache;
    @Option(names = "--include-tags", paramLabel = "TAGS",
            description = "Header tags copied to joined.csv, e.g. 00100020,(0008,1030): the only way patient "
                    + "identifiers reach an output. Default: none.")
    String includeTags;

    EmbedCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        return new EmbedJob(options(), out).run();
    }

    /** The parsed command line as the library-facing options. */
    EmbedOptions options() throws UsageException {
        if (resume && overwrite) {
            throw new UsageException("embed: --resume and --overwrite exclude each other");
        }
        List<Integer> tags;
        try {
            tags = includeTags == null ? List.of() : new CliConverters.TagsConverter().convert(includeTags);
        } catch (CommandLine.TypeConversionException e) {
            throw new UsageException("embed: --include-tags " + e.getMessage());
        }
        RunDirectory.Mode mode = resume ? RunDirectory.Mode.RESUME
                : overwrite ? RunDirectory.Mode.OVERWRITE : RunDirectory.Mode.NEW;
        AnalysisOptions a = analysis;
        return new EmbedOptions(csv, dicomRoot, outdir, model, saveCsv, a.analysis(0), batchSize, seed, device, a.aggregate, mode, maxFailures == null ? Long.MAX_VALUE : maxFailures,
                maxFailureRate, cache, workers, tags, labelColumn, reader, CliOptions.effective(spec));
    }

    /** Parses {@code args} (the words after "embed") as the command line would; for {@code demo}. */
    static EmbedOptions parse(PrintStream out, String... args) throws UsageException {
        EmbedCommand c = new EmbedCommand(out);
        new CommandLine(c).parseArgs(args);
        return c.options();
    }
}
