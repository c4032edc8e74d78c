package org.mammoembed.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Value objects that hold arrays cannot be changed through the arrays they were given or hand out. */
class DefensiveCopyTest {
    private static ImageMetadata meta(double[] spacing) {
        return new ImageMetadata(null, "MG", 2, 2, 1, 1, 16, 12, 0, "MONOCHROME2", null, "L", "CC", null, null,
                Optional.ofNullable(spacing), Map.of());
    }

    @Test
    void decodedImageCopiesInAndOut() {
        float[] px = {1, 2, 3, 4};
        DecodedImage img = new DecodedImage(2, 2, 1, px, Photometric.MONOCHROME2, meta(null), VoiAttributes.NONE);
        px[0] = 99;
        img.pixels()[1] = 99;
        assertArrayEquals(new float[] {1, 2, 3, 4}, img.pixels());
        assertEquals(3f, img.sample(2));
        assertEquals(4, img.sampleCount());
    }

    @Test
    void wrapTransfersOwnershipWithoutACopy() {
        float[] px = {1, 2, 3, 4};
        DecodedImage img = DecodedImage.wrap(2, 2, 1, px, Photometric.MONOCHROME2, meta(null), VoiAttributes.NONE);
        assertEquals(px, img.grayPlane(), "the hot path lends the array itself");
        assertThrows(IllegalArgumentException.class, () -> DecodedImage.wrap(2, 3, 1, px, Photometric.MONOCHROME2,
                meta(null), VoiAttributes.NONE));
    }

    @Test
    void pixelSpacingIsCopiedInAndOut() {
        double[] spacing = {0.07, 0.07};
        ImageMetadata m = meta(spacing);
        spacing[0] = 9;
        m.pixelSpacing().orElseThrow()[1] = 9;
        assertArrayEquals(new double[] {0.07, 0.07}, m.pixelSpacing().orElseThrow());
    }

    @Test
    void projectionCopiesAndTypesItsVarianceRatios() {
        double[][] xy = {{1, 2}, {3, 4}};
        double[] ratio = {0.6, 0.3};
        Projection p = new Projection("pca", xy, ratio, Map.of("seed", 42L));
        xy[0][0] = 99;
        ratio[0] = 99;
        p.coordinates()[1][1] = 99;
        p.row(0)[1] = 99;
        p.explainedVarianceRatio().orElseThrow()[1] = 99;
        assertArrayEquals(new double[] {1, 2}, p.row(0));
        assertEquals(4.0, p.coordinate(1, 1));
        assertArrayEquals(new double[] {0.6, 0.3}, p.explainedVarianceRatio().orElseThrow());
        assertEquals(Optional.empty(), new Projection("tsne", xy, Map.of()).explainedVarianceRatio().map(r -> r));
        assertThrows(IllegalArgumentException.class, () -> new Projection("pca", xy, new double[] {1}, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> new Projection("x", new double[][] {{1}, {1, 2}},
                Map.of()));
    }

    @Test
    void embeddingResultCopiesItsFeatures() {
        float[] f = {1, 2, 3, 4};
        ImageRecord r = new ImageRecord("E1", BiRadsDensity.A, Path.of("/x/E1/a.dcm"), "E1/a.dcm", Map.of());
        List<EmbeddedImage> index = List.of(new EmbeddedImage(0, r, "CC", "L"), new EmbeddedImage(1, r, "CC", "L"));
        EmbeddingResult res = new EmbeddingResult(2, f, index, List.of());
        f[0] = 99;
        res.row(0)[0] = 99;
        assertArrayEquals(new float[] {1, 2, 3, 4}, res.toArray());
        EmbeddingResult owned = EmbeddingResult.wrap(2, f, index, List.of());
        assertArrayEquals(new float[] {99, 2, 3, 4}, owned.toArray());
    }
}
