package org.mammoembed.reduce.baselines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mammoembed.core.BiRadsDensity;
import org.mammoembed.core.DecodedImage;
import org.mammoembed.core.EmbeddedImage;
import org.mammoembed.core.EmbeddingResult;
import org.mammoembed.core.ImageMetadata;
import org.mammoembed.core.ImageReader;
import org.mammoembed.core.ImageRecord;
import org.mammoembed.core.MammoException;
import org.mammoembed.core.Photometric;
import org.mammoembed.core.Stage;
import org.mammoembed.core.VoiAttributes;

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

    /** 4 x 4 images whose pixels are {@code k * (1 + position)}, one per file name "imgK.dcm". */
    private static final class SyntheticImages implements ImageReader {
        @Override
        public boolean isImage(Path file) {
            return true;
        }

        @Override
        public ImageMetadata readMetadata(Path file) {
            return new ImageMetadata(null, "MG", 4, 4, 1, 1, 16, 12, 0, "MONOCHROME2", null, "L", "CC", null, null,
                    Optional.empty(), Map.of());
        }

        @Override
        public DecodedImage read(Path file, int frame) throws MammoException {
            String name = file.getFileName().toString();
            if (name.startsWith("bad")) {
                throw new MammoException(Stage.DECODE, "pixel data truncated");
            }
            int k = Integer.parseInt(name.substring(3, name.indexOf('.')));
            return DecodedImage.wrap(4, 4, 1, pixels(k), Photometric.MONOCHROME2, readMetadata(file),
                    VoiAttributes.NONE);
        }

        static float[] pixels(int k) {
            float[] px = new float[16];
            for (int i = 0; i < px.length; i++) {
                px[i] = k * (1 + (i * 7) % 16);
            }
            return px;
        }
    }

    private static EmbeddingResult images(String... names) {
        List<EmbeddedImage> index = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            index.add(new EmbeddedImage(i, new ImageRecord("E" + i, BiRadsDensity.ofCode(1 + i % 4),
                    Path.of("/study").resolve(names[i]), names[i], Map.of()), "CC", "L"));
        }
        return EmbeddingResult.wrap(1, new float[names.length], index, List.of());
    }

    /** The first and last pixel of every second row: a thumbnail of 4 values. */
    private static float[] corners(DecodedImage image) {
        float[] px = image.grayPlane();
        return new float[] {px[0], px[3], px[8], px[11]};
    }

    @Test
    void describeReadsEachImageAgainAndJoinsItsStatisticsAndThumbnailComponents() throws Exception {
        EmbeddingResult images = images("img1.dcm", "img2.dcm", "img5.dcm", "img3.dcm");
        float[][] described = HandcraftedFeatures.describe(images, new SyntheticImages(),
                HandcraftedFeaturesTest::corners, 2);
        float[][] stats = new float[4][];
        float[][] thumbs = new float[4][];
        int[] k = {1, 2, 5, 3};
        for (int i = 0; i < 4; i++) {
            DecodedImage image = new SyntheticImages().read(Path.of("img" + k[i] + ".dcm"), 0);
            stats[i] = HandcraftedFeatures.of(SyntheticImages.pixels(k[i]), 4, 4);
            thumbs[i] = corners(image);
        }
        float[][] expected = HandcraftedFeatures.withThumbnailComponents(stats, thumbs, 2);
        assertEquals(4, described.length);
        for (int i = 0; i < 4; i++) {
            assertEquals(HandcraftedFeatures.NAMES.size() + 2, described[i].length);
            assertArrayEquals(expected[i], described[i], "image " + i);
        }
    }

    @Test
    void describeNamesTheImageItCannotReadAndRefusesThumbnailsOfDifferentSizes() {
        MammoException e = assertThrows(MammoException.class, () -> HandcraftedFeatures.describe(
                images("img1.dcm", "bad7.dcm"), new SyntheticImages(), HandcraftedFeaturesTest::corners, 1));
        assertEquals(Stage.DECODE, e.stage());
        assertTrue(e.getMessage().contains("bad7.dcm") && e.getMessage().contains("pixel data truncated"),
                e.getMessage());
        IllegalArgumentException sizes = assertThrows(IllegalArgumentException.class, () ->
                HandcraftedFeatures.describe(images("img1.dcm", "img2.dcm"), new SyntheticImages(),
                        image -> image.grayPlane()[0] == 1 ? corners(image) : new float[3], 1));
        assertTrue(sizes.getMessage().contains("img2.dcm"), sizes.getMessage());
    }
}
