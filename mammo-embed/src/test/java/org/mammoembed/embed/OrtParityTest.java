package org.mammoembed.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.mammoembed.io.NpyReader;
import org.mammoembed.io.NpyReader.NpyArray;

/**
 * ONNX Runtime, driven through {@link EmbeddingExtractor#embed}, reproduces PyTorch's outputs for the same
 * network and input: the committed tiny model (always) and the shared ResNet50 and SqueezeNet (opt-in:
 * {@code -Dmammo.models=/work/shared/models}).
 */
class OrtParityTest {

    @Test
    void tinyBackboneMatchesPyTorch() throws Exception {
        NpyArray in = TestImages.npy("tiny_backbone.ref-input.npy");
        NpyArray out = TestImages.npy("tiny_backbone.ref-output.npy");
        double err = maxAbsDiff(EmbeddingExtractor.builder().model(TestImages.model("tiny_backbone.onnx")), in, out,
                TestImages.TINY_SIZE, 4);
        assertEquals(0.0, err, 1e-6, "max abs difference to PyTorch (measured 3e-8)");
    }

    @Test
    void resnet50MatchesPyTorch() throws Exception {
        Path dir = modelsDir();
        NpyArray in = NpyReader.read(dir.resolve("resnet50-random-seed42.ref-input.npy"));
        NpyArray out = NpyReader.read(dir.resolve("resnet50-random-seed42.ref-output.npy"));
        EmbeddingExtractorBuilder b = EmbeddingExtractor.builder().model(dir.resolve("resnet50-random-seed42.onnx"));
        assertEquals(0.0, maxAbsDiff(b, in, out, 224, 2), 1e-4, "max abs difference to PyTorch");
    }

    @Test
    void squeezeNetAt227MatchesPyTorch() throws Exception {
        Path dir = modelsDir();
        String base = "squeezenet1.0_deepcompression_imagenet_feat512";
        NpyArray in = NpyReader.read(dir.resolve(base + ".ref-input.npy"));
        NpyArray out = NpyReader.read(dir.resolve(base + ".ref-output.npy"));
        EmbeddingExtractorBuilder b = EmbeddingExtractor.builder().model(dir.resolve(base + ".onnx"));
        assertEquals(0.0, maxAbsDiff(b, in, out, 227, 3), 2e-4, "max abs difference to PyTorch (values up to ~100)");
    }

    /** Embeds every reference input, in batches through extract-like batching and one by one, vs the oracle. */
    private static double maxAbsDiff(EmbeddingExtractorBuilder builder, NpyArray in, NpyArray out, int size,
                                     int batch) throws Exception {
        assertArrayEquals(new long[] {in.shape()[0], 3, size, size}, in.shape(), "reference input shape");
        int n = (int) in.shape()[0];
        int dim = (int) out.shape()[1];
        double max = 0;
        try (EmbeddingExtractor ex = builder.preprocessing(new TensorPreprocessor(size, size)).batchSize(batch)
                .intraOpThreads(2).build()) {
            assertEquals(dim, ex.dimension());
            for (int i = 0; i < n; i++) {
                float[] f = ex.embed(TensorPreprocessor.wrap(in.data(), i, size, size));
                for (int d = 0; d < dim; d++) {
                    max = Math.max(max, Math.abs(f[d] - out.data()[i * dim + d]));
                }
            }
        }
        return max;
    }

    static Path modelsDir() {
        String p = System.getProperty("mammo.models", "");
        assumeTrue(!p.isBlank() && Files.isDirectory(Path.of(p)),
                "set -Dmammo.models=/work/shared/models to run the shared-model tests");
        return Path.of(p);
    }
}
