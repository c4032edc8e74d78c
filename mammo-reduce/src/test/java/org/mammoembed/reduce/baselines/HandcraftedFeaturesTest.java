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

    @Test
    void theSetDescriptorIsEachImagesStatisticsThenItsThumbnailComponents() {
        java.util.Random r = new java.util.Random(4);
        float[][] stats = new float[12][];
        float[][] thumbs = new float[12][64];
        for (int i = 0; i < stats.length; i++) {
            stats[i] = new float[] {i, -i, 0.5f * i};
            for (int j = 0; j < 64; j++) {
                thumbs[i][j] = (float) (r.nextGaussian() + (j < 32 ? i : -i));
            }
        }
        float[][] d = HandcraftedFeatures.withThumbnailComponents(stats, thumbs, 3);
        double[][] pcs = org.mammoembed.reduce.Pca.builder().components(3).build().fitTransform(thumbs)
                .coordinates();
        for (int i = 0; i < d.length; i++) {
            assertEquals(6, d[i].length);
            for (int j = 0; j < 3; j++) {
                assertEquals(stats[i][j], d[i][j]);
                assertEquals((float) pcs[i][j], d[i][3 + j]);
            }
        }
        // the images lie along one direction of the thumbnails: the first component orders them
        for (int i = 1; i < d.length; i++) {
            assertEquals(Math.signum(d[1][3] - d[0][3]), Math.signum(d[i][3] - d[i - 1][3]), "row " + i);
        }
        assertThrows(IllegalArgumentException.class,
                () -> HandcraftedFeatures.withThumbnailComponents(stats, java.util.Arrays.copyOf(thumbs, 11), 3));
    }
}
