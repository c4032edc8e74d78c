package org.mammoembed.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
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
import org.mammoembed.io.HostCpu;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench --csv C --dicom-root D [--model M] [--batch-size 32] [--repeat 1] [--workers N] [--device cpu]}:
 * embeds the dataset (discarding the features) and prints where the time went: per image, the wall time of
 * decode, preprocess and inference (stage times summed over threads that overlap), their CPU times (decode-thread
 * and worker-thread CPU for decode and preprocess, process CPU during the batches for inference) and the ratio of
 * the CPU before the network to the network's; end-to-end images/s and the process's peak resident memory.
 * Before the first run's row it prints how long the process took from its start to the first batch entering ONNX
 * Runtime, split into before the model, reading and loading the model, and preparing the first batch. A
 * measurement, not a test: run it on a quiet machine and compare ratios measured in the same session.
 */
@Command(name = "bench", sortOptions = false, showDefaultValues = true,
        description = "Embed the dataset (discarding the features) and print where the time went: decode, "
                + "preprocessing and inference per image, images/s and peak resident memory.")
final class BenchCommand implements Callable<Integer> {
    private final PrintStream out;

    @Option(names = "--csv", required = true, paramLabel = "CSV", description = "Label CSV. Required.")
    Path csv;
    @Option(names = "--dicom-root", required = true, paramLabel = "DICOM_ROOT",
            description = "Folder of accession folders. Required.")
    Path dicomRoot;
    @Option(names = "--label-column", paramLabel = "NAME",
            description = "CSV column holding the density label. Default: BI-RADS, Classification or density.")
    String labelColumn;
    @Option(names = "--model", paramLabel = "ONNX",
            description = "Exported backbone. Default: the built-in ResNet50 with random weights.")
    Path modelFile;
    @Option(names = "--batch-size", paramLabel = "N", converter = CliConverters.PositiveInt.class,
            description = "Images per inference batch.")
    int batch = 32;
    @Option(names = "--repeat", paramLabel = "N", converter = CliConverters.PositiveInt.class,
            description = "Passes over the dataset (one table row each).")
    int repeat = 1;
    @Option(names = "--seed", paramLabel = "N", converter = CliConverters.AnyLong.class,
            description = "Seed of the built-in model's weights.")
    long seed = 42;
    @Option(names = "--workers", paramLabel = "N", converter = CliConverters.PositiveInt.class,
            description = "Decode/preprocess threads; the default is the library's policy: half the processors, "
                    + "at least 2, at most 8.")
    int workers = EmbeddingExtractorBuilder.defaultWorkers();
    @Option(names = "--device", paramLabel = "cpu|auto|cuda|cuda:N", converter = CliConverters.DeviceConverter.class,
            description = "Where the network runs.")
    Device device = Device.cpu();

    BenchCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws IOException, MammoException {
        Dataset dataset = Dataset.fromCsv(csv, dicomRoot, labelColumn);
        ModelChoice model = ModelChoice.of(modelFile, seed);
        long buildStartMillis = System.currentTimeMillis();
        long buildStart = System.nanoTime();
        try (EmbeddingExtractor ex = model.applyTo(EmbeddingExtractor.builder().batchSize(batch).device(device)
                .workers(workers))
                .build()) {
            double buildMs = (System.nanoTime() - buildStart) / 1e6;
            out.println("model: " + model.label());
            out.println("extractor: " + ex.describe());
            // the ratios below move with the processor (the network's share of the CPU differs between hosts)
            out.println("host: " + HostCpu.describe() + ", Java " + System.getProperty("java.version"));
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
            out.println("cpu columns: ms of CPU per image (decode, preprocess: decode/worker-thread CPU; infer: process"
                    + " CPU during the batches minus theirs); cpu ratio = (decode + preprocess) / infer per image");
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
