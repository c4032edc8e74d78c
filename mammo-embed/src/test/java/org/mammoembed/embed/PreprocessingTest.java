package org.mammoembed.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.mammoembed.core.DecodedImage;
import org.mammoembed.core.MammoException;
import org.mammoembed.core.Photometric;
import org.mammoembed.core.Stage;
import org.mammoembed.embed.preprocess.Geometry;
import org.mammoembed.embed.preprocess.ResizeMode;
import org.mammoembed.embed.preprocess.TestImages;
import org.mammoembed.embed.preprocess.Windowing;

/** The whole recipe on small images whose outputs are worked out by hand. */
class PreprocessingTest {
    private static final float[] MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] STD = {0.229f, 0.224f, 0.225f};

    /** Same size in and out (resize is the identity), no normalisation: the output is the windowed image. */
    private static Preprocessing identity(int h, int w) {
        return Preprocessing.builder().size(h, w).mean(0, 0, 0).std(1, 1, 1).build();
    }

    private static float[] run(Preprocessing p, DecodedImage image) throws MammoException {
        float[] out = new float[3 * p.height() * p.width()];
        p.apply(image, out, 0);
        return out;
    }

    private static float[] channel(float[] out, int c, int n) {
        return Arrays.copyOfRange(out, c * n, (c + 1) * n);
    }

    @Test
    void percentileWindowAndClipByHand() throws MammoException {
        // values 0, 10, ..., 70: lo = 0 + 10 * 0.035 = 0.35, hi = 70 - 10 * (1 - 0.965) = 69.65
        float[] px = {30, 0, 70, 10, 20, 40, 50, 60};
        float[] out = run(identity(2, 4), TestImages.gray(2, 4, px, Photometric.MONOCHROME2));
        double lo = 0.35;
        double range = 69.65 - 0.35;
        float[] expected = new float[8];
        for (int i = 0; i < 8; i++) {
            expected[i] = (float) Math.min(1, Math.max(0, (px[i] - lo) / range));
        }
        assertEquals(0f, expected[1]);
        assertEquals(1f, expected[2]);
        assertEquals(0.42784992784992783, expected[0], 1e-7);
        for (int c = 0; c < 3; c++) {
            assertArrayEquals(expected, channel(out, c, 8), 1e-7f, "channel " + c);
        }
    }

    @Test
    void thumbnailIsTheDefaultWindowAndResizeInOneUnnormalisedChannel() throws MammoException {
        float[] px = new float[96 * 64];
        for (int i = 0; i < px.length; i++) {
            px[i] = (i * 37) % 4096;
        }
        for (Photometric ph : new Photometric[] {Photometric.MONOCHROME2, Photometric.MONOCHROME1}) {
            DecodedImage image = TestImages.gray(96, 64, px, ph);
            Preprocessing thumbnail = Preprocessing.thumbnail(16);
            assertEquals(1, thumbnail.channels());
            assertEquals(16, thumbnail.height());
            assertEquals(16, thumbnail.width());
            float[] ours = new float[16 * 16];
            thumbnail.apply(image, ours, 0);
            // the defaults' first channel before its normalisation, bit for bit
            assertArrayEquals(channel(run(identity(16, 16), image), 0, 256), ours, ph.name());
            for (float v : ours) {
                assertTrue(v >= 0 && v <= 1, ph + ": " + v);
            }
        }
    }

    @Test
    void monochrome1IsInvertedAfterWindowing() throws MammoException {
        float[] px = {30, 0, 70, 10, 20, 40, 50, 60};
        float[] mono2 = run(identity(2, 4), TestImages.gray(2, 4, px, Photometric.MONOCHROME2));
        float[] mono1 = run(identity(2, 4), TestImages.gray(2, 4, px, Photometric.MONOCHROME1));
        for (int i = 0; i < mono2.length; i++) {
            assertEquals(1 - mono2[i], mono1[i], 1e-7, "index " + i);
        }
    }

    @Test
    void flatImageGivesMinusMeanOverStd() throws MammoException {
        float[] px = new float[30 * 20];
        Arrays.fill(px, 1234);
        float[] out = run(Preprocessing.defaults(), TestImages.gray(30, 20, px, Photometric.MONOCHROME2));
        float[] inverted = run(Preprocessing.defaults(), TestImages.gray(30, 20, px, Photometric.MONOCHROME1));
        int n = 224 * 224;
        for (int c = 0; c < 3; c++) {
            float black = (0f - MEAN[c]) / STD[c];
            float white = (1f - MEAN[c]) / STD[c];
            for (int i = 0; i < n; i++) {
                assertEquals(black, out[c * n + i], 0, "channel " + c);
                assertEquals(white, inverted[c * n + i], 0, "channel " + c);
            }
        }
    }

    @Test
    void upscalingIsBilinearByHand() throws MammoException {
        // 2 x 2 -> 4 x 4, window percentile(0, 100) = x / 3: corners 0, 1/3, 2/3, 1; bilinear taps 1 | .75 .25 | ...
        Preprocessing p = Preprocessing.builder(identity(4, 4)).windowing(Windowing.percentile(0, 100)).build();
        float[] out = run(p, TestImages.gray(2, 2, new float[] {0, 1, 2, 3}, Photometric.MONOCHROME2));
        double[] rowWeights = {0, 0.25, 0.75, 1};
        float[] expected = new float[16];
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                double top = (1 - rowWeights[x]) * 0 + rowWeights[x] * (1.0 / 3);
                double bottom = (1 - rowWeights[x]) * (2.0 / 3) + rowWeights[x] * 1;
                expected[y * 4 + x] = (float) ((1 - rowWeights[y]) * top + rowWeights[y] * bottom);
            }
        }
        assertArrayEquals(expected, channel(out, 0, 16), 1e-6f);
    }

    @Test
    void integerDownscaleByHand() throws MammoException {
        // 8 x 8, value = column: window percentile(0, 100) = x / 7; 8 -> 4 antialiased: edge taps 3/7 3/7 1/7,
        // inner taps 1/8 3/8 3/8 1/8; every row is the same
        float[] px = new float[64];
        for (int i = 0; i < 64; i++) {
            px[i] = i % 8;
        }
        Preprocessing p = Preprocessing.builder(identity(4, 4)).windowing(Windowing.percentile(0, 100)).build();
        float[] out = run(p, TestImages.gray(8, 8, px, Photometric.MONOCHROME2));
        float[] row = {5f / 49, 20f / 56, 36f / 56, 44f / 49};
        for (int y = 0; y < 4; y++) {
            assertArrayEquals(row, Arrays.copyOfRange(out, y * 4, y * 4 + 4), 1e-6f, "row " + y);
        }
    }

    @Test
    void oneRowAndOneColumnImages() throws MammoException {
        float[] px = new float[500];
        for (int i = 0; i < px.length; i++) {
            px[i] = i;
        }
        int n = 224 * 224;
        float[] wide = run(Preprocessing.defaults(), TestImages.gray(1, 500, px, Photometric.MONOCHROME2));
        float[] tall = run(Preprocessing.defaults(), TestImages.gray(500, 1, px, Photometric.MONOCHROME2));
        for (int y = 0; y < 224; y++) {
            for (int x = 0; x < 224; x++) {
                // 1 x N: every output row is the (resampled) row; N x 1 is its transpose
                assertEquals(wide[x], wide[y * 224 + x], 0);
                assertEquals(wide[x], tall[x * 224 + y], 0);
            }
        }
        // a ramp stays increasing from black to white (5 - 95% of the width are strictly inside)
        assertEquals(-MEAN[0] / STD[0], wide[0], 1e-6);
        assertEquals((1 - MEAN[0]) / STD[0], wide[223], 1e-6);
        for (int x = 1; x < 224; x++) {
            assertTrue(wide[x] >= wide[x - 1], "ramp at " + x);
        }
        assertEquals(3 * n, wide.length);
    }

    @Test
    void letterboxBandsAreBlackAfterNormalisation() throws MammoException {
        float[] px = new float[100 * 50];
        for (int i = 0; i < px.length; i++) {
            px[i] = i % 97;
        }
        float[] out = run(Preprocessing.letterbox(224), TestImages.gray(100, 50, px, Photometric.MONOCHROME1));
        int n = 224 * 224;
        for (int c = 0; c < 3; c++) {
            float black = (0f - MEAN[c]) / STD[c];
            for (int y = 0; y < 224; y++) {
                for (int x = 0; x < 56; x++) {
                    assertEquals(black, out[c * n + y * 224 + x], 0);
                    assertEquals(black, out[c * n + y * 224 + 223 - x], 0);
                }
            }
        }
    }

    @Test
    void colourIsAveragedToGrey() throws MammoException {
        float[] rgb = new float[6 * 5 * 3];
        float[] grey = new float[6 * 5];
        for (int i = 0; i < grey.length; i++) {
            rgb[3 * i] = i;
            rgb[3 * i + 1] = 2 * i;
            rgb[3 * i + 2] = 3 * i;
            grey[i] = 2 * i;
        }
        Preprocessing p = Preprocessing.defaults();
        assertArrayEquals(run(p, TestImages.gray(6, 5, grey, Photometric.MONOCHROME2)),
                run(p, TestImages.image(6, 5, 3, rgb, Photometric.RGB)), 1e-6f);
    }

    @Test
    void dicomVoiFallsBackToPercentilesWithoutHeaderWindow() throws MammoException {
        float[] px = TestImages.synthetic(40, 30, 7);
        DecodedImage image = TestImages.gray(40, 30, px, Photometric.MONOCHROME2);
        Preprocessing voi = Preprocessing.builder().windowing(Windowing.dicomVoi()).build();
        assertArrayEquals(run(Preprocessing.defaults(), image), run(voi, image), 0f);
    }

    @Test
    void writesAtOffsetAndNothingElse() throws MammoException {
        Preprocessing p = identity(2, 4);
        float[] dst = new float[100];
        Arrays.fill(dst, -7f);
        p.apply(TestImages.gray(2, 4, new float[] {0, 1, 2, 3, 4, 5, 6, 7}, Photometric.MONOCHROME2), dst, 50);
        for (int i = 0; i < 100; i++) {
            if (i < 50 || i >= 74) {
                assertEquals(-7f, dst[i], "index " + i);
            }
        }
        assertEquals(1f, dst[50 + 7]);
        assertThrows(IllegalArgumentException.class, () -> p.apply(
                TestImages.gray(2, 4, new float[8], Photometric.MONOCHROME2), new float[30], 7));
    }

    @Test
    void badImagesFailWithPreprocessStage() {
        MammoException palette = assertThrows(MammoException.class, () -> Preprocessing.defaults().apply(
                TestImages.gray(2, 2, new float[4], Photometric.PALETTE_COLOR), new float[3 * 224 * 224], 0));
        assertEquals(Stage.PREPROCESS, palette.stage());
        assertTrue(palette.getMessage().contains("PALETTE COLOR"), palette.getMessage());
        MammoException nan = assertThrows(MammoException.class, () -> Preprocessing.defaults().apply(
                TestImages.gray(2, 2, new float[] {1, Float.NaN, 2, 3}, Photometric.MONOCHROME2),
                new float[3 * 224 * 224], 0));
        assertEquals(Stage.PREPROCESS, nan.stage());
    }

    @Test
    void builderValidatesAndNamesTheOption() {
        assertMessage(() -> Preprocessing.builder().size(0, 224), "height", "0");
        assertMessage(() -> Preprocessing.builder().size(224, 9000), "width", "9000");
        assertMessage(() -> Preprocessing.builder().std(0.2, 0, 0.2), "std", "0.0");
        assertMessage(() -> Preprocessing.builder().std(0.2, -1, 0.2), "std", "-1.0");
        assertMessage(() -> Preprocessing.builder().mean(0.5, 0.5), "mean", "[0.5, 0.5]");
        assertMessage(() -> Preprocessing.builder().mean(0.5, Double.NaN, 0.5), "mean", "NaN");
        assertMessage(() -> Windowing.percentile(60, 40), "percentile", "60");
        assertMessage(() -> Windowing.percentile(-1, 40), "percentile", "-1");
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable call, String option, String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(option) && e.getMessage().contains(value), e.getMessage());
    }

    @Test
    void equalityAndDescription() {
        Preprocessing d = Preprocessing.defaults();
        assertEquals(d, Preprocessing.builder().build());
        assertEquals(d.hashCode(), Preprocessing.builder().build().hashCode());
        assertEquals(d, Preprocessing.builder(d).build());
        assertEquals(d.describe(), Preprocessing.builder().build().describe());
        assertEquals("preprocessing/v1{size=224x224, windowing=percentile(0.5,99.5), invertMonochrome1=true, "
                + "resize=bilinear-antialias, geometry=stretch, channels=grey-x3, mean=[0.485,0.456,0.406], "
                + "std=[0.229,0.224,0.225], excludePixelPadding=false, layout=CHW-float32, postprocessing=none}", d.describe());
        List<Preprocessing> variants = List.of(
                Preprocessing.seedCompatible(), Preprocessing.letterbox(224),
                Preprocessing.builder().size(224, 225).build(),
                Preprocessing.builder().mean(0.5, 0.456, 0.406).build(),
                Preprocessing.builder().std(0.229, 0.224, 0.226).build(),
                Preprocessing.builder().channels(1).build(),
                Preprocessing.builder().postProcessing(PostProcessing.L2).build(),
                Preprocessing.builder().windowing(Windowing.percentile(1, 99)).build(),
                Preprocessing.builder().windowing(Windowing.dicomVoi()).build(),
                Preprocessing.builder().resize(ResizeMode.BICUBIC).build(),
                Preprocessing.builder().geometry(Geometry.shortSideCenterCrop(256)).build(),
                Preprocessing.builder().excludePixelPadding(true).build());
        List<String> descriptions = new ArrayList<>();
        for (Preprocessing v : variants) {
            assertNotEquals(d, v, v.describe());
            assertNotEquals(d.describe(), v.describe());
            descriptions.add(v.describe());
        }
        assertEquals(descriptions.size(), descriptions.stream().distinct().count(), "descriptions are distinct");
        assertEquals("shortSide(512)+centerCrop", Preprocessing.seedCompatible().spec().get("geometry"));
        assertEquals("bicubic-a-0.75-no-antialias", Preprocessing.seedCompatible().spec().get("resize"));
    }

    @Test
    void theDefaultsPerChannelCountAndTheirRecordedDescriptions() {
        Preprocessing grey = Preprocessing.builder().channels(1).build();
        assertEquals(Preprocessing.defaults(), Preprocessing.defaults(3));
        assertEquals(grey, Preprocessing.defaults(1));
        assertThrows(IllegalArgumentException.class, () -> Preprocessing.defaults(2));
        assertEquals(Optional.of(Preprocessing.defaults()),
                Preprocessing.defaultDescribedAs(Preprocessing.defaults().describe()));
        assertEquals(Optional.of(grey), Preprocessing.defaultDescribedAs(grey.describe()));
        assertEquals(Optional.empty(), Preprocessing.defaultDescribedAs(Preprocessing.letterbox(224).describe()));
        assertEquals(Optional.empty(), Preprocessing.defaultDescribedAs("pixel-stats/v1"));
    }

    @Test
    void sharedInstanceIsThreadSafe() throws Exception {
        Preprocessing p = Preprocessing.defaults();
        List<DecodedImage> images = new ArrayList<>();
        List<float[]> sequential = new ArrayList<>();
        for (int k = 0; k < 8; k++) {
            int rows = 300 + 37 * k;
            int cols = 200 + 23 * k;
            DecodedImage image = TestImages.gray(rows, cols, TestImages.synthetic(rows, cols, k),
                    k % 2 == 0 ? Photometric.MONOCHROME1 : Photometric.MONOCHROME2);
            images.add(image);
            sequential.add(run(p, image));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<float[]>> results = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                for (DecodedImage image : images) {
                    results.add(pool.submit(() -> run(p, image)));
                }
            }
            for (int i = 0; i < results.size(); i++) {
                assertArrayEquals(sequential.get(i % images.size()), results.get(i).get(), 0f, "task " + i);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
