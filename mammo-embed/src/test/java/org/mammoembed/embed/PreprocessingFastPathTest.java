package org.mammoembed.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.mammoembed.core.DecodedImage;
import org.mammoembed.core.MammoException;
import org.mammoembed.core.Photometric;
import org.mammoembed.core.StoredPixels;
import org.mammoembed.core.VoiAttributes;
import org.junit.jupiter.api.Test;
import org.mammoembed.embed.preprocess.Geometry;
import org.mammoembed.embed.preprocess.ResizeMode;
import org.mammoembed.embed.preprocess.TestImages;

/**
 * The integer fast path (histogram percentiles, window table fused into the horizontal pass) against the general
 * path on the same pixels, the 1-channel recipe and the post-processing step.
 */
class PreprocessingFastPathTest {

    /** The same pixels, but declaring a padding value no pixel has: excludePixelPadding then takes the general path. */
    private static DecodedImage withUnusedPadding(DecodedImage image) {
        VoiAttributes voi = new VoiAttributes(List.of(), "LINEAR", List.of(), OptionalDouble.of(-12345),
                OptionalDouble.empty(), Optional.empty());
        return new DecodedImage(image.rows(), image.columns(), 1, image.pixels(), image.photometric(),
                image.metadata(), voi);
    }

    private static float[] run(Preprocessing p, DecodedImage image) throws MammoException {
        float[] out = new float[p.channels() * p.height() * p.width()];
        p.apply(image, out, 0);
        return out;
    }

    @Test
    void fastPathIsBitwiseTheGeneralPath() throws MammoException {
        int[][] sizes = {{3328, 2560}, {416, 336}, {97, 1203}};
        for (int[] s : sizes) {
            for (Photometric ph : new Photometric[] {Photometric.MONOCHROME2, Photometric.MONOCHROME1}) {
                float[] px = TestImages.synthetic(s[0], s[1], s[0]);
                for (int i = 0; i < px.length; i += 7) {
                    px[i] -= 2000; // negative values too: the table starts at the minimum
                }
                DecodedImage image = TestImages.gray(s[0], s[1], px, ph);
                for (Preprocessing recipe : List.of(Preprocessing.defaults(), Preprocessing.seedCompatible(),
                        Preprocessing.letterbox(224))) {
                    float[] fast = run(recipe, image);
                    float[] general = run(Preprocessing.builder(recipe).excludePixelPadding(true).build(),
                            withUnusedPadding(image));
                    assertArrayEquals(general, fast, s[0] + "x" + s[1] + " " + ph + " " + recipe);
                }
            }
        }
    }

    @Test
    void storedIntegersGiveBitwiseWhatTheirFloatImageGives() throws MammoException {
        int rows = 1203;
        int cols = 977;
        float[] base = TestImages.synthetic(rows, cols, 5);
        // {bits, signed, slope, intercept}: identity, CT-like, a negative slope (order reversed), a fractional one
        double[][] luts = {{12, 0, 1, 0}, {16, 1, 1, -1024}, {12, 0, -1, 4095}, {14, 0, 0.37, 12.5}, {16, 1, -2.5, 3}};
        for (double[] l : luts) {
            int bits = (int) l[0];
            boolean signed = l[1] == 1;
            int[] samples = new int[base.length];
            for (int i = 0; i < samples.length; i++) {
                samples[i] = (int) base[i] - (signed ? 2048 : 0);
            }
            StoredPixels sp = new StoredPixels(samples, bits, signed, l[2], l[3]);
            for (Photometric ph : new Photometric[] {Photometric.MONOCHROME2, Photometric.MONOCHROME1}) {
                DecodedImage asFloats = TestImages.gray(rows, cols, sp.toModality(), ph);
                DecodedImage asStored = DecodedImage.ofStored(rows, cols, sp, ph, asFloats.metadata(),
                        asFloats.voi());
                for (Preprocessing recipe : List.of(Preprocessing.defaults(), Preprocessing.seedCompatible(),
                        Preprocessing.builder().windowing(org.mammoembed.embed.preprocess.Windowing.percentile(2, 90))
                                .build())) {
                    assertArrayEquals(run(recipe, asFloats), run(recipe, asStored),
                            java.util.Arrays.toString(l) + " " + ph + " " + recipe);
                }
            }
            assertArrayEquals(sp.toModality(), DecodedImage.ofStored(rows, cols, sp, Photometric.MONOCHROME2,
                    TestImages.gray(rows, cols, base, Photometric.MONOCHROME2).metadata(), VoiAttributes.NONE)
                    .pixels());
        }
    }

