package org.mammoembed.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mammoembed.core.DecodedImage;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A backbone with a 1-channel input (conv1 summed over RGB) is accepted and fed the grey plane normalised once;
 * L2 post-processing; embeddings as an ND4J array.
 */
class GreyModelAndPostProcessingTest {
    private static final List<DecodedImage> IMAGES = List.of(
            TestImages.image(1, 300, 240, "CC", "L"), TestImages.image(2, 280, 200, "MLO", "R"),
            TestImages.image(3, 320, 256, "CC", "R"));

    private static float[][] embed(EmbeddingExtractor ex) throws Exception {
        float[][] f = new float[IMAGES.size()][];
        for (int i = 0; i < f.length; i++) {
            f[i] = ex.embed(IMAGES.get(i));
        }
        return f;
    }

    @Test
    void greyBackboneGetsTheOneChannelRecipeAndMatchesTheRgbNetworkOnGreyInput() throws Exception {
        float[][] grey;
        try (EmbeddingExtractor ex = EmbeddingExtractor.builder().model(OnnxModels.tinyResNetGrey(7)).build()) {
            assertEquals(1, ex.preprocessing().channels());
            assertEquals(1, ex.modelSignature().channels());
            assertTrue(ex.preprocessing().describe().contains("channels=grey,"), ex.preprocessing().describe());
            grey = embed(ex);
        }
        // the 3-channel network of the same seed, fed the same normalised grey plane in its three channels
        Preprocessing same = Preprocessing.builder().mean(0.449, 0.449, 0.449).std(0.226, 0.226, 0.226).build();
        try (EmbeddingExtractor rgb = EmbeddingExtractor.builder().model(OnnxModels.tinyResNet(7))
                .preprocessing(same).build()) {
            float[][] expected = embed(rgb);
            for (int i = 0; i < grey.length; i++) {
                RowAgreement a = RowAgreement.of(grey[i], expected[i], 0);
                assertTrue(a.cosine() >= 0.99999 && a.maxAbsDiff() <= 1e-3, "image " + i + ": " + a);
            }
        }
    }

    @Test
    void explicitThreeChannelRecipeOnGreyBackboneIsRefusedWithTheFix() {
        ModelException e = assertThrows(ModelException.class, () -> EmbeddingExtractor.builder()
                .model(OnnxModels.tinyResNetGrey(7)).preprocessing(Preprocessing.defaults()).build());
        assertTrue(e.getMessage().contains("channels(1)"), e.getMessage());
    }

    @Test
    void l2PostProcessingGivesUnitRowsAlongTheRawDirection() throws Exception {
        float[][] raw;
        try (EmbeddingExtractor ex = EmbeddingExtractor.builder().model(OnnxModels.tinyResNet(3)).build()) {
            raw = embed(ex);
        }
        Preprocessing l2 = Preprocessing.builder().postProcessing(PostProcessing.L2).build();
        try (EmbeddingExtractor ex = EmbeddingExtractor.builder().model(OnnxModels.tinyResNet(3)).preprocessing(l2)
                .build()) {
            assertTrue(ex.describe().contains("postprocessing=l2"), ex.describe());
            float[][] unit = embed(ex);
            for (int i = 0; i < raw.length; i++) {
                double norm = 0;
                for (float v : unit[i]) {
                    norm += (double) v * v;
                }
                assertEquals(1.0, Math.sqrt(norm), 1e-6, "image " + i);
                RowAgreement a = RowAgreement.of(unit[i], raw[i], 0);
                assertTrue(a.cosine() >= 0.999999, "image " + i + ": " + a);
            }
        }
    }

    @Test
    void embedAllGivesAnNd4jMatrixOfTheSameRows() throws Exception {
        try (EmbeddingExtractor ex = EmbeddingExtractor.builder().model(OnnxModels.tinyResNet(5)).batchSize(2)
                .build()) {
            float[][] one = embed(ex);
            INDArray all = ex.embedAll(IMAGES);
            assertArrayEquals(new long[] {IMAGES.size(), ex.dimension()}, all.shape());
            for (int i = 0; i < one.length; i++) {
                assertArrayEquals(one[i], all.getRow(i).toFloatVector(), "row " + i);
            }
        }
    }
}
