package org.mammoembed.dicom.grayscale;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.mammoembed.core.DecodedImage;
import org.mammoembed.core.grayscale.PixelPadding;
import org.mammoembed.core.grayscale.PresentationInversion;
import org.mammoembed.core.grayscale.VoiTransform;
import org.mammoembed.core.ImageMetadata;
import org.mammoembed.core.Photometric;
import org.mammoembed.core.VoiAttributes;

/** Each grayscale pipeline step on a few values, with expected results worked out by hand from PS3.3 C.11. */
class GrayscaleStepsTest {
    private static final float EPS = 1e-6f;

    static DecodedImage image(float[] px, Photometric p, VoiAttributes voi, Map<Integer, String> tags) {
        ImageMetadata m = new ImageMetadata("1.2.840.10008.5.1.4.1.1.1.2", "MG", 1, px.length, 1, 1, 16, 12, 0,
                p.name(), "1.2.840.10008.1.2.1", null, null, null, null, Optional.empty(), tags);
        return new DecodedImage(1, px.length, 1, px, p, m, voi);
    }

    static VoiAttributes windows(String function, VoiAttributes.Window... w) {
        return new VoiAttributes(List.of(w), function, List.of(), OptionalDouble.empty(), OptionalDouble.empty(),
                Optional.empty());
    }

    @Test
    void linearWindowUsesTheHalfUnitOffsets() {
        // c=100, w=201: y = (x - 99.5) / 200 + 0.5, 0 at or below -0.5, 1 above 199.5
        DecodedImage img = image(new float[] {-1, 0, 99.5f, 150, 199.5f, 200}, Photometric.MONOCHROME2,
                windows(null, new VoiAttributes.Window(100, 201, null)), Map.of());
        assertArrayEquals(new float[] {0, 0.0025f, 0.5f, 0.7525f, 1, 1}, VoiTransform.toUnitRange(img, 0)
                .orElseThrow(), EPS);
    }

    @Test
    void linearExactAndSigmoid() {
        DecodedImage exact = image(new float[] {0, 50, 200, 201}, Photometric.MONOCHROME2,
                windows("LINEAR_EXACT", new VoiAttributes.Window(100, 200, null)), Map.of());
        assertArrayEquals(new float[] {0, 0.25f, 1, 1}, VoiTransform.toUnitRange(exact, 0).orElseThrow(), EPS);
        DecodedImage sigmoid = image(new float[] {100, 150}, Photometric.MONOCHROME2,
                windows("SIGMOID", new VoiAttributes.Window(100, 200, null)), Map.of());
        // 1 / (1 + e^-1) = 0.7310586
        assertArrayEquals(new float[] {0.5f, 0.7310586f}, VoiTransform.toUnitRange(sigmoid, 0).orElseThrow(), EPS);
    }

    @Test
    void windowIsChosenByIndexAndFallsBackToTheFirst() {
        DecodedImage img = image(new float[] {0}, Photometric.MONOCHROME2, windows(null,
                new VoiAttributes.Window(100, 201, null), new VoiAttributes.Window(0, 1000, null)), Map.of());
        // window 1: (0 + 0.5) / 999 + 0.5
        assertEquals(0.5005005f, VoiTransform.toUnitRange(img, 1).orElseThrow()[0], EPS);
        assertEquals(0.0025f, VoiTransform.toUnitRange(img, 7).orElseThrow()[0], EPS);
        assertThrows(IllegalArgumentException.class, () -> VoiTransform.toUnitRange(img, -1));
    }

    @Test
    void invalidWidthOrNoVoiGivesEmpty() {
        DecodedImage bad = image(new float[] {0}, Photometric.MONOCHROME2,
                windows(null, new VoiAttributes.Window(100, 0.5, null)), Map.of());
        assertTrue(VoiTransform.toUnitRange(bad, 0).isEmpty());
        DecodedImage none = image(new float[] {0}, Photometric.MONOCHROME2, VoiAttributes.NONE, Map.of());
        assertTrue(VoiTransform.toUnitRange(none, 0).isEmpty());
    }

