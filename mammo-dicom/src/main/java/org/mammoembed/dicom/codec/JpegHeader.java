package org.mammoembed.dicom.codec;

import static org.mammoembed.dicom.codec.BigEndian.u16;

import org.mammoembed.dicom.DicomException;

/**
 * What the markers of a JPEG stream (ISO 10918-1 Annex B) say before the first scan: the frame header (SOF)
 * and the colour-space hints (JFIF APP0, Adobe APP14). Parsed by us so that sizes can be checked and the
 * colour space decided before a plugin allocates anything.
 *
 * @param sofMarker     the SOFn marker's second byte, e.g. 0xC0 baseline, 0xC1 extended, 0xC3 lossless
 * @param precision     sample precision in bits (P)
 * @param rows          number of lines (Y); 0 means a DNL marker defines it later
 * @param columns       samples per line (X)
 * @param componentIds  component identifiers (C), in frame order
 * @param jfif          whether a JFIF APP0 segment is present (which implies YCbCr for 3 components)
 * @param adobeTransform the Adobe APP14 transform flag (0 none, 1 YCbCr, 2 YCCK), or -1 when absent
 */
record JpegHeader(int sofMarker, int precision, int rows, int columns, int[] componentIds, boolean jfif,
                  int adobeTransform) {

    static final int SOF_BASELINE = 0xC0;
    static final int SOF_EXTENDED = 0xC1;
    static final int SOF_PROGRESSIVE = 0xC2;
    static final int SOF_LOSSLESS = 0xC3;

    /** Number of components in the frame. */
    int components() {
        return componentIds.length;
    }

    /**
     * Whether a 3-component stream holds YCbCr that the codec leaves untransformed in its raster: an Adobe
     * marker says so explicitly; else JFIF implies YCbCr; else components named 'R','G','B' mean RGB; else
     * the DICOM header's photometric interpretation decides, as PS3.5 8.2.1 requires it to describe the stream.
     */
    boolean isYCbCr(String headerPhotometric) {
        if (adobeTransform >= 0) {
            return adobeTransform == 1;
        }
        if (jfif) {
            return true;
        }
        if (componentIds.length == 3 && componentIds[0] == 'R' && componentIds[1] == 'G'
                && componentIds[2] == 'B') {
            return false;
        }
        return headerPhotometric != null && headerPhotometric.trim().startsWith("YBR");
    }

    /** Parses the markers from SOI up to the first SOS. */
    static JpegHeader parse(byte[] s, String transferSyntaxUid) throws DicomException {
        if (s.length < 4 || (s[0] & 0xFF) != 0xFF || (s[1] & 0xFF) != 0xD8) {
            throw DecodeErrors.corrupt(transferSyntaxUid, "frame does not start with a JPEG SOI marker");
        }
        int pos = 2;
        int sof = -1;
        int precision = 0;
        int rows = 0;
        int columns = 0;
        int[] ids = null;
        boolean jfif = false;
        int adobe = -1;
        while (true) {
            // libjpeg skips stray bytes between segments (with a warning), and fill bytes 0xFF before a marker
            while (pos < s.length && (s[pos] & 0xFF) != 0xFF) {
                pos++;
            }
            while (pos + 1 < s.length && (s[pos + 1] & 0xFF) == 0xFF) {
                pos++;
            }
            if (pos + 4 > s.length || (s[pos] & 0xFF) != 0xFF) {
                throw DecodeErrors.corrupt(transferSyntaxUid, "JPEG marker expected at offset " + pos
                        + " before the first scan (stream truncated or corrupt)");
            }
            int marker = s[pos + 1] & 0xFF;
            int length = u16(s, pos + 2);
            int body = pos + 4;
            if (length < 2 || pos + 2 + length > s.length) {
                throw DecodeErrors.corrupt(transferSyntaxUid, "JPEG marker segment 0xFF"
                        + Integer.toHexString(marker).toUpperCase() + " at offset " + pos
                        + " runs past the end of the frame");
            }
            if (marker == 0xDA) {
                break;
            }
            if (isSof(marker)) {
                if (length < 8) {
                    throw DecodeErrors.corrupt(transferSyntaxUid, "JPEG frame header too short");
                }
                sof = marker;
                precision = s[body] & 0xFF;
                rows = u16(s, body + 1);
                columns = u16(s, body + 3);
                int count = s[body + 5] & 0xFF;
                if (length != 8 + 3 * count) {
                    throw DecodeErrors.corrupt(transferSyntaxUid, "JPEG frame header length " + length
                            + " does not match its " + count + " components");
                }
                ids = new int[count];
                for (int c = 0; c < count; c++) {
                    ids[c] = s[body + 6 + 3 * c] & 0xFF;
                }
            } else if (marker == 0xE0 && startsWith(s, body, length - 2, "JFIF\0")) {
                jfif = true;
            } else if (marker == 0xEE && length >= 14 && startsWith(s, body, length - 2, "Adobe")) {
                adobe = s[body + 11] & 0xFF;
            }
            pos += 2 + length;
        }
        if (sof < 0) {
            throw DecodeErrors.corrupt(transferSyntaxUid, "no JPEG frame header (SOF marker) before the first scan");
        }
        return new JpegHeader(sof, precision, rows, columns, ids, jfif, adobe);
    }

    private static boolean isSof(int marker) {
        // C4 (DHT), C8 (JPG) and CC (DAC) share the range but are not frame headers
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    private static boolean startsWith(byte[] s, int at, int available, String ascii) {
        if (available < ascii.length()) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (s[at + i] != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the stream ends with an EOI marker (trailing 0x00/0xFF padding allowed). */
    static boolean endsWithEoi(byte[] s) {
        int end = s.length;
        // fragments are padded to even length, with 0x00 or (by some writers) 0xFF
        while (end > 2 && (s[end - 1] == 0 || s[end - 1] == (byte) 0xFF)) {
            end--;
        }
        return end >= 2 && (s[end - 2] & 0xFF) == 0xFF && (s[end - 1] & 0xFF) == 0xD9;
    }
}
