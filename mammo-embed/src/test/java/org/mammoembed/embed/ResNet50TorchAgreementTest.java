package org.mammoembed.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/**
 * The generated ResNet50 computes what torchvision's ResNet50 computes with the same weights: the fixture is the
 * output of torchvision 0.14 {@code resnet50} (fc = Identity, eval mode) into which
 * {@code src/test/python/resnet50_reference.py forward} loaded the weights of {@code randomResNet50(42)}, for the
 * input below. A wrong stride, padding, residual wiring or pooling would change every feature.
 */
class ResNet50TorchAgreementTest {

    /** The deterministic input of the python script: exact float32 arithmetic in both languages. */
    static float[] input() {
        float[] x = new float[2 * 3 * 224 * 224];
        for (int i = 0; i < x.length; i++) {
            x[i] = ((i * 7919L) % 1000) / 1000f - 0.5f;
        }
        return x;
    }

    static float[] torchOutput() throws IOException {
        try (InputStream in = ResNet50TorchAgreementTest.class
                .getResourceAsStream("resnet50-seed42-torch-output.f32")) {
            assertNotNull(in, "fixture on the test class path");
            float[] out = new float[2 * 2048];
            ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
            return out;
        }
    }

    @Test
    void onnxRuntimeOutputMatchesTorchvision() throws Exception {
        float[][] ours = FeatureExtractorHarness.run(FeatureExtractorHarness.resnet50Seed42(), input(), 2);
        float[] torch = torchOutput();
        float max = 0;
        for (float v : torch) {
            max = Math.max(max, Math.abs(v));
        }
        for (int row = 0; row < 2; row++) {
            for (int j = 0; j < 2048; j++) {
                float expected = torch[row * 2048 + j];
                // float32 summation order differs between runtimes (measured: 1.1e-5 absolute at a scale of 46);
                // 3e-5 relative still catches an unfolded batch norm (1 / sqrt(1 + 1e-5) per conv, 2.6e-4)
                assertEquals(expected, ours[row][j], 3e-5f * max + 3e-5f * Math.abs(expected),
                        "row " + row + " feature " + j);
            }
        }
    }
}
