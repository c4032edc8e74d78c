package org.mammoembed.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import org.mammoembed.core.Dataset;
import org.mammoembed.core.EmbeddedImage;
import org.mammoembed.core.EmbeddingSink;
import org.mammoembed.core.MammoException;
import org.mammoembed.core.ProgressListener;
import org.mammoembed.embed.CpuProfile;
import org.mammoembed.embed.Device;
import org.mammoembed.embed.EmbeddingExtractor;
import org.mammoembed.embed.EmbeddingExtractorBuilder;
import org.mammoembed.embed.ExtractionSummary;

/**
 * {@code bench --csv C --dicom-root D [--model M] [--batch-size 32] [--repeat 1] [--workers N] [--device cpu]}:
 * embeds the dataset (discarding the features) and prints where the time went: per image, the wall time of decode, preprocess and
 * inference (stage times summed over threads that overlap), their CPU times (worker-thread CPU for decode and
 * preprocess, process CPU during the batches for inference) and the ratio of the CPU before the network to the
 * network's; end-to-end images/s and the process's peak resident memory. Before the first run it prints how long
 * the process took from its start to the first batch entering ONNX Runtime, and how much of that was building
 * the extractor (reading and loading the model). A measurement, not a test: run it on a quiet machine and compare
 * ratios measured in the same session.
 */
final class BenchCommand {
    static final Set<String> VALUED = Set.of("csv", "dicom-root", "model", "batch-size", "repeat", "seed", "workers",
            "device");
    private final PrintStream out;

    BenchCommand(PrintStream out) {
        this.out = out;
    }

    int run(CliArguments a) throws UsageException, IOException, MammoException {
        Dataset dataset = Dataset.fromCsv(a.path("csv"), a.path("dicom-root"));
        ModelChoice model = ModelChoice.of(a.optionalPath("model"), a.longValue("seed", 42));
        int repeat = a.positiveInt("repeat", 1);
        int batch = a.positiveInt("batch-size", 32);
        Device device;
        try {
            device = Device.parse(a.string("device", "cpu"));
        } catch (IllegalArgumentException e) {
            throw new UsageException("bench: --device " + e.getMessage());
        }
        long buildStartMillis = System.currentTimeMillis();
        long buildStart = System.nanoTime();
        try (EmbeddingExtractor ex = model.applyTo(EmbeddingExtractor.builder().batchSize(batch).device(device)
                .workers(a.positiveInt("workers", EmbeddingExtractorBuilder.defaultWorkers())))
                .build()) {
            double buildMs = (System.nanoTime() - buildStart) / 1e6;
            out.println("model: " + model.label());
            out.println("extractor: " + ex.describe());
            out.printf(Locale.ROOT, "%-5s %7s %8s %9s %12s %14s %13s %10s %11s %10s %9s %12s%n", "run", "images",
                    "wall s", "images/s", "decode ms/im", "preproc ms/im", "infer ms/im", "decode cpu",
                    "preproc cpu", "infer cpu", "cpu ratio", "peak RSS MB");
            EmbeddingSink discard = new EmbeddingSink() {
                @Override
                public void accept(EmbeddedImage image, float[] feature) {
                }
            };
            for (int r = 1; r <= repeat; r++) {
                long extractStartMillis = System.currentTimeMillis();
                ExtractionSummary s = ex.extract(dataset, discard, ProgressListener.NONE);
                if (r == 1) {
                    startup(buildStartMillis, buildMs, extractStartMillis, s.cpu().firstBatchEpochMillis());
                }
                int n = Math.max(1, s.embedded() + s.failed());
                int embedded = Math.max(1, s.embedded());
                CpuProfile cpu = s.cpu();
                out.printf(Locale.ROOT, "%-5d %7d %8.2f %9.2f %12.1f %14.1f %13.1f %10.1f %11.1f %10.1f %9.3f %12.0f%n",
                        r, s.embedded(), s.wallSeconds(), s.imagesPerSecond(), 1000 * s.decodeSeconds() / n,
                        1000 * s.preprocessSeconds() / n, 1000 * s.inferenceSeconds() / n,
                        1000 * cpu.decodeSeconds() / n, 1000 * cpu.preprocessSeconds() / n,
                        1000 * cpu.inferenceSeconds() / embedded, cpu.beforeNetworkRatio() * embedded / n,
                        peakRssMegabytes());
            }
            out.println("cpu columns: ms of CPU per image (decode, preprocess: worker-thread CPU; infer: process CPU"
                    + " during the batches minus the workers'); cpu ratio = (decode + preprocess) / infer per image");
        }
        return 0;
    }

    /**
     * Process start to the first batch entering ONNX Runtime, split into: before building the extractor (JVM start,
     * class loading, dataset scan), building it (reading and loading the model), and preparing the first batch
     * (decoding and preprocessing its images, which scales with the batch size and image size).
     */
    private void startup(long buildStartMillis, double buildMs, long extractStartMillis, long firstBatchMillis) {
        if (firstBatchMillis < 0) {
            return;
        }
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        out.printf(Locale.ROOT, "startup: process start -> first batch in ONNX Runtime %d ms = before the model %d ms"
                + " + model read and loaded %.0f ms + first batch prepared %d ms; beyond the model load %.0f ms%n",
                firstBatchMillis - jvmStart, buildStartMillis - jvmStart, buildMs, firstBatchMillis - extractStartMillis,
                firstBatchMillis - jvmStart - buildMs);
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
