package org.mammoembed.dicom.grayscale;

import java.util.Optional;
import org.mammoembed.core.DecodedImage;

/** VOI LUT stage of the grayscale pipeline (PS3.3 C.11.2). (Stub: being written.) */
public final class VoiTransform {
    private VoiTransform() {
    }

    /**
     * Applies the header's VOI window (choosing window {@code windowIndex}, with its VOI LUT Function) or VOI
     * LUT Sequence item to the modality values of a grayscale image and scales the result to [0, 1]. No
     * MONOCHROME1 inversion. Empty when the header has neither windows nor VOI LUTs.
     */
    public static Optional<float[]> toUnitRange(DecodedImage image, int windowIndex) {
        return Optional.empty();
    }
}