    /**
     * A mammogram-like frame held as 16-bit words with garbage above High Bit, a background of one value beside a
     * textured breast (the background windows to 0, after the MONOCHROME1 inversion too, and the fast path skips
     * it), whole background rows and a breast touching either edge: bit for bit what its float image gives.
     */
    @Test
    void storedWordsWithABackgroundGiveBitwiseWhatTheirFloatImageGives() throws MammoException {
        int rows = 1301;
        int cols = 1022;
        float[] texture = TestImages.synthetic(rows, cols, 11);
        for (boolean signed : new boolean[] {false, true}) {
            for (Photometric ph : new Photometric[] {Photometric.MONOCHROME2, Photometric.MONOCHROME1}) {
                // the background is the darkest value for MONOCHROME2 and the brightest for MONOCHROME1
                int background = (ph == Photometric.MONOCHROME2 ? 0 : 4095) - (signed ? 2048 : 0);
                short[] words = new short[rows * cols];
                int[] values = new int[rows * cols];
                for (int y = 0; y < rows; y++) {
                    int edge = y % 97 == 0 ? cols : (y * 3) % cols; // every 97th row is all background
                    boolean breastOnTheLeft = y / 200 % 2 == 0; // groups of rows share a side, as in an image
                    for (int x = 0; x < cols; x++) {
                        boolean inBreast = breastOnTheLeft ? x >= edge : x < cols - edge;
                        int v = inBreast ? (int) texture[y * cols + x] - (signed ? 2048 : 0) : background;
                        values[y * cols + x] = v;
                        words[y * cols + x] = (short) ((v & 0xFFF) | 0xA000); // overlay bits above High Bit 11
                    }
                }
                StoredPixels asWords = StoredPixels.ofWords(words, 12, 11, signed, 1, 0);
                StoredPixels asInts = new StoredPixels(values, 12, signed, 1, 0);
                DecodedImage floats = TestImages.gray(rows, cols, asInts.toModality(), ph);
                for (Preprocessing recipe : List.of(Preprocessing.defaults(), Preprocessing.seedCompatible(),
                        Preprocessing.letterbox(224))) {
                    float[] general = run(recipe, floats);
                    for (StoredPixels sp : List.of(asWords, asInts)) {
                        DecodedImage stored = DecodedImage.ofStored(rows, cols, sp, ph, floats.metadata(),
                                floats.voi());
                        assertArrayEquals(general, run(recipe, stored), ph + " signed=" + signed + " " + recipe);
                    }
                }
            }
        }
    }

    /**
     * The resampler does not write zeros again where a row array already holds them (the background of the row
     * before): an image of another width in between must leave nothing of its own where the next image's
     * background is.
     */
    @Test
    void anImageOfAnotherWidthInBetweenChangesNothing() throws MammoException {
        int rows = 1301;
        int cols = 1022;
        float[] texture = TestImages.synthetic(rows, cols, 11);
        short[] words = new short[rows * cols];
        for (int y = 0; y < rows; y++) {
            // the breast on the left of the first half, on the right of the second: the last rows leave texture
            // where the first rows' background is
            int edge = 300 + y % 50;
            for (int x = 0; x < cols; x++) {
                boolean inBreast = y < rows / 2 ? x < edge : x >= edge;
                words[y * cols + x] = (short) (inBreast ? (int) texture[y * cols + x] & 0xFFF : 0);
            }
        }
        StoredPixels sp = StoredPixels.ofWords(words, 12, 11, false, 1, 0);
        DecodedImage floats = TestImages.gray(rows, cols, sp.toModality(), Photometric.MONOCHROME2);
        DecodedImage stored = DecodedImage.ofStored(rows, cols, sp, Photometric.MONOCHROME2, floats.metadata(),
                floats.voi());
        DecodedImage narrower = TestImages.gray(700, 640, TestImages.synthetic(700, 640, 5), Photometric.MONOCHROME2);
        Preprocessing recipe = Preprocessing.defaults();
        float[] expected = run(recipe, floats);
        assertArrayEquals(expected, run(recipe, stored), "first");
        run(recipe, narrower);
        assertArrayEquals(expected, run(recipe, stored), "after an image of another width");
    }

