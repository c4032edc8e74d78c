package org.mammoembed.reduce.baselines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class HandcraftedFeaturesTest {

    /** Background 0 and breast pixels 1, 2, 3, 4: statistics by hand. */
    @Test
    void statisticsOfTheBreastPixels() {
        float[] image = {0, 0, 1, 2, 3, 4};
        float[] f = HandcraftedFeatures.of(image, 2, 3);
        assertEquals(HandcraftedFeatures.NAMES.size(), f.length);
        assertEquals(2.5f, f[HandcraftedFeatures.NAMES.indexOf("mean")], 1e-6);
        assertEquals((float) Math.sqrt(1.25), f[HandcraftedFeatures.NAMES.indexOf("std")], 1e-6);
        assertEquals(0f, f[HandcraftedFeatures.NAMES.indexOf("skewness")], 1e-6);
        // m4 / m2^2 - 3 = (2 * 2.25^2 + 2 * 0.25^2) / 4 / 1.5625 - 3 = 2.5625 / 1.5625 - 3
        assertEquals((float) (2.5625 / 1.5625 - 3), f[HandcraftedFeatures.NAMES.indexOf("excess_kurtosis")], 1e-6);
        assertEquals(2.5f, f[HandcraftedFeatures.NAMES.indexOf("p50")], 1e-6);
        assertEquals(1.15f, f[HandcraftedFeatures.NAMES.indexOf("p05")], 1e-6);
        assertEquals(4f / 6f, f[HandcraftedFeatures.NAMES.indexOf("breast_fraction")], 1e-6);
        // four distinct values in four of the 32 bins: 2 bits
        assertEquals(2f, f[HandcraftedFeatures.NAMES.indexOf("entropy_bits")], 1e-6);
        float histogram = 0;
        for (int b = 0; b < 16; b++) {
            histogram += f[HandcraftedFeatures.NAMES.indexOf("hist_" + b)];
        }
        assertEquals(1f, histogram, 1e-6);
    }

    @Test
    void constantImageAndBadShapes() {
        float[] f = HandcraftedFeatures.of(new float[] {7, 7, 7, 7}, 2, 2);
        assertEquals(7f, f[0]);
        assertEquals(0f, f[1]);
        assertThrows(IllegalArgumentException.class, () -> HandcraftedFeatures.of(new float[5], 2, 3));
        assertThrows(IllegalArgumentException.class, () -> HandcraftedFeatures.of(new float[] {Float.NaN}, 1, 1));
    }
}