    @Test
    void voiLutLooksUpAndScalesByBitsPerEntry() {
        VoiAttributes.Lut lut = new VoiAttributes.Lut(10, 8, new int[] {0, 51, 255}, null);
        VoiAttributes voi = new VoiAttributes(List.of(), null, List.of(lut), OptionalDouble.empty(),
                OptionalDouble.empty(), Optional.empty());
        DecodedImage img = image(new float[] {5, 11, 100}, Photometric.MONOCHROME2, voi, Map.of());
        assertArrayEquals(new float[] {0, 0.2f, 1}, VoiTransform.toUnitRange(img, 0).orElseThrow(), EPS);
    }

    @Test
    void paddingRangeIsMappedThroughTheRescale() {
        // stored padding 0..2 with slope 2, intercept -10 covers modality values -10..-6
        VoiAttributes voi = new VoiAttributes(List.of(), null, List.of(), OptionalDouble.of(0), OptionalDouble.of(2),
                Optional.empty());
        DecodedImage img = image(new float[] {-10, -8, -6, -4, 100}, Photometric.MONOCHROME2, voi,
                Map.of(0x00281053, "2", 0x00281052, "-10"));
        boolean[] mask = PixelPadding.mask(img).orElseThrow();
        assertArrayEquals(new boolean[] {true, true, true, false, false}, mask);
        assertTrue(PixelPadding.mask(image(new float[] {1}, Photometric.MONOCHROME2, VoiAttributes.NONE, Map.of()))
                .isEmpty());
    }

    @Test
    void singlePaddingValueWithoutRescale() {
        VoiAttributes voi = new VoiAttributes(List.of(), null, List.of(), OptionalDouble.of(4095),
                OptionalDouble.empty(), Optional.empty());
        DecodedImage img = image(new float[] {4095, 4094, 0}, Photometric.MONOCHROME1, voi, Map.of());
        assertArrayEquals(new boolean[] {true, false, false}, PixelPadding.mask(img).orElseThrow());
    }

    @Test
    void inversionForMonochrome1OrInverseShape() {
        assertTrue(PresentationInversion.needed(image(new float[] {0}, Photometric.MONOCHROME1, VoiAttributes.NONE,
                Map.of())));
        assertFalse(PresentationInversion.needed(image(new float[] {0}, Photometric.MONOCHROME2, VoiAttributes.NONE,
                Map.of())));
        VoiAttributes inverse = new VoiAttributes(List.of(), null, List.of(), OptionalDouble.empty(),
                OptionalDouble.empty(), Optional.of("INVERSE"));
        assertTrue(PresentationInversion.needed(image(new float[] {0}, Photometric.MONOCHROME2, inverse, Map.of())));
        assertArrayEquals(new float[] {1, 0.75f, 0}, PresentationInversion.invert(new float[] {0, 0.25f, 1}), EPS);
    }

    @Test
    void pipelineExcludesPaddingFromMinMaxInvertsAndBlacksOutPadding() {
        VoiAttributes voi = new VoiAttributes(List.of(), null, List.of(), OptionalDouble.of(-10),
                OptionalDouble.empty(), Optional.empty());
        // padding -10 ignored for the range 0..100; MONOCHROME1 inverts; padding ends black
        DecodedImage img = image(new float[] {-10, 0, 50, 100}, Photometric.MONOCHROME1, voi, Map.of());
        assertArrayEquals(new float[] {0, 1, 0.5f, 0}, GrayscalePipeline.toDisplay(img, 0), EPS);
    }

    @Test
    void pipelineUsesTheWindowWhenThereIsOne() {
        DecodedImage img = image(new float[] {99.5f, 300}, Photometric.MONOCHROME2,
                windows(null, new VoiAttributes.Window(100, 201, null)), Map.of());
        assertArrayEquals(new float[] {0.5f, 1}, GrayscalePipeline.toDisplay(img, 0), EPS);
    }

    @Test
    void modalityLutRescaleAndTable() {
        assertArrayEquals(new float[] {-1024, -1022, 0}, ModalityLut.rescale(2, -1024).apply(new int[] {0, 1, 512},
                false), EPS);
        ModalityLut table = ModalityLut.table(new VoiAttributes.Lut(-1, 16, new int[] {7, 8, 9}, null));
        assertArrayEquals(new float[] {7, 7, 8, 9, 9}, table.apply(new int[] {-5, -1, 0, 1, 9}, true), EPS);
        // unsigned 32-bit samples stay positive
        assertEquals(4294967295f, ModalityLut.identity().apply(new int[] {-1}, false)[0]);
        assertThrows(IllegalArgumentException.class, () -> ModalityLut.rescale(0, 1));
    }
}
