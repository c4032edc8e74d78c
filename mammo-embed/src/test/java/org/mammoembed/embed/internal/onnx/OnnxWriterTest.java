package org.mammoembed.embed.internal.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Small hand-made graphs written by the writer and run in ONNX Runtime, against values computed by hand. */
class OnnxWriterTest {
    private static OrtEnvironment env;

    @BeforeAll
    static void setUp() throws OrtException {
        env = OrtEnvironment.getEnvironment();
        env.setTelemetry(false);
    }

    private static float[] run(OnnxGraph graph, float[] x, long[] shape) throws OrtException {
        byte[] model = new OnnxModel(graph, "test").toByteArray();
        try (OrtSession session = env.createSession(model, new OrtSession.SessionOptions());
             ai.onnxruntime.OnnxTensor in = ai.onnxruntime.OnnxTensor.createTensor(env, FloatBuffer.wrap(x), shape);
             OrtSession.Result result = session.run(Map.of("x", in))) {
            ai.onnxruntime.OnnxTensor out = (ai.onnxruntime.OnnxTensor) result.get(0);
            FloatBuffer values = out.getFloatBuffer();
            float[] array = new float[values.remaining()];
            values.get(array);
            return array;
        }
    }

    private static OnnxValueInfo value(String name, OnnxValueInfo.Dim... dims) {
        return new OnnxValueInfo(name, List.of(dims));
    }

    @Test
    void int64ShapeInitialiserAndFloatAttributeReachTheRuntime() throws OrtException {
        OnnxGraphBuilder b = new OnnxGraphBuilder();
        String shape = b.initializer(OnnxTensor.ofLongs("shape", new long[] {3}, new long[] {-1, 2, 2}));
        String reshaped = b.node("Reshape", null, List.of("x", shape));
        b.node("LeakyRelu", "y", List.of(reshaped), OnnxAttribute.ofFloat("alpha", 0.5f));
        OnnxValueInfo.Dim batch = OnnxValueInfo.Dim.symbolic("batch");
        OnnxGraph graph = b.build("g", List.of(value("x", batch, OnnxValueInfo.Dim.fixed(4))),
                List.of(value("y", batch, OnnxValueInfo.Dim.fixed(2), OnnxValueInfo.Dim.fixed(2))));
        float[] y = run(graph, new float[] {1, -2, 3, -4, -6, 8, 0, 10}, new long[] {2, 4});
        assertArrayEquals(new float[] {1, -1, 3, -2, -3, 8, 0, 10}, y);
    }

    @Test
    void convolutionWeightsAreRowMajorOutInKernelAndPaddingIsSymmetric() throws OrtException {
        OnnxGraphBuilder b = new OnnxGraphBuilder();
        float[] kernel = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        String w = b.initializer(OnnxTensor.ofFloats("w", new long[] {1, 1, 3, 3}, kernel));
        String bias = b.initializer(OnnxTensor.ofFloats("b", new long[] {1}, new float[] {0.5f}));
        String conv = b.conv("x", w, bias, 3, 2, 1);
        b.node("Identity", "y", List.of(conv));
        OnnxValueInfo.Dim one = OnnxValueInfo.Dim.fixed(1);
        OnnxGraph graph = b.build("g", List.of(value("x", one, one, OnnxValueInfo.Dim.fixed(3),
                OnnxValueInfo.Dim.fixed(3))), List.of(value("y", one, one, OnnxValueInfo.Dim.fixed(2),
                OnnxValueInfo.Dim.fixed(2))));
        // 3x3 ones, pad 1, stride 2: outputs at the four corners, each sees a 2x2 corner of the kernel
        float[] y = run(graph, new float[] {1, 1, 1, 1, 1, 1, 1, 1, 1}, new long[] {1, 1, 3, 3});
        assertArrayEquals(new float[] {5 + 6 + 8 + 9 + 0.5f, 4 + 5 + 7 + 8 + 0.5f, 2 + 3 + 5 + 6 + 0.5f,
            1 + 2 + 4 + 5 + 0.5f}, y);
    }

    @Test
    void maxPoolGlobalAveragePoolAndFlattenBehaveAsDocumented() throws OrtException {
        OnnxGraphBuilder b = new OnnxGraphBuilder();
        String pooled = b.maxPool("x", 3, 2, 1);
        String mean = b.globalAveragePool(b.relu(b.add(pooled, pooled)));
        b.flatten(mean, "y");
        OnnxValueInfo.Dim one = OnnxValueInfo.Dim.fixed(1);
        OnnxValueInfo.Dim four = OnnxValueInfo.Dim.fixed(4);
        OnnxGraph graph = b.build("g", List.of(value("x", one, one, four, four)), List.of(value("y", one, one)));
        float[] x = new float[16];
        for (int i = 0; i < 16; i++) {
            x[i] = i - 8;
        }
        // max pool 3x3/2 pad 1 of the 4x4 ramp -8..7 gives [[-3, -1], [5, 7]]; doubled, ReLU, mean = (10 + 14) / 4
        assertArrayEquals(new float[] {6f}, run(graph, x, new long[] {1, 1, 4, 4}));
    }

    @Test
    void invalidArgumentsAreRefusedWithMessagesNamingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OnnxTensor.ofFloats("w", new long[] {2, 3}, new float[5]));
        assertEquals("tensor w: dims [2, 3] hold 6 values but 5 were given", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> OnnxTensor.ofFloats("w", new long[] {-1}, new float[0]));
        assertTrue(e.getMessage().contains("negative dimension -1"), e.getMessage());

        OnnxGraphBuilder b = new OnnxGraphBuilder();
        b.initializer(OnnxTensor.ofFloats("w", new long[] {1}, new float[1]));
        e = assertThrows(IllegalArgumentException.class,
                () -> b.initializer(OnnxTensor.ofFloats("w", new long[] {1}, new float[1])));
        assertEquals("duplicate value name in graph: w", e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> OnnxAttribute.ofInt("", 1));
        assertEquals("attribute name must not be empty", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> OnnxValueInfo.Dim.fixed(-2));
        assertEquals("dimension must be >= 0, got -2", e.getMessage());
    }

    @Test
    void resNetSpecValidatesEveryOption() {
        int[] one = {1};
        assertEquals("stemWidth must be >= 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> new ResNetSpec(0, one, one, 4)).getMessage());
        assertEquals("expansion must be >= 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> new ResNetSpec(8, one, one, 0)).getMessage());
        assertEquals("stageBlocks [1] and stageWidths [1, 2] must be non-empty and of equal length",
                assertThrows(IllegalArgumentException.class,
                        () -> new ResNetSpec(8, one, new int[] {1, 2}, 4)).getMessage());
        assertEquals("stage 0 needs >= 1 block of width >= 1, got 0 blocks of width 1",
                assertThrows(IllegalArgumentException.class,
                        () -> new ResNetSpec(8, new int[] {0}, one, 4)).getMessage());
        assertEquals(2048, ResNetSpec.resnet50().featureDimension());
    }
}
