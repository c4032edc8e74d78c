package org.mammoembed.core;

/**
 * Photometric interpretation of a decoded image (PS3.3 C.7.6.3.1.2), after the reader's colour conversion:
 * YBR data are delivered as {@link #RGB}; PALETTE COLOR is delivered as indices with the palette in
 * {@link VoiAttributes} left to the caller.
 */
public enum Photometric {
    MONOCHROME1,
    MONOCHROME2,
    RGB,
    PALETTE_COLOR;

    /** Whether larger values are darker (needs inversion for display and for the network). */
    public boolean isInverted() {
        return this == MONOCHROME1;
    }

    public boolean isGrayscale() {
        return this == MONOCHROME1 || this == MONOCHROME2;
    }

    /** Parses the DICOM code string (e.g. {@code "PALETTE COLOR"}, {@code "YBR_FULL_422"} maps to RGB). */
    public static Photometric fromDicom(String code) {
        if (code == null) {
            throw new IllegalArgumentException("photometric interpretation is missing");
        }
        String c = code.trim();
        switch (c) {
            case "MONOCHROME1": return MONOCHROME1;
            case "MONOCHROME2": return MONOCHROME2;
            case "PALETTE COLOR": return PALETTE_COLOR;
            case "RGB": case "YBR_FULL": case "YBR_FULL_422": case "YBR_ICT": case "YBR_RCT":
            case "YBR_PARTIAL_420": case "YBR_PARTIAL_422":
                return RGB;
            default:
                throw new IllegalArgumentException("unsupported photometric interpretation: '" + c + "'");
        }
    }
}
