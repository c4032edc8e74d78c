package org.mammoembed.embed;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.SplittableRandom;

/** Test helper: runs an "input" [N,3,224,224] to "features" [N,D] model in ONNX Runtime, telemetry off. */
final class FeatureExtractorHarness {
    static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

    static {
        try {
            ENV.setTelemetry(false);
        } catch (OrtException e) {
            throw new IllegalStateException("cannot turn ONNX Runtime telemetry off", e);
        }
    }

    private static byte[] resnet50Seed42;

    private FeatureExtractorHarness() {
    }

    /**
     * {@code OnnxModels.randomResNet50(42)}, built once per test JVM: several test classes inspect it and
     * building it takes a second or two. Callers must not modify the array.
     */
    static synchronized byte[] resnet50Seed42() {
        if (resnet50Seed42 == null) {
            resnet50Seed42 = OnnxModels.randomResNet50(42);
        }
        return resnet50Seed42;
    }

    /** Opens a session on {@code model}. */
    static OrtSession open(byte[] model) throws OrtException {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            return ENV.createSession(model, options);
        }
    }

    /** Features of a batch of {@code batch} images laid out NCHW in {@code input}. */
    static float[][] run(byte[] model, float[] input, int batch) throws OrtException {
        try (OrtSession session = open(model);
             OnnxTensor x = OnnxTensor.createTensor(ENV, FloatBuffer.wrap(input), new long[] {batch, 3, 224, 224});
             OrtSession.Result result = session.run(Map.of("input", x))) {
            return (float[][]) result.get("features").orElseThrow().getValue();
        }
    }

    /** Uniform [0, 1) values, like the reference input of the shared ResNet50. */
    static float[] randomInput(int batch, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[batch * 3 * 224 * 224];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextDouble();
        }
        return x;
    }
}
