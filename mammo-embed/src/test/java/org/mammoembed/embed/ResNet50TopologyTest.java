package org.mammoembed.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mammoembed.embed.internal.onnx.OnnxModelReader;

/**
 * The generated ResNet50 graph, parsed back with the independent test reader, against torchvision's ResNet50
 * as measured by {@code src/test/python/resnet50_reference.py structure} (torchvision 0.14, Debian 12).
 */
class ResNet50TopologyTest {
    // from resnet50_reference.py structure: conv weights 23,454,912 + 26,560 BN channels (one folded bias each);
    // torchvision counts 23,508,032 trainable parameters (conv weights + BN gamma and beta) without fc
    static final long FOLDED_PARAMETERS = 23_481_472L;
    static final int CONVS = 53;
    static final int BOTTLENECKS = 16;
    /** out,in,kernel,stride,pad of every torchvision resnet50 conv, in forward order (same script). */
    static final String CONV_SPECS = "64,3,7,2,3 64,64,1,1,0 64,64,3,1,1 256,64,1,1,0 256,64,1,1,0 64,256,1,1,0 "
            + "64,64,3,1,1 256,64,1,1,0 64,256,1,1,0 64,64,3,1,1 256,64,1,1,0 128,256,1,1,0 128,128,3,2,1 "
            + "512,128,1,1,0 512,256,1,2,0 128,512,1,1,0 128,128,3,1,1 512,128,1,1,0 128,512,1,1,0 128,128,3,1,1 "
            + "512,128,1,1,0 128,512,1,1,0 128,128,3,1,1 512,128,1,1,0 256,512,1,1,0 256,256,3,2,1 1024,256,1,1,0 "
            + "1024,512,1,2,0 256,1024,1,1,0 256,256,3,1,1 1024,256,1,1,0 256,1024,1,1,0 256,256,3,1,1 "
            + "1024,256,1,1,0 256,1024,1,1,0 256,256,3,1,1 1024,256,1,1,0 256,1024,1,1,0 256,256,3,1,1 "
            + "1024,256,1,1,0 256,1024,1,1,0 256,256,3,1,1 1024,256,1,1,0 512,1024,1,1,0 512,512,3,2,1 "
            + "2048,512,1,1,0 2048,1024,1,2,0 512,2048,1,1,0 512,512,3,1,1 2048,512,1,1,0 512,2048,1,1,0 "
            + "512,512,3,1,1 2048,512,1,1,0";

    private static OnnxModelReader.Model model;

    @BeforeAll
    static void parse() {
        model = OnnxModelReader.parse(FeatureExtractorHarness.resnet50Seed42());
    }

    /** "out,in,kernel,stride,pad" of each Conv node, from its weight initialiser's dims and its attributes. */
    static String convSpecs(OnnxModelReader.Model m) {
        return m.nodes().stream().filter(n -> n.opType().equals("Conv")).map(n -> {
            long[] w = m.initializers().get(n.inputs().get(1)).dims();
            long[] kernel = n.ints().get("kernel_shape");
            long[] strides = n.ints().get("strides");
            long[] pads = n.ints().get("pads");
            assertEquals(w[2], kernel[0]);
            assertEquals(kernel[0], kernel[1], "square kernel");
            assertEquals(strides[0], strides[1], "same stride both ways");
            assertTrue(pads[0] == pads[1] && pads[1] == pads[2] && pads[2] == pads[3], "symmetric pads");
            return w[0] + "," + w[1] + "," + kernel[0] + "," + strides[0] + "," + pads[0];
        }).collect(Collectors.joining(" "));
    }

    @Test
    void headerIsIr7Opset13FromMammoEmbed() {
        assertEquals(7, model.irVersion());
        assertEquals(Map.of("", 13L), model.opsets());
        assertEquals("mammo-embed", model.producerName());
    }

    @Test
    void convolutionsMatchTorchvisionInOrder() {
        assertEquals(CONV_SPECS, convSpecs(model));
    }

    @Test
    void nodeCountsPerOpTypeMatchTheFoldedTorchvisionGraph() {
        assertEquals(CONVS, model.count("Conv"));
        assertEquals(BOTTLENECKS, model.count("Add"), "one residual add per bottleneck");
        assertEquals(1 + 3 * BOTTLENECKS, model.count("Relu"), "stem ReLU + three per bottleneck");
        assertEquals(1, model.count("MaxPool"));
        assertEquals(1, model.count("GlobalAveragePool"));
        assertEquals(1, model.count("Flatten"));
        assertEquals(CONVS + 4 * BOTTLENECKS + 1 + 3, model.nodes().size(), "no other nodes");
    }

    @Test
    void parameterCountIsTorchvisionsConvWeightsPlusOneFoldedBiasPerBatchNormChannel() {
        long total = 0;
        for (OnnxModelReader.Tensor t : model.initializers().values()) {
            assertEquals(1, t.dataType(), t.name() + " is FLOAT");
            total += t.floats().length;
        }
        assertEquals(FOLDED_PARAMETERS, total);
        assertEquals(2 * CONVS, model.initializers().size(), "a weight and a bias per conv, nothing else");
    }

    @Test
    void graphIsTopologicallySortedFromInputToFeatures() {
        Set<String> available = new HashSet<>(model.initializers().keySet());
        available.add("input");
        for (OnnxModelReader.Node node : model.nodes()) {
            for (String in : node.inputs()) {
                assertTrue(available.contains(in), node.opType() + " reads " + in + " before it exists");
            }
            available.addAll(node.outputs());
        }
        OnnxModelReader.Node last = model.nodes().get(model.nodes().size() - 1);
        assertEquals(List.of("features"), last.outputs());
        assertEquals(List.of("input"), model.inputs().stream().map(OnnxModelReader.Value::name).toList());
        assertEquals(List.of("batch", "3", "224", "224"), model.inputs().get(0).dims());
        assertEquals(List.of("batch", "2048"), model.outputs().get(0).dims());
        assertEquals(1, model.inputs().get(0).elemType(), "FLOAT");
    }

    @Test
    void weightsAreHeNormalFanOutScaledByTheFoldedBatchNormAndBiasesZero() {
        double fold = 1 / Math.sqrt(1 + 1e-5);
        for (OnnxModelReader.Node conv : model.nodes()) {
            if (!conv.opType().equals("Conv")) {
                continue;
            }
            OnnxModelReader.Tensor w = model.initializers().get(conv.inputs().get(1));
            long[] d = w.dims();
            double expectedStd = Math.sqrt(2.0 / (d[0] * d[2] * d[3])) * fold;
            double sum = 0;
            double sumSq = 0;
            for (float v : w.floats()) {
                sum += v;
                sumSq += (double) v * v;
            }
            int n = w.floats().length;
            double mean = sum / n;
            double std = Math.sqrt(sumSq / n - mean * mean);
            // 5 standard errors of the sample std (about std / sqrt(2n)) and of the mean (std / sqrt(n))
            assertEquals(expectedStd, std, 5 * expectedStd / Math.sqrt(2.0 * n), w.name() + " std");
            assertEquals(0, mean, 5 * expectedStd / Math.sqrt(n), w.name() + " mean");
            for (float b : model.initializers().get(conv.inputs().get(2)).floats()) {
                assertEquals(0f, b, "beta - mean * gamma / sqrt(var + eps) = 0 for a fresh batch norm");
            }
        }
    }
}
