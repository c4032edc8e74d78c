package org.mammoembed.dicom;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Header values that may go into a message: only values of the form the element must have (a UID, a defined
 * term) are echoed; anything else is described by its length. A hostile or misencoded file can hold a patient's
 * name in its Photometric Interpretation or a birth date in its SOP Class UID, and a message must not carry it.
 */
final class HeaderText {
    private static final Pattern UID = Pattern.compile("[0-9]+(\\.[0-9]+){2,}");
    private static final Set<String> PHOTOMETRIC = Set.of("MONOCHROME1", "MONOCHROME2", "PALETTE COLOR", "RGB",
            "HSV", "ARGB", "CMYK", "YBR_FULL", "YBR_FULL_422", "YBR_PARTIAL_422", "YBR_PARTIAL_420", "YBR_ICT",
            "YBR_RCT", "XYB");

    private HeaderText() {
    }

    /** The UID if it has a UID's form (digits and at least two dots, up to 64 characters). */
    static String uid(String value) {
        if (value == null) {
            return "(none)";
        }
        return value.length() <= 64 && UID.matcher(value).matches() ? value : unshown("not a valid UID", value);
    }

    /** The Photometric Interpretation if it is one of the defined terms of PS3.3 C.7.6.3.1.2. */
    static String photometric(String value) {
        if (value == null) {
            return "(none)";
        }
        return PHOTOMETRIC.contains(value.trim()) ? value.trim() : unshown("not a defined term", value);
    }

    private static String unshown(String why, String value) {
        return "(a value that is " + why + ", " + value.length() + " characters, not shown)";
    }
}
