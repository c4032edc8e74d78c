package org.mammoembed.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mammoembed.core.Dataset;
import org.mammoembed.core.EmbeddingResult;

/**
 * On the CPU an image's embedding is bitwise the same whatever the batch size (1, 7, 32: full, partial and
 * single batches), the intra-op thread count and the number of workers, and equals {@link EmbeddingExtractor#embed}
 * of that image alone.
 */
class EmbeddingDeterminismTest {
    /** {batch size, intra-op threads (and workers)}. */
    private static final int[][] CONFIGS = {{1, 1}, {7, 1}, {7, 2}, {32, 2}, {32, 1}, {7, 4}};
    /** Fewer runs for ResNet50 (about 0.2 s per image on 2 busy cores), still all three batch sizes. */
    private static final int[][] RESNET_CONFIGS = {{1, 2}, {7, 1}, {32, 2}};

    @Test
    void tinyModelIsBitwiseStableAcrossBatchSizesAndThreads() throws Exception {
        assertStable(TestImages.model("tiny_backbone.onnx"), null, TestImages.TINY_SIZE, 40, CONFIGS);
    }

    @Test
    void resnet50IsBitwiseStableAcrossBatchSizesAndThreads() throws Exception {
        Path model = OrtParityTest.modelsDir().resolve("resnet50-random-seed42.onnx");
        assertStable(null, model, 224, 8, RESNET_CONFIGS);
    }

    private static void assertStable(byte[] bytes, Path file, int size, int images, int[][] configs)
            throws Exception {
        String[] names = new String[images];
        for (int i = 0; i < images; i++) {
            names[i] = "img-" + (100 + i) + ".dcm";
        }
        Dataset data = new Dataset(Path.of("/data"), TestImages.records(Path.of("/data"), names), List.of());
        List<float[]> runs = new ArrayList<>();
        float[] single = null;
        for (int[] c : configs) {
            EmbeddingExtractorBuilder b = EmbeddingExtractor.builder().reader(new SyntheticReader())
                    .preprocessing(new NearestPreprocessor(size, size)).batchSize(c[0]).intraOpThreads(c[1])
                    .workers(c[1]);
            b = bytes != null ? b.model(bytes) : b.model(file);
            try (EmbeddingExtractor ex = b.build()) {
                EmbeddingResult r = ex.extract(data);
                assertEquals(images, r.size(), "failures: " + r.failures());
                runs.add(r.toArray());
                if (single == null) {
                    single = ex.embed(SyntheticReader.imageFor(100 + images - 1));
                    assertTrue(Arrays.equals(single, r.row(images - 1)), "embed() equals extract()'s row");
                }
            }
        }
        float[] first = runs.get(0);
        int dim = first.length / images;
        assertTrue(firstDifference(Arrays.copyOfRange(first, 0, dim), Arrays.copyOfRange(first, dim, 2 * dim)) >= 0,
                "different images must give different embeddings (otherwise this test proves nothing)");
        for (int i = 1; i < runs.size(); i++) {
            int diff = firstDifference(runs.get(0), runs.get(i));
            assertEquals(-1, diff, "batch " + configs[i][0] + " threads " + configs[i][1] + " differs from batch "
                    + configs[0][0] + " threads " + configs[0][1] + " at value " + diff);
        }
    }

    private static int firstDifference(float[] a, float[] b) {
        for (int i = 0; i < a.length; i++) {
            if (Float.floatToRawIntBits(a[i]) != Float.floatToRawIntBits(b[i])) {
                return i;
            }
        }
        return a.length == b.length ? -1 : a.length;
    }
}
