package org.mammoembed.embed.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mammoembed.core.DecodedImage;
import org.mammoembed.core.MammoException;
import org.mammoembed.core.Photometric;
import org.mammoembed.embed.Preprocessing;
import org.mammoembed.io.NpyReader.NpyArray;

/**
 * Parity with the independent PyTorch pipeline {@code src/test/python/preprocess_reference.py} (numpy percentile,
 * torch interpolate, torch normalisation) on synthetic detector-sized images, whose expected tensors are committed
 * under {@code src/test/resources/preprocess/}.
 */
class PreprocessingParityTest {
    /**
     * Issue 13's bound for preprocessing parity (the brief's was 1e-4); measured up to 7.2e-7 (printed per case), a
     * few float32 ulps of the normalised values, from PyTorch's own float rounding.
     */
    static final double TOLERANCE = 1e-6;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "synth_3328x2560.default,          3328, 2560, 1, MONOCHROME2, default",
        "synth_2294x1914.default,          2294, 1914, 2, MONOCHROME2, default",
        "synth_4096x3328.default,          4096, 3328, 3, MONOCHROME2, default",
        "synth_300x7.default,              300,  7,    4, MONOCHROME2, default",
        "synth_100x60.upsample.default,    100,  60,   5, MONOCHROME2, default",
        "synth_3328x2560.mono1.default,    3328, 2560, 1, MONOCHROME1, default",
        "synth_3328x2560.seed,             3328, 2560, 1, MONOCHROME2, seed",
        "synth_3328x2560.letterbox,        3328, 2560, 1, MONOCHROME2, letterbox",
    })
    void matchesPyTorchReference(String fixture, int rows, int cols, int seed, Photometric photometric, String recipe)
            throws IOException, MammoException {
        Preprocessing p = switch (recipe) {
            case "seed" -> Preprocessing.seedCompatible();
            case "letterbox" -> Preprocessing.letterbox(224);
            default -> Preprocessing.defaults();
        };
        DecodedImage image = TestImages.gray(rows, cols, TestImages.synthetic(rows, cols, seed), photometric);
        assertMatches(fixture, fixture, p, image);
    }

    static void assertMatches(String label, String fixture, Preprocessing p, DecodedImage image)
            throws IOException, MammoException {
        NpyArray expected = TestImages.readNpyGz("/preprocess/" + fixture + ".npy.gz");
        long channels = expected.shape()[0];
        assertArrayEquals(new long[] {channels, p.height(), p.width()}, expected.shape(), "fixture shape");
        float[] out = new float[3 * p.height() * p.width()];
        p.apply(image, out, 0);
        double max = 0;
        int worst = -1;
        for (int i = 0; i < expected.data().length; i++) {
            double d = Math.abs(out[i] - expected.data()[i]);
            if (d > max || Double.isNaN(d)) {
                max = d;
                worst = i;
            }
        }
        System.out.printf("parity %-36s max |java - torch| = %.3g%n", label, max);
        final double maxDiff = max;
        final int at = worst;
        assertTrue(maxDiff <= TOLERANCE, () -> label + ": max abs diff " + maxDiff + " at index " + at
                + " (java " + out[at] + ", torch " + expected.data()[at] + ")");
    }
}
