package org.mammoembed.io;

import org.mammoembed.io.internal.Sha256;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Opt-in ({@code -Dmammo.models=...}): the model reference tensors, facts taken from the folder's README. */
class NpyModelReferenceTest {

    private static Path models() {
        String p = System.getProperty("mammo.models", "");
        assumeTrue(!p.isBlank(), "set -Dmammo.models to run");
        return Path.of(p);
    }

    @Test
    void readsResnetReferenceInputAndOutput() throws Exception {
        Path dir = models();
        NpyReader.NpyArray in = NpyReader.read(dir.resolve("resnet50-random-seed42.ref-input.npy"));
        assertArrayEquals(new long[] {2, 3, 224, 224}, in.shape());
        for (float v : in.data()) {
            assertTrue(v >= 0f && v < 1f, "torch.rand values lie in [0, 1)");
        }
        NpyReader.NpyArray out = NpyReader.read(dir.resolve("resnet50-random-seed42.ref-output.npy"));
        assertArrayEquals(new long[] {2, 2048}, out.shape());
        float[] first = {4.642843f, 9.891802f, 26.408644f, 14.355289f, 1.147842f};
        for (int i = 0; i < first.length; i++) {
            assertEquals(first[i], out.toMatrix()[0][i], 1e-5f);
        }
    }

    @Test
    void readsSqueezenetReferenceAndHashesAsTheReadmeSays() throws Exception {
        Path dir = models();
        NpyReader.NpyArray in = NpyReader.read(dir.resolve("squeezenet1.0_deepcompression_imagenet_feat512.ref-input.npy"));
        assertArrayEquals(new long[] {7, 3, 227, 227}, in.shape());
        NpyReader.NpyArray out = NpyReader.read(dir.resolve("squeezenet1.0_deepcompression_imagenet_feat512.ref-output.npy"));
        assertArrayEquals(new long[] {7, 512}, out.shape());
        float max = 0;
        for (float v : out.data()) {
            assertTrue(v >= 0f, "post-ReLU averages are non-negative");
            max = Math.max(max, v);
        }
        assertEquals(102.5f, max, 1f);
        assertEquals("afdacb91ab2fb68bfc2324d6637d697c8be593bc01fa511b777c9708769f8445",
                Sha256.of(dir.resolve("resnet50-random-seed42.ref-output.npy")));
        assertEquals("76ff499fc7947f58901825a1e74fbc2eac58e0e45c2d9f9f0543a82d39a13c83",
                Sha256.of(dir.resolve("resnet50-random-seed42.onnx")));
    }
}
