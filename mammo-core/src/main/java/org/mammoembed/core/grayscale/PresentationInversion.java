package org.mammoembed.core.grayscale;

import org.mammoembed.core.DecodedImage;
import org.mammoembed.core.Photometric;

/**
 * The last stage of the grayscale pipeline: whether display values must be inverted so that larger means
 * brighter. MONOCHROME1 (PS3.3 C.7.6.3.1.2) and Presentation LUT Shape INVERSE (C.11.6.1) describe the same
 * inversion in DX/MG images (INVERSE is required with MONOCHROME1 there), so either one inverts, once.
 */
public final class PresentationInversion {
    private PresentationInversion() {
    }

    /** Whether the image's unit-range values must be inverted for display. */
    public static boolean needed(DecodedImage image) {
        boolean inverseShape = image.voi().presentationLutShape().map(s -> s.trim().equals("INVERSE")).orElse(false);
        return image.photometric() == Photometric.MONOCHROME1 || inverseShape;
    }

    /** {@code 1 - v} for every value, in place; returns {@code unit}. */
    public static float[] invert(float[] unit) {
        for (int i = 0; i < unit.length; i++) {
            unit[i] = 1 - unit[i];
        }
        return unit;
    }
}
