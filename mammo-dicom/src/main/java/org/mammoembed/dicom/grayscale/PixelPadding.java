package org.mammoembed.dicom.grayscale;

import java.util.Optional;
import java.util.OptionalDouble;
import org.mammoembed.core.DecodedImage;
import org.mammoembed.core.ImageMetadata;

/**
 * Pixel Padding Value / Range Limit (PS3.3 C.7.5.1.1.2): the pixels outside the imaged area (the air around a
 * breast, a detector's unexposed border). Padding is given in stored values; this class maps the padding values
 * through the top-level Rescale Slope/Intercept, so it works on the modality values of a {@link DecodedImage}.
 */
public final class PixelPadding {
    private static final int RESCALE_INTERCEPT = 0x00281052;
    private static final int RESCALE_SLOPE = 0x00281053;

    private PixelPadding() {
    }

    /**
     * A per-pixel mask, true where the pixel is padding; empty when the header declares no padding or the image
     * is not grayscale. With a Range Limit, every value between the two (inclusive, in either order) is padding.
     */
    public static Optional<boolean[]> mask(DecodedImage image) {
        OptionalDouble value = image.voi().pixelPaddingValue();
        if (value.isEmpty() || !image.photometric().isGrayscale()) {
            return Optional.empty();
        }
        OptionalDouble limit = image.voi().pixelPaddingRangeLimit();
        double slope = number(image.metadata(), RESCALE_SLOPE, 1);
        double intercept = number(image.metadata(), RESCALE_INTERCEPT, 0);
        if (slope == 0 || !Double.isFinite(slope) || !Double.isFinite(intercept)) {
            slope = 1;
            intercept = 0;
        }
        // the same float arithmetic as the reader's modality LUT, so equal stored values compare equal
        float a = (float) (value.getAsDouble() * slope + intercept);
        float b = limit.isPresent() ? (float) (limit.getAsDouble() * slope + intercept) : a;
        float lo = Math.min(a, b);
        float hi = Math.max(a, b);
        float[] px = image.grayPlane();
        boolean[] mask = new boolean[image.pixelCount()];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = px[i] >= lo && px[i] <= hi;
        }
        return Optional.of(mask);
    }

    /** Sets the masked values to {@code background}, in place; returns {@code values}. */
    public static float[] fill(float[] values, boolean[] mask, float background) {
        if (values.length != mask.length) {
            throw new IllegalArgumentException("values has " + values.length + " entries, mask " + mask.length);
        }
        for (int i = 0; i < values.length; i++) {
            if (mask[i]) {
                values[i] = background;
            }
        }
        return values;
    }

    private static double number(ImageMetadata metadata, int tag, double fallback) {
        Optional<String> s = metadata.tag(tag);
        if (s.isEmpty()) {
            return fallback;
        }
        try {
            return Double.parseDouble(s.get().split("\\\\")[0].trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
