package org.mammoembed.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.mammoembed.embed.preprocess.Geometry;
import org.mammoembed.embed.preprocess.ResizeMode;

/**
 * The resampler, whose vertical pass follows the horizontal one through a ring of rows, gives bit for bit what the
 * plain two passes give: every row resized horizontally into a whole intermediate image, then every output row
 * summed down its taps, each sum in float and in tap order. Any size (up- and downscaling, one row, fewer rows
 * than a block of eight), both filters, every geometry, rows with zero margins, and one resampler reused across
 * images of different sizes.
 */
class SeparableResamplerPropertiesTest {
    private static final Geometry[] GEOMETRIES = {Geometry.stretch(), Geometry.letterbox(),
                                                  Geometry.shortSideCenterCrop(40)};

    /** Source rows of pseudo-random values, zero outside a per-row span (as a mammogram's background). */
    private static SeparableResampler.RowSource source(float[] image, int rows, int cols, long seed) {
        int[] from = new int[rows];
        int[] to = new int[rows];
        Random r = new Random(seed);
        for (int y = 0; y < rows; y++) {
            from[y] = r.nextInt(4) == 0 ? r.nextInt(cols) : 0;
            to[y] = r.nextInt(4) == 0 ? from[y] + r.nextInt(cols - from[y] + 1) : cols;
            for (int x = 0; x < cols; x++) {
                image[y * cols + x] = x >= from[y] && x < to[y] ? r.nextFloat() * 2 - 0.5f : 0f;
            }
        }
        return (y, row) -> {
            System.arraycopy(image, y * cols, row, 0, cols);
            return SeparableResampler.span(from[y], to[y]);
        };
    }

    /** The plain two passes over a whole intermediate image (the oracle). */
    private static float[] twoPasses(float[] image, int inH, int inW, Geometry geometry, ResizeMode mode, int outH,
                                     int outW) {
        Geometry.Placement p = geometry.place(inH, inW, outH, outW);
        AxisWeights rowsW = AxisWeights.of(mode, inH, p.resizedHeight());
        AxisWeights colsW = AxisWeights.of(mode, inW, p.resizedWidth());
        float[] mid = new float[inH * p.width()];
        for (int y = 0; y < inH; y++) {
            for (int x = 0; x < p.width(); x++) {
                int t = (p.left() + x) * colsW.stride;
                float s = image[y * inW + colsW.index[t]] * colsW.weight[t];
                for (int j = 1; j < colsW.taps[p.left() + x]; j++) {
                    s += image[y * inW + colsW.index[t + j]] * colsW.weight[t + j];
                }
                mid[y * p.width() + x] = s;
            }
        }
        float[] out = new float[outH * outW];
        for (int r = 0; r < p.height(); r++) {
            int t = (p.top() + r) * rowsW.stride;
            for (int x = 0; x < p.width(); x++) {
                float s = mid[rowsW.index[t] * p.width() + x] * rowsW.weight[t];
                for (int j = 1; j < rowsW.taps[p.top() + r]; j++) {
                    s += mid[rowsW.index[t + j] * p.width() + x] * rowsW.weight[t + j];
                }
                out[(p.dstTop() + r) * outW + p.dstLeft() + x] = s;
            }
        }
        return out;
    }

    private static void assertSameBits(float[] expected, float[] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToRawIntBits(expected[i]) != Float.floatToRawIntBits(actual[i])) {
                assertEquals(expected[i], actual[i], what + ": output " + i);
                assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(actual[i]),
                        what + ": output " + i + " (sign of zero)");
            }
        }
    }

    @Property(tries = 300)
    void theRingGivesWhatTheWholeIntermediateGives(@ForAll @IntRange(min = 1, max = 700) int inH,
                                                    @ForAll @IntRange(min = 1, max = 300) int inW,
                                                    @ForAll @IntRange(min = 1, max = 64) int outH,
                                                    @ForAll @IntRange(min = 1, max = 64) int outW,
                                                    @ForAll boolean bicubic,
                                                    @ForAll @IntRange(min = 0, max = 2) int geometry,
                                                    @ForAll long seed) {
        ResizeMode mode = bicubic ? ResizeMode.BICUBIC : ResizeMode.BILINEAR_ANTIALIAS;
        float[] image = new float[inH * inW];
        SeparableResampler.RowSource rows = source(image, inH, inW, seed);
        float[] plane = new float[outH * outW];
        new SeparableResampler().render(GEOMETRIES[geometry], rows, inH, inW, mode, outH, outW, plane);
        assertSameBits(twoPasses(image, inH, inW, GEOMETRIES[geometry], mode, outH, outW), plane,
                inH + "x" + inW + " -> " + outH + "x" + outW + " " + mode + " " + GEOMETRIES[geometry].describe());
    }

    @Test
    void oneResamplerServesImagesOfChangingSizes() {
        // a mammogram's size (a 64-row ring), then a small image, a tall one (a wider ring) and the mammogram again;
        // then a tall image to a narrow output (a ring of many short rows), followed by one that needs fewer, longer
        // rows
        SeparableResampler resampler = new SeparableResampler();
        int[][] sizes = {{3328, 2560, 224, 224}, {5, 7, 224, 224}, {6000, 300, 224, 224}, {3328, 2560, 224, 224},
                         {6000, 300, 16, 16}, {3328, 2560, 224, 224}};
        for (int[] size : sizes) {
            float[] image = new float[size[0] * size[1]];
            SeparableResampler.RowSource rows = source(image, size[0], size[1], size[0]);
            float[] plane = new float[size[2] * size[3]];
            resampler.render(Geometry.stretch(), rows, size[0], size[1], ResizeMode.BILINEAR_ANTIALIAS, size[2],
                    size[3], plane);
            assertSameBits(twoPasses(image, size[0], size[1], Geometry.stretch(), ResizeMode.BILINEAR_ANTIALIAS,
                    size[2], size[3]), plane, size[0] + "x" + size[1] + " -> " + size[2] + "x" + size[3]);
        }
    }
}
