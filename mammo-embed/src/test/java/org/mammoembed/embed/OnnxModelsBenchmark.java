package org.mammoembed.embed;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Benchmark (not a test): how long building, loading and running the built-in models takes. Prints a table of
 * median wall times over a few repetitions after one warm-up. Run from {@code mammo-embed/} after
 * {@code mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt -Dmdep.includeScope=test}:
 * {@code java -cp target/test-classes:target/classes:$(cat cp.txt) org.mammoembed.embed.OnnxModelsBenchmark}.
 */
public final class OnnxModelsBenchmark {
    private static final int REPEATS = 5;

    private OnnxModelsBenchmark() {
    }

    private static double medianMillis(LongSupplier timedNanos) {
        timedNanos.getAsLong();
        long[] t = new long[REPEATS];
        for (int i = 0; i < REPEATS; i++) {
            t[i] = timedNanos.getAsLong();
        }
        Arrays.sort(t);
        return t[REPEATS / 2] / 1e6;
    }

    private static long time(Runnable r) {
        long start = System.nanoTime();
        r.run();
        return System.nanoTime() - start;
    }

    private static double sessionMillis(byte[] model) {
        return medianMillis(() -> time(() -> {
            try (OrtSession s = FeatureExtractorHarness.open(model)) {
                s.getNumInputs();
            } catch (OrtException e) {
                throw new IllegalStateException(e);
            }
        }));
    }

    private static double inferenceMillis(byte[] model, int batch) throws OrtException {
        float[] x = FeatureExtractorHarness.randomInput(batch, 1);
        try (OrtSession s = FeatureExtractorHarness.open(model);
             OnnxTensor in = OnnxTensor.createTensor(FeatureExtractorHarness.ENV, FloatBuffer.wrap(x),
                     new long[] {batch, 3, 224, 224})) {
            return medianMillis(() -> time(() -> {
                try (OrtSession.Result r = s.run(Map.of("input", in))) {
                    r.get(0);
                } catch (OrtException e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
    }

    /** Prints the table. */
    public static void main(String[] args) throws IOException, OrtException {
        Path file = Files.createTempFile("resnet50", ".onnx");
        try {
            byte[] resnet = OnnxModels.randomResNet50(1);
            byte[] tiny = OnnxModels.tinyResNet(1);
            System.out.printf("%-44s %12s%n", "operation (1 intra-op thread)", "median ms");
            System.out.printf("%-44s %12.1f%n", "randomResNet50(seed) -> byte[] (" + resnet.length + " B)",
                    medianMillis(() -> time(() -> OnnxModels.randomResNet50(2))));
            System.out.printf("%-44s %12.1f%n", "writeRandomResNet50(seed, file)",
                    medianMillis(() -> time(() -> {
                        try {
                            OnnxModels.writeRandomResNet50(2, file);
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    })));
            System.out.printf("%-44s %12.2f%n", "tinyResNet(seed) -> byte[] (" + tiny.length + " B)",
                    medianMillis(() -> time(() -> OnnxModels.tinyResNet(2))));
            System.out.printf("%-44s %12.1f%n", "ORT session, ResNet50", sessionMillis(resnet));
            System.out.printf("%-44s %12.2f%n", "ORT session, tiny", sessionMillis(tiny));
            System.out.printf("%-44s %12.1f%n", "ORT run, ResNet50, batch 1", inferenceMillis(resnet, 1));
            System.out.printf("%-44s %12.2f%n", "ORT run, tiny, batch 1", inferenceMillis(tiny, 1));
            System.out.printf("%-44s %12.2f%n", "ORT run, tiny, batch 8", inferenceMillis(tiny, 8));
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
