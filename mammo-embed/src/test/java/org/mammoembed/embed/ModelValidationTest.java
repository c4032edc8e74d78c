package org.mammoembed.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code build()} accepts only image embedding backbones that fit the preprocessing, and says why otherwise.
 * The rejected models are tiny torch exports of each mistake (src/test/python/make_test_models.py): a 1000-class
 * head (fc left in), two inputs, a 1-channel input, an un-pooled feature map output, a fixed batch axis.
 */
class ModelValidationTest {

    private static ModelException rejected(String fixture, ImagePreprocessor pre) {
        return assertThrows(ModelException.class, () -> EmbeddingExtractor.builder().model(TestImages.model(fixture))
                .preprocessing(pre).batchSize(2).build().close());
    }

    private static void assertMentions(Exception e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "message should mention '" + p + "': " + e.getMessage());
        }
    }

    @Test
    void classifierHeadPointsAtTheExportScript() {
        ModelException e = rejected("tiny_head1000.onnx", NearestPreprocessor.tiny());
        assertMentions(e, "1000", "classifier", "Identity", "examples/export_resnet50.py");
    }

    @Test
    void twoInputs() {
        assertMentions(rejected("tiny_two_inputs.onnx", NearestPreprocessor.tiny()), "exactly one input", "2");
    }

    @Test
    void oneChannelInput() {
        assertMentions(rejected("tiny_gray.onnx", NearestPreprocessor.tiny()), "3 channels", "[-1, 1, 32, 32]");
    }

    @Test
    void featureMapOutput() {
        assertMentions(rejected("tiny_spatial.onnx", NearestPreprocessor.tiny()), "[N,D] or [N,D,1,1]",
                "[-1, 16, 8, 8]");
    }

    @Test
    void inputSizeDifferentFromPreprocessingNamesBoth() {
        ModelException e = rejected("tiny_backbone.onnx", new NearestPreprocessor(224, 224));
        assertMentions(e, "32x32", "224x224");
    }

    @Test
    void fixedBatchAxisMustMatchBatchSize() {
        assertMentions(rejected("tiny_fixed_batch4.onnx", NearestPreprocessor.tiny()), "fixed batch size of 4",
                "batchSize is 2");
    }

    @Test
    void dynamicInputSizeAcceptsAnyPreprocessingSize() throws Exception {
        try (EmbeddingExtractor ex = EmbeddingExtractor.builder().model(TestImages.model("tiny_dynamic_hw.onnx"))
                .preprocessing(new NearestPreprocessor(48, 40)).build()) {
            assertEquals(-1, ex.modelSignature().height());
            assertEquals(24, ex.embed(SyntheticReader.imageFor(1)).length);
        }
    }

    @Test
    void pooledFourDimensionalOutputIsFlattened() throws Exception {
        try (EmbeddingExtractor ex = EmbeddingExtractor.builder().model(TestImages.model("tiny_pooled4d.onnx"))
                .preprocessing(NearestPreprocessor.tiny()).build()) {
            assertEquals(4, ex.modelSignature().outputRank());
            assertEquals(16, ex.dimension());
            float[] f = ex.embed(SyntheticReader.imageFor(2));
            assertEquals(16, f.length);
            // after ReLU and average pooling of a non-constant image, some features are positive
            assertTrue(java.util.stream.IntStream.range(0, 16).anyMatch(i -> f[i] > 0));
        }
    }

    @Test
    void missingFile(@TempDir Path dir) {
        Path missing = dir.resolve("nope.onnx");
        ModelException e = assertThrows(ModelException.class,
                () -> EmbeddingExtractor.builder().model(missing).build().close());
        assertMentions(e, "model file not found", "nope.onnx");
    }

    @Test
    void notAnOnnxFile(@TempDir Path dir) throws Exception {
        Path junk = Files.write(dir.resolve("junk.onnx"), "this is not a protobuf".getBytes());
        ModelException e = assertThrows(ModelException.class,
                () -> EmbeddingExtractor.builder().model(junk).build().close());
        assertMentions(e, "cannot load the model", "junk.onnx");
    }

    @Test
    void modelFromFileWorksLikeBytes(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("tiny.onnx"), TestImages.model("tiny_backbone.onnx"));
        try (EmbeddingExtractor fromFile = EmbeddingExtractor.builder().model(file)
                .preprocessing(NearestPreprocessor.tiny()).build();
             EmbeddingExtractor fromBytes = EmbeddingExtractor.builder().model(TestImages.model("tiny_backbone.onnx"))
                     .preprocessing(NearestPreprocessor.tiny()).build()) {
            assertEquals(java.util.Arrays.toString(fromBytes.embed(SyntheticReader.imageFor(3))),
                    java.util.Arrays.toString(fromFile.embed(SyntheticReader.imageFor(3))));
        }
    }

    @Test
    void sharedSqueezeNetNeedsA227Preprocessing() throws Exception {
        Path model = OrtParityTest.modelsDir().resolve("squeezenet1.0_deepcompression_imagenet_feat512.onnx");
        ModelException e = assertThrows(ModelException.class, () -> EmbeddingExtractor.builder().model(model)
                .preprocessing(new NearestPreprocessor(224, 224)).build().close());
        assertMentions(e, "227x227", "224x224");
        try (EmbeddingExtractor ex = EmbeddingExtractor.builder().model(model)
                .preprocessing(new NearestPreprocessor(227, 227)).build()) {
            assertEquals(512, ex.dimension());
        }
    }

    @Test
    void sharedResNet50Signature() throws Exception {
        Path model = OrtParityTest.modelsDir().resolve("resnet50-random-seed42.onnx");
        try (EmbeddingExtractor ex = EmbeddingExtractor.builder().model(model).build()) {
            assertEquals(2048, ex.dimension());
            assertEquals("input", ex.modelSignature().inputName());
            assertEquals("features", ex.modelSignature().outputName());
        }
    }
}
