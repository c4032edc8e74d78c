package org.mammoembed.embed;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import org.mammoembed.embed.internal.onnx.OnnxModel;
import org.mammoembed.embed.internal.onnx.RandomResNetBuilder;
import org.mammoembed.embed.internal.onnx.ResNetSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Built-in ONNX models, written in memory: feature extractors with input {@code "input"} float
 * [batch, 3, 224, 224] and output {@code "features"} float [batch, D], ready for ONNX Runtime.
 *
 * <p><b>The weights are random</b> (He-normal from a seed, as torchvision initialises an untrained network),
 * not ImageNet-trained: the embeddings carry no image meaning. These models exist to run and test the pipeline
 * (shapes, batching, throughput) without shipping weight files. Every call logs a warning saying so.
 *
 * <p>Batch norms are folded into the convolutions (see {@link RandomResNetBuilder}), so each graph has only
 * Conv, Relu, Add, MaxPool, GlobalAveragePool and Flatten nodes; ONNX IR 7, opset 13.
 */
public final class OnnxModels {
    private static final Logger LOG = LoggerFactory.getLogger(OnnxModels.class);

    /** Name of every built-in model's input, float [batch, 3, 224, 224]. */
    public static final String INPUT_NAME = RandomResNetBuilder.INPUT;
    /** Name of every built-in model's output, float [batch, D]. */
    public static final String OUTPUT_NAME = RandomResNetBuilder.OUTPUT;
    /** Output dimension of {@link #randomResNet50}. */
    public static final int RESNET50_FEATURES = 2048;
    /** Output dimension of {@link #tinyResNet}. */
    public static final int TINY_FEATURES = 64;

    // stem 8, one bottleneck per stage of widths 4-8-12-16, expansion 4: ~0.02 M weights, milliseconds per image
    private static final ResNetSpec TINY = new ResNetSpec(8, new int[] {1, 1, 1, 1}, new int[] {4, 8, 12, 16}, 4);

    private OnnxModels() {
    }

    /**
     * The torchvision ResNet50 (v1.5) backbone without its classifier, with random He-normal weights from
     * {@code seed}: about 23.5 M parameters, a 94 MB model, built in about a second; needs about 200 MB of heap
     * while building (weights plus the array). The same seed always gives the same bytes.
     *
     * @param seed the weight seed
     * @return the serialised ONNX model
     */
    public static byte[] randomResNet50(long seed) {
        return resNet50Model(seed).toByteArray();
    }

    /**
     * Writes {@link #randomResNet50(long) randomResNet50(seed)} to {@code file}, streaming it rather than building
     * the 94 MB byte array.
     *
     * @param seed the weight seed
     * @param file the file to create or replace
     * @throws IOException if the file cannot be written
     */
    public static void writeRandomResNet50(long seed, Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        resNet50Model(seed).writeTo(file);
    }

    /**
     * A tiny ResNet of the same interface, output [batch, {@value #TINY_FEATURES}]: the same stem, one
     * bottleneck per stage with residual connections, random weights from {@code seed}. Loads and runs in
     * milliseconds, for tests.
     *
     * @param seed the weight seed
     * @return the serialised ONNX model
     */
    public static byte[] tinyResNet(long seed) {
        LOG.warn("Creating a tiny ResNet with RANDOM weights (seed {}): its features carry no image meaning", seed);
        return RandomResNetBuilder.build(TINY, seed,
                "Tiny ResNet test network with random He-normal weights (seed " + seed + "); not trained.")
                .toByteArray();
    }

    /**
     * {@link #randomResNet50(long)} without the warning, for {@link EmbeddingExtractorBuilder#builtInResNet50}, whose
     * model identity says "random weights" as data (a study logs it once, in run.log).
     */
    static byte[] randomResNet50Unannounced(long seed) {
        return resNet50Spec(seed).toByteArray();
    }

    private static OnnxModel resNet50Model(long seed) {
        LOG.warn("Creating ResNet50 with RANDOM weights (seed {}), not ImageNet: embeddings carry no image meaning",
                seed);
        return resNet50Spec(seed);
    }

    private static OnnxModel resNet50Spec(long seed) {
        return RandomResNetBuilder.build(ResNetSpec.resnet50(), seed,
                "torchvision ResNet50 v1.5 backbone (no fc), random He-normal weights (seed " + seed
                        + "), batch norms folded; not trained.");
    }
}
