package org.mammoembed.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.mammoembed.embed.preprocess.Geometry;
import org.mammoembed.embed.preprocess.ResizeMode;

/** Placement of the resized image: letterbox bands, torchvision's short-side resize and centre crop. */
class GeometryTest {
    private static final SeparableResampler.RowSource ONES = (y, row) -> {
        Arrays.fill(row, 1f);
        return SeparableResampler.ALL;
    };

    private static float[] render(Geometry g, int inH, int inW, ResizeMode mode, int outH, int outW) {
        float[] plane = new float[outH * outW];
        Arrays.fill(plane, Float.NaN); // every output value must be written
        new SeparableResampler().render(g, ONES, inH, inW, mode, outH, outW, plane);
        return plane;
    }

    @Test
    void letterboxOfPortraitImagePadsLeftAndRight() {
        // 100 x 50 into 224: s = min(2.24, 4.48) = 2.24 -> 224 x 112, centred at column 56
        float[] p = render(Geometry.letterbox(), 100, 50, ResizeMode.BILINEAR_ANTIALIAS, 224, 224);
        for (int y = 0; y < 224; y++) {
            for (int x = 0; x < 224; x++) {
                float expected = x >= 56 && x < 168 ? 1f : 0f;
                assertEquals(expected, p[y * 224 + x], 1e-6, "(" + y + ", " + x + ")");
            }
        }
    }

    @Test
    void letterboxOfLandscapeImagePadsTopAndBottomAndRoundsHalfUp() {
        // 3 x 8 into 8 x 8: s = 1 -> 3 x 8, top = floor(5 / 2) = 2; 5 x 2 into 4 x 4: s = 0.8 -> 4 x 1.6 -> 4 x 2
        float[] p = render(Geometry.letterbox(), 3, 8, ResizeMode.BILINEAR_ANTIALIAS, 8, 8);
        for (int y = 0; y < 8; y++) {
            assertEquals(y >= 2 && y < 5 ? 1f : 0f, p[y * 8 + 3], 0, "row " + y);
        }
        float[] q = render(Geometry.letterbox(), 5, 2, ResizeMode.BILINEAR_ANTIALIAS, 4, 4);
        assertArrayEquals(new float[] {0, 1, 1, 0}, Arrays.copyOfRange(q, 0, 4), 1e-6f);
    }

    @Test
    void centreCropFollowsTorchvision() {
        // CenterCrop: start round((665 - 224) / 2) = round(220.5) = 220 (Python rounds half to even)
        // 3328 x 2560 -> short side 512: 665 x 512
        assertEquals(new Geometry.Placement(665, 512, 220, 144, 224, 224, 0, 0),
                Geometry.shortSideCenterCrop(512).place(3328, 2560, 224, 224));
        assertEquals(2, Geometry.shortSideCenterCrop(3).place(6, 3, 3, 3).top()); // round(1.5) = 2
        assertEquals(2, Geometry.shortSideCenterCrop(3).place(8, 3, 3, 3).top()); // round(2.5) = 2, not 3
    }

    @Test
    void cropLargerThanImageIsPaddedLikeTorchvision() {
        // short side 2 of a 2 x 3 image: 2 x 3 resized, crop 4 x 4: pad top (4 - 2) // 2 = 1, left (4 - 3) // 2 = 0
        float[] p = render(Geometry.shortSideCenterCrop(2), 2, 3, ResizeMode.BICUBIC, 4, 4);
        float[] expected = {0, 0, 0, 0, 1, 1, 1, 0, 1, 1, 1, 0, 0, 0, 0, 0};
        assertArrayEquals(expected, p, 1e-6f);
    }

    @Test
    void describeAndEquality() {
        assertEquals("stretch", Geometry.stretch().describe());
        assertEquals("letterbox(pad=0)", Geometry.letterbox().describe());
        assertEquals("shortSide(512)+centerCrop", Geometry.shortSideCenterCrop(512).describe());
        assertEquals(Geometry.shortSideCenterCrop(512), Geometry.shortSideCenterCrop(512));
        assertEquals(Geometry.shortSideCenterCrop(512).hashCode(), Geometry.shortSideCenterCrop(512).hashCode());
        assertNotEquals(Geometry.shortSideCenterCrop(512), Geometry.shortSideCenterCrop(256));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Geometry.shortSideCenterCrop(0));
        assertTrue(e.getMessage().contains("shortSide") && e.getMessage().contains("0"), e.getMessage());
    }
}
