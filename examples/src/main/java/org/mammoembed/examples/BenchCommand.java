package org.mammoembed.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import org.mammoembed.core.Dataset;
import org.mammoembed.core.EmbeddedImage;
import org.mammoembed.core.EmbeddingSink;
import org.mammoembed.core.MammoException;
import org.mammoembed.core.ProgressListener;
import org.mammoembed.embed.EmbeddingExtractor;
import org.mammoembed.embed.EmbeddingExtractorBuilder;
import org.mammoembed.embed.ExtractionSummary;

/**
 * {@code bench --csv C --dicom-root D [--model M] [--batch-size 32] [--repeat 1]}: embeds the dataset
 * (discarding the features) and prints where the time went: decode, preprocess and inference per image,
 * end-to-end images/s, and the process's peak resident memory. A measurement, not a test: run it on a quiet
 * machine and compare ratios measured in the same session.
 */
final class BenchCommand {
    static final Set<String> VALUED = Set.of("csv", "dicom-root", "model", "batch-size", "repeat", "seed", "workers");
    private final PrintStream out;

    BenchCommand(PrintStream out) {
        this.out = out;
    }

    int run(CliArguments a) throws UsageException, IOException, MammoException {
        Dataset dataset = Dataset.fromCsv(a.path("csv"), a.path("dicom-root"));
        ModelChoice model = ModelChoice.of(a.optionalPath("model"), a.longValue("seed", 42));
        int repeat = a.positiveInt("repeat", 1);
        int batch = a.positiveInt("batch-size", 32);
        try (EmbeddingExtractor ex = model.applyTo(EmbeddingExtractor.builder().batchSize(batch)
                .workers(a.positiveInt("workers", EmbeddingExtractorBuilder.defaultWorkers())))
                .build()) {
            out.println("model: " + model.label());
            out.println("extractor: " + ex.describe());
            out.printf(Locale.ROOT, "%-5s %7s %8s %9s %12s %14s %13s %12s%n", "run", "images", "wall s", "images/s",
                    "decode ms/im", "preproc ms/im", "infer ms/im", "peak RSS MB");
            EmbeddingSink discard = new EmbeddingSink() {
                @Override
                public void accept(EmbeddedImage image, float[] feature) {
                }
            };
            for (int r = 1; r <= repeat; r++) {
                ExtractionSummary s = ex.extract(dataset, discard, ProgressListener.NONE);
                int n = Math.max(1, s.embedded() + s.failed());
                out.printf(Locale.ROOT, "%-5d %7d %8.2f %9.2f %12.1f %14.1f %13.1f %12.0f%n", r, s.embedded(),
                        s.wallSeconds(), s.imagesPerSecond(), 1000 * s.decodeSeconds() / n,
                        1000 * s.preprocessSeconds() / n, 1000 * s.inferenceSeconds() / n, peakRssMegabytes());
            }
        }
        return 0;
    }

    /** VmHWM of this process (Linux), or -1 elsewhere. */
    static double peakRssMegabytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
