package org.mammoembed.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.mammoembed.core.DecodedImage;
import org.mammoembed.core.MammoException;
import org.mammoembed.core.Photometric;
import org.mammoembed.core.VoiAttributes;
import org.mammoembed.embed.preprocess.TestImages;
import org.mammoembed.embed.preprocess.Windowing;

/** The options that read the DICOM header: VOI window and pixel padding, on hand-computed 2 x 4 images. */
class PreprocessingHeaderTest {
    private static final float[] RAMP = {0, 10, 20, 30, 40, 50, 60, 70};

    /** Same size in and out (resize is the identity), no normalisation: channel 0 is the windowed image. */
    private static PreprocessingBuilder identity() {
        return Preprocessing.builder().size(2, 4).mean(0, 0, 0).std(1, 1, 1);
    }

    private static DecodedImage withVoi(float[] px, Photometric photometric, VoiAttributes voi) {
        DecodedImage plain = TestImages.gray(2, 4, px, photometric);
        return new DecodedImage(2, 4, 1, px, photometric, plain.metadata(), voi);
    }

    private static float[] channel0(Preprocessing p, DecodedImage image) throws MammoException {
        float[] out = new float[3 * 8];
        p.apply(image, out, 0);
        return java.util.Arrays.copyOf(out, 8);
    }

    @Test
    void dicomVoiUsesTheHeaderWindow() throws MammoException {
        // LINEAR window c = 40.5, w = 41 (PS3.3 C.11.2.1.2.1): 0 up to 20, 1 above 60, else (x - 40) / 40 + 0.5
        VoiAttributes voi = new VoiAttributes(List.of(new VoiAttributes.Window(40.5, 41, "")), "LINEAR", List.of(),
                OptionalDouble.empty(), OptionalDouble.empty(), Optional.empty());
        Preprocessing p = identity().windowing(Windowing.dicomVoi()).build();
        float[] expected = {0, 0, 0, 0.25f, 0.5f, 0.75f, 1, 1};
        assertArrayEquals(expected, channel0(p, withVoi(RAMP, Photometric.MONOCHROME2, voi)), 1e-6f);
        float[] inverted = new float[8];
        for (int i = 0; i < 8; i++) {
            inverted[i] = 1 - expected[i];
        }
        assertArrayEquals(inverted, channel0(p, withVoi(RAMP, Photometric.MONOCHROME1, voi)), 1e-6f);
        // the default recipe ignores the header window: percentiles 0.35 and 69.65 of the ramp
        float[] byPercentile = channel0(identity().build(), withVoi(RAMP, Photometric.MONOCHROME2, voi));
        assertArrayEquals(new float[] {0, (float) (9.65 / 69.3)}, java.util.Arrays.copyOf(byPercentile, 2), 1e-6f);
    }

    @Test
    void paddingIsLeftOutOfThePercentilesOnlyWhenAsked() throws MammoException {
        float[] px = {0, 0, 0, 10, 20, 30, 40, 50};
        VoiAttributes padding = new VoiAttributes(List.of(), "LINEAR", List.of(), OptionalDouble.of(0),
                OptionalDouble.empty(), Optional.empty());
        DecodedImage image = withVoi(px, Photometric.MONOCHROME2, padding);
        // excluded: 10..50 (n = 5): lo = 10 + 10 * 0.02 = 10.2, hi = 50 - 10 * 0.02 = 49.8
        float[] excluded = channel0(identity().excludePixelPadding(true).build(), image);
        float[] expected = new float[8];
        for (int i = 0; i < 8; i++) {
            expected[i] = (float) Math.min(1, Math.max(0, (px[i] - 10.2) / 39.6));
        }
        assertArrayEquals(expected, excluded, 1e-6f);
        // included (default): all 8 values: lo = 0, hi = 50 - 10 * 0.035 = 49.65
        float[] included = channel0(identity().build(), image);
        for (int i = 0; i < 8; i++) {
            expected[i] = (float) Math.min(1, px[i] / 49.65);
        }
        assertArrayEquals(expected, included, 1e-6f);
    }
}
