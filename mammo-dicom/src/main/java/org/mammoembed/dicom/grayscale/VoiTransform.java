package org.mammoembed.dicom.grayscale;

import java.util.List;
import java.util.Optional;
import org.mammoembed.core.DecodedImage;
import org.mammoembed.core.VoiAttributes;

/**
 * VOI LUT stage of the grayscale pipeline (PS3.3 C.11.2): modality values to [0, 1] by a window (centre,
 * width, VOI LUT Function) or by a VOI LUT Sequence item. When the header has both, the window wins, as in
 * DCMTK; when the index asks for a window the header lacks, the first one is used.
 */
public final class VoiTransform {
    private VoiTransform() {
    }

    /**
     * Applies the header's VOI window (choosing window {@code windowIndex}, with its VOI LUT Function) or VOI
     * LUT Sequence item to the modality values of a grayscale image and scales the result to [0, 1]. No
     * MONOCHROME1 inversion. Empty when the header has neither windows nor VOI LUTs, when the chosen window's
     * width is not valid for its function, and for colour images.
     *
     * @throws IllegalArgumentException when {@code windowIndex} is negative
     */
    public static Optional<float[]> toUnitRange(DecodedImage image, int windowIndex) {
        if (windowIndex < 0) {
            throw new IllegalArgumentException("windowIndex must be >= 0: " + windowIndex);
        }
        if (!image.photometric().isGrayscale()) {
            return Optional.empty();
        }
        VoiAttributes voi = image.voi();
        List<VoiAttributes.Window> windows = voi.windows();
        if (!windows.isEmpty()) {
            VoiAttributes.Window w = windows.get(windowIndex < windows.size() ? windowIndex : 0);
            return window(image.grayPlane(), w.center(), w.width(), WindowFunction.fromDicom(voi.voiLutFunction()));
        }
        List<VoiAttributes.Lut> luts = voi.voiLuts();
        if (!luts.isEmpty()) {
            return Optional.of(lut(image.grayPlane(), luts.get(windowIndex < luts.size() ? windowIndex : 0)));
        }
        return Optional.empty();
    }

    /** A window over modality values; empty when the width is not valid for the function. */
    public static Optional<float[]> window(float[] values, double center, double width, WindowFunction function) {
        if (!function.acceptsWidth(width) || !Double.isFinite(center)) {
            return Optional.empty();
        }
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) function.apply(values[i], center, width);
        }
        return Optional.of(out);
    }

    /** A VOI LUT: each value looked up, divided by the largest value the LUT's bits per entry can hold. */
    public static float[] lut(float[] values, VoiAttributes.Lut lut) {
        int bits = lut.bitsPerEntry() >= 1 && lut.bitsPerEntry() <= 16 ? lut.bitsPerEntry() : 16;
        double max = (1 << bits) - 1;
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) Math.min(1, Math.max(0, lut.lookup(values[i]) / max));
        }
        return out;
    }
}
