package org.mammoembed.dicom.grayscale;

import java.util.Optional;
import org.mammoembed.core.DecodedImage;

/** Pixel Padding Value / Range Limit (PS3.3 C.7.5.1.1.2). (Stub: being written.) */
public final class PixelPadding {
    private PixelPadding() {
    }

    /** A per-pixel mask, true where the pixel is padding; empty when the header declares no padding. */
    public static Optional<boolean[]> mask(DecodedImage image) {
        return Optional.empty();
    }
}
