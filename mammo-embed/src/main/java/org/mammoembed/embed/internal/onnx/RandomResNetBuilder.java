package org.mammoembed.embed.internal.onnx;

import java.util.List;
import java.util.Random;

/**
 * Builds the ONNX graph of a {@link ResNetSpec} with random weights initialised as torchvision does, and with
 * every eval-mode batch norm folded into the conv before it.
 *
 * <p>Weights: each conv kernel is He-normal ("kaiming normal", mode fan_out, ReLU gain): N(0, 2 / (out * k * k)),
 * drawn with {@link Random#nextGaussian()} from one {@code new Random(seed)} in torchvision's module order, so a
 * seed gives the same bytes on every JVM (that algorithm is specified). Batch norms are those of a freshly
 * initialised torchvision model in eval mode: gamma 1, beta 0, running mean 0, running variance 1, eps 1e-5.
 * Folding {@code BN(conv(x)) = conv(x) * gamma / sqrt(var + eps) + (beta - mean * gamma / sqrt(var + eps))}
 * gives kernels scaled by {@code 1 / sqrt(1 + 1e-5)} and zero biases, so the graph holds Conv, Relu, Add,
 * MaxPool, GlobalAveragePool and Flatten only, and computes what torchvision's eval-mode model would.
 *
 * <p>The weights are random, not trained: the features carry no image meaning.
 */
public final class RandomResNetBuilder {
    /** Name of the graph input, [batch, 3, 224, 224]. */
    public static final String INPUT = "input";
    /** Name of the graph output, [batch, featureDimension]. */
    public static final String OUTPUT = "features";
    /** Input height and width. */
    public static final int IMAGE_SIZE = 224;

    private static final double BN_EPS = 1e-5;
    private static final double BN_FOLD_SCALE = 1.0 / Math.sqrt(1.0 + BN_EPS);

    private final ResNetSpec spec;
    private final Random random;
    private final OnnxGraphBuilder graph = new OnnxGraphBuilder();

    private RandomResNetBuilder(ResNetSpec spec, long seed) {
        this.spec = spec;
        this.random = new Random(seed);
    }

    /** The model of {@code spec} with weights drawn from {@code seed}. */
    public static OnnxModel build(ResNetSpec spec, long seed, String description) {
        return new RandomResNetBuilder(spec, seed).buildModel(description);
    }

    private OnnxModel buildModel(String description) {
        String x = convBn(INPUT, "conv1", 3, spec.stemWidth(), 7, 2, 3);
        x = graph.relu(x);
        x = graph.maxPool(x, 3, 2, 1);
        int[] blocks = spec.stageBlocks();
        int[] widths = spec.stageWidths();
        int channels = spec.stemWidth();
        for (int stage = 0; stage < blocks.length; stage++) {
            for (int block = 0; block < blocks[stage]; block++) {
                int stride = stage > 0 && block == 0 ? 2 : 1;
                String prefix = "layer" + (stage + 1) + "." + block;
                x = bottleneck(x, prefix, channels, widths[stage], stride);
                channels = widths[stage] * spec.expansion();
            }
        }
        String pooled = graph.globalAveragePool(x);
        graph.flatten(pooled, OUTPUT);

        OnnxValueInfo.Dim batch = OnnxValueInfo.Dim.symbolic("batch");
        OnnxValueInfo input = new OnnxValueInfo(INPUT, List.of(batch, OnnxValueInfo.Dim.fixed(3),
                OnnxValueInfo.Dim.fixed(IMAGE_SIZE), OnnxValueInfo.Dim.fixed(IMAGE_SIZE)));
        OnnxValueInfo output = new OnnxValueInfo(OUTPUT, List.of(batch, OnnxValueInfo.Dim.fixed(channels)));
        return new OnnxModel(graph.build("random_resnet", List.of(input), List.of(output)), description);
    }

    /** torchvision's Bottleneck: 1x1, 3x3 (stride), 1x1 expansion, plus identity or 1x1 downsample, then ReLU. */
    private String bottleneck(String x, String prefix, int inChannels, int width, int stride) {
        int outChannels = width * spec.expansion();
        String y = graph.relu(convBn(x, prefix + ".conv1", inChannels, width, 1, 1, 0));
        y = graph.relu(convBn(y, prefix + ".conv2", width, width, 3, stride, 1));
        y = convBn(y, prefix + ".conv3", width, outChannels, 1, 1, 0);
        String identity = x;
        if (stride != 1 || inChannels != outChannels) {
            identity = convBn(x, prefix + ".downsample.0", inChannels, outChannels, 1, stride, 0);
        }
        return graph.relu(graph.add(y, identity));
    }

    /** A conv with its batch norm folded in (see class doc), weights He-normal. */
    private String convBn(String x, String name, int in, int out, int kernel, int stride, int pad) {
        float[] weights = new float[out * in * kernel * kernel];
        double std = Math.sqrt(2.0 / (out * kernel * kernel)) * BN_FOLD_SCALE;
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (float) (random.nextGaussian() * std);
        }
        String w = graph.initializer(OnnxTensor.ofFloats(name + ".weight", new long[] {out, in, kernel, kernel},
                weights));
        String b = graph.initializer(OnnxTensor.ofFloats(name + ".bias", new long[] {out}, new float[out]));
        return graph.conv(x, w, b, kernel, stride, pad);
    }
}
