package org.mammoembed.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Resampling taps worked out by hand from the filter definitions. */
class AxisWeightsTest {

    private static float[] dense(AxisWeights w, int i) {
        float[] d = new float[w.inSize()];
        for (int j = 0; j < w.taps(i); j++) {
            d[w.index(i, j)] += w.weight(i, j);
        }
        return d;
    }

    @Test
    void antialiasedHalvingIsATriangleTwoPixelsWide() {
        // 8 -> 4: scale 2, support 2; centres 1, 3, 5, 7; tap weight = 1 - |x + 0.5 - centre| / 2, renormalised
        AxisWeights w = AxisWeights.antialiasedLinear(8, 4);
        assertArrayEquals(new float[] {3f / 7, 3f / 7, 1f / 7, 0, 0, 0, 0, 0}, dense(w, 0), 1e-7f);
        assertArrayEquals(new float[] {0, 1f / 8, 3f / 8, 3f / 8, 1f / 8, 0, 0, 0}, dense(w, 1), 1e-7f);
        assertArrayEquals(new float[] {0, 0, 0, 1f / 8, 3f / 8, 3f / 8, 1f / 8, 0}, dense(w, 2), 1e-7f);
        assertArrayEquals(new float[] {0, 0, 0, 0, 0, 1f / 7, 3f / 7, 3f / 7}, dense(w, 3), 1e-7f);
    }

    @Test
    void upscalingIsPlainBilinear() {
        // 2 -> 4: antialiasing has no effect; source positions -0.25, 0.25, 0.75, 1.25 clamped at the edges
        AxisWeights w = AxisWeights.antialiasedLinear(2, 4);
        assertArrayEquals(new float[] {1, 0}, dense(w, 0), 0);
        assertArrayEquals(new float[] {0.75f, 0.25f}, dense(w, 1), 0);
        assertArrayEquals(new float[] {0.25f, 0.75f}, dense(w, 2), 0);
        assertArrayEquals(new float[] {0, 1}, dense(w, 3), 0);
    }

    @Test
    void sameSizeIsIdentity() {
        for (AxisWeights w : new AxisWeights[] {AxisWeights.antialiasedLinear(5, 5), AxisWeights.bicubic(5, 5)}) {
            for (int i = 0; i < 5; i++) {
                float[] expected = new float[5];
                expected[i] = 1;
                assertArrayEquals(expected, dense(w, i), 0);
            }
        }
    }

    @Test
    void bicubicHalvingByHand() {
        // 8 -> 4: source position 2i + 0.5, t = 0.5: Keys a = -0.75 gives -3/32, 19/32, 19/32, -3/32
        AxisWeights w = AxisWeights.bicubic(8, 4);
        float o = -3f / 32;
        float n = 19f / 32;
        // output 0: taps at -1 (clamped to 0), 0, 1, 2
        assertArrayEquals(new float[] {o + n, n, o, 0, 0, 0, 0, 0}, dense(w, 0), 0);
        // output 1: source position 2.5, taps 1, 2, 3, 4
        assertArrayEquals(new float[] {0, o, n, n, o, 0, 0, 0}, dense(w, 1), 0);
        // output 3: taps 5, 6, 7, 8 (clamped to 7)
        assertArrayEquals(new float[] {0, 0, 0, 0, 0, o, n, n + o}, dense(w, 3), 0);
    }

    @Property(tries = 200)
    void weightsSumToOne(@ForAll @IntRange(min = 1, max = 5000) int in, @ForAll @IntRange(min = 1, max = 600) int out) {
        for (AxisWeights w : new AxisWeights[] {AxisWeights.antialiasedLinear(in, out), AxisWeights.bicubic(in, out)}) {
            for (int i = 0; i < out; i++) {
                double sum = 0;
                for (int j = 0; j < w.taps(i); j++) {
                    sum += w.weight(i, j);
                    int idx = w.index(i, j);
                    if (idx < 0 || idx >= in) {
                        throw new AssertionError("tap index " + idx + " outside [0, " + in + ")");
                    }
                }
                assertEquals(1.0, sum, 1e-5, "output " + i + " of " + in + " -> " + out);
            }
        }
    }
}
