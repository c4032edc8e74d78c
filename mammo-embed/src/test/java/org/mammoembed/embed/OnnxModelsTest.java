package org.mammoembed.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both built-in models load in ONNX Runtime with the documented interface and give sane, seeded outputs. */
class OnnxModelsTest {
    private static byte[] resnet50Seed42;

    @BeforeAll
    static void setUp() {
        resnet50Seed42 = FeatureExtractorHarness.resnet50Seed42();
    }

    private static void assertInterface(byte[] model, long features) throws OrtException {
        try (OrtSession session = FeatureExtractorHarness.open(model)) {
            assertEquals(1, session.getNumInputs());
            assertEquals(1, session.getNumOutputs());
            NodeInfo in = session.getInputInfo().get("input");
            NodeInfo out = session.getOutputInfo().get("features");
            TensorInfo inInfo = (TensorInfo) in.getInfo();
            TensorInfo outInfo = (TensorInfo) out.getInfo();
            assertArrayEquals(new long[] {-1, 3, 224, 224}, inInfo.getShape(), "input shape, batch symbolic");
            assertArrayEquals(new long[] {-1, features}, outInfo.getShape(), "output shape, batch symbolic");
            assertEquals(ai.onnxruntime.OnnxJavaType.FLOAT, inInfo.type);
            assertEquals(ai.onnxruntime.OnnxJavaType.FLOAT, outInfo.type);
            assertEquals("batch", inInfo.getDimensionNames()[0]);
            assertEquals("mammo-embed", session.getMetadata().getProducerName());
        }
    }

    private static void assertSane(float[][] features, int batch, int dim) {
        assertEquals(batch, features.length);
        for (float[] row : features) {
            assertEquals(dim, row.length);
            long nonZero = 0;
            for (float v : row) {
                assertTrue(Float.isFinite(v), "finite feature");
                assertTrue(v >= 0f, "features follow a ReLU then an average, so are >= 0: " + v);
                if (v != 0f) {
                    nonZero++;
                }
            }
            assertTrue(nonZero > dim / 2, "most features non-zero, got " + nonZero + " of " + dim);
        }
    }

    @Test
    void resNet50HasTheDocumentedInterface() throws OrtException {
        assertInterface(resnet50Seed42, 2048);
    }

    @Test
    void tinyResNetHasTheDocumentedInterface() throws OrtException {
        assertInterface(OnnxModels.tinyResNet(1), OnnxModels.TINY_FEATURES);
    }

    @Test
    void resNet50GivesFiniteBatchedFeaturesAndBatchingDoesNotMixImages() throws OrtException {
        float[] three = FeatureExtractorHarness.randomInput(3, 5);
        float[][] batched = FeatureExtractorHarness.run(resnet50Seed42, three, 3);
        assertSane(batched, 3, 2048);
        float[] second = Arrays.copyOfRange(three, 3 * 224 * 224, 2 * 3 * 224 * 224);
        float[][] alone = FeatureExtractorHarness.run(resnet50Seed42, second, 1);
        assertSane(alone, 1, 2048);
        for (int j = 0; j < 2048; j++) {
            assertEquals(alone[0][j], batched[1][j], 1e-4f * Math.max(1f, Math.abs(alone[0][j])), "feature " + j);
        }
        assertFalse(Arrays.equals(batched[0], batched[1]), "different images, different features");
    }

    @Test
    void tinyResNetGivesFiniteFeaturesForOneAndThreeImages() throws OrtException {
        byte[] tiny = OnnxModels.tinyResNet(3);
        int dim = OnnxModels.TINY_FEATURES;
        assertSane(FeatureExtractorHarness.run(tiny, FeatureExtractorHarness.randomInput(1, 8), 1), 1, dim);
        assertSane(FeatureExtractorHarness.run(tiny, FeatureExtractorHarness.randomInput(3, 9), 3), 3, dim);
    }

    @Test
    void sameSeedGivesIdenticalBytesInArrayAndFileFormsAndOtherSeedsOtherWeights(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("resnet50.onnx");
        OnnxModels.writeRandomResNet50(42, file);
        assertArrayEquals(resnet50Seed42, Files.readAllBytes(file));

        // another ResNet50 would cost seconds; the tiny model goes through the same builder
        byte[] tiny7 = OnnxModels.tinyResNet(7);
        byte[] tiny8 = OnnxModels.tinyResNet(8);
        assertArrayEquals(tiny7, OnnxModels.tinyResNet(7));
        assertEquals(tiny7.length, tiny8.length, "same topology, same size");
        assertFalse(Arrays.equals(tiny7, tiny8));
        float[] x = FeatureExtractorHarness.randomInput(1, 11);
        float[][] a = FeatureExtractorHarness.run(tiny7, x, 1);
        float[][] b = FeatureExtractorHarness.run(tiny8, x, 1);
        assertFalse(Arrays.equals(a[0], b[0]), "different weights give different features");
    }
}