    @Test
    void oneChannelRecipeIsTheGreyPlaneNormalisedOnce() throws MammoException {
        float[] px = TestImages.synthetic(500, 400, 3);
        DecodedImage image = TestImages.gray(500, 400, px, Photometric.MONOCHROME2);
        Preprocessing grey = Preprocessing.builder().channels(1).build();
        assertEquals(1, grey.channels());
        assertEquals("grey", grey.spec().get("channels"));
        assertEquals("[0.449]", grey.spec().get("mean"));
        assertEquals("[0.226]", grey.spec().get("std"));
        float[] one = run(grey, image);
        // the unnormalised plane, from the 3-channel recipe with mean 0, std 1
        float[] unit = run(Preprocessing.builder().mean(0, 0, 0).std(1, 1, 1).build(), image);
        assertEquals(224 * 224, one.length);
        for (int i = 0; i < one.length; i++) {
            assertEquals((unit[i] - 0.449f) / 0.226f, one[i], 0f, "pixel " + i);
        }
        Preprocessing custom = Preprocessing.builder().channels(1).mean(0.5).std(0.25).build();
        assertEquals((unit[100] - 0.5f) / 0.25f, run(custom, image)[100], 0f);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Preprocessing.builder().channels(1).mean(0.1, 0.2, 0.3));
        assertTrue(e.getMessage().contains("mean") && e.getMessage().contains("1 value"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Preprocessing.builder().channels(2));
        assertTrue(e.getMessage().contains("channels") && e.getMessage().contains("2"), e.getMessage());
        // back to 3 channels: ImageNet's defaults again
        assertEquals(Preprocessing.defaults(), Preprocessing.builder().channels(1).channels(3).build());
    }

    @Test
    void l2PostProcessingMakesUnitRows() {
        float[] f = {3, 4, 0, 0, 0, 0, 1, -2, 2};
        PostProcessing.L2.apply(f, 3, 3);
        assertArrayEquals(new float[] {0.6f, 0.8f, 0, 0, 0, 0, 1f / 3, -2f / 3, 2f / 3}, f, 1e-7f);
        float[] raw = {3, 4, 5};
        PostProcessing.NONE.apply(raw, 1, 3);
        assertArrayEquals(new float[] {3, 4, 5}, raw);
        assertEquals("l2", Preprocessing.builder().postProcessing(PostProcessing.L2).build().spec()
                .get("postprocessing"));
    }

    @Test
    void placementOfEveryGeometry() {
        assertEquals(new Geometry.Placement(224, 224, 0, 0, 224, 224, 0, 0),
                Geometry.stretch().place(3328, 2560, 224, 224));
        // 3328 x 2560 letterboxed into 224: s = 224 / 3328 -> 224 x 172, left (224 - 172) / 2 = 26
        assertEquals(new Geometry.Placement(224, 172, 0, 0, 224, 172, 0, 26),
                Geometry.letterbox().place(3328, 2560, 224, 224));
        assertTrue(Geometry.stretch().place(10, 10, 5, 5).covers(5, 5));
        assertTrue(!Geometry.letterbox().place(3328, 2560, 224, 224).covers(224, 224));
        assertEquals(ResizeMode.BICUBIC, Preprocessing.seedCompatible().spec().get("resize").startsWith("bicubic")
                ? ResizeMode.BICUBIC : ResizeMode.BILINEAR_ANTIALIAS);
    }
}
