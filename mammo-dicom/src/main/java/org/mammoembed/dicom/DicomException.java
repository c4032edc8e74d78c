package org.mammoembed.dicom;

import org.mammoembed.core.MammoException;
import org.mammoembed.core.Stage;

/**
 * A DICOM file that cannot be read or decoded. The message always names what is wrong specifically
 * (which element, which offset, which transfer syntax) and never carries patient identifiers.
 */
public class DicomException extends MammoException {
    private static final long serialVersionUID = 1L;

    public DicomException(Stage stage, String message) {
        super(stage, message);
    }

    public DicomException(Stage stage, String message, Throwable cause) {
        super(stage, message, cause);
    }

    /** A malformed or unreadable file (stage READ). */
    public static DicomException read(String message) {
        return new DicomException(Stage.READ, message);
    }

    /** Pixel data that cannot be decoded (stage DECODE). */
    public static DicomException decode(String message) {
        return new DicomException(Stage.DECODE, message);
    }
}
