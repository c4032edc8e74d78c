package org.mammoembed.dicom.grayscale;

import java.util.Optional;
import org.mammoembed.core.DecodedImage;

/**
 * The grayscale pipeline of PS3.3 C.11 after the modality LUT, composed from its steps: VOI (window or VOI LUT,
 * else the min-max of the non-padding pixels), inversion for MONOCHROME1 / INVERSE, and padding set to black.
 * The result is in [0, 1], larger is brighter.
 */
public final class GrayscalePipeline {
    private GrayscalePipeline() {
    }

    /**
     * Display values of a grayscale image in [0, 1].
     *
     * @param windowIndex which of the header's windows (or VOI LUTs) to use; see {@link VoiTransform}
     * @throws IllegalArgumentException for colour images or a negative window index
     */
    public static float[] toDisplay(DecodedImage image, int windowIndex) {
        if (!image.photometric().isGrayscale()) {
            throw new IllegalArgumentException("image is " + image.photometric() + ", not grayscale");
        }
        Optional<boolean[]> padding = PixelPadding.mask(image);
        float[] unit = VoiTransform.toUnitRange(image, windowIndex)
                .orElseGet(() -> minMax(image.grayPlane(), padding.orElse(null)));
        if (PresentationInversion.needed(image)) {
            PresentationInversion.invert(unit);
        }
        padding.ifPresent(mask -> PixelPadding.fill(unit, mask, 0f));
        return unit;
    }

    /** Linear scaling of the range of the unmasked values to [0, 1]; all zeros when that range is empty. */
    static float[] minMax(float[] values, boolean[] mask) {
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < values.length; i++) {
            if (mask == null || !mask[i]) {
                lo = Math.min(lo, values[i]);
                hi = Math.max(hi, values[i]);
            }
        }
        float[] out = new float[values.length];
        if (!(hi > lo)) {
            return out;
        }
        double scale = 1.0 / ((double) hi - lo);
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) Math.min(1, Math.max(0, (values[i] - lo) * scale));
        }
        return out;
    }
}
