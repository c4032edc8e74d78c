package org.mammoembed.dicom.codec;

import static org.mammoembed.dicom.codec.BigEndian.u16;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Repairs the two stream defects that libjpeg (and so pydicom's Pillow handler and GDCM) reads past, so that we
 * decode what those readers decode:
 * <ul>
 *   <li>no EOI marker at the end: EOI is appended. Whether the scan data itself is complete is still checked
 *       by the decoder (libjpeg's "premature end" warning, our own decoders' bit accounting), so truncated
 *       scan data is still refused.</li>
 *   <li>an APPn or COM segment (which carry nothing the decoder needs) whose length does not end at a marker:
 *       libjpeg skips the declared length (nothing when it is below 2) and then the bytes up to the next marker.
 *       The segment's length is rewritten to end at that marker, which keeps every byte where it was and lets
 *       stricter parsers (ours, the plugin's) read the stream as libjpeg does. A length that runs past the end
 *       of the stream is left for the header parser to refuse, as libjpeg fails on it too.</li>
 * </ul>
 * The frame header, tables and scans are never changed: a bad length there is corruption and is refused by the
 * parsers. Repairs are described by marker and offset only, never by content.
 */
final class JpegStreamRepair {
    /** @param stream the repaired stream (the input itself when nothing was repaired) */
    record Result(byte[] stream, List<String> repairs, boolean eoiAppended) {
        boolean repaired() {
            return !repairs.isEmpty();
        }
    }

    private JpegStreamRepair() {
    }

    static Result repair(byte[] s) {
        if (s.length < 4 || (s[0] & 0xFF) != 0xFF || (s[1] & 0xFF) != 0xD8) {
            return new Result(s, List.of(), false); // not JPEG: the header parser refuses it
        }
        List<String> repairs = new ArrayList<>();
        byte[] out = s;
        int pos = 2;
        while (pos + 3 < s.length) {
            if ((s[pos] & 0xFF) != 0xFF || (s[pos + 1] & 0xFF) == 0xFF) {
                pos++;
                continue;
            }
            int marker = s[pos + 1] & 0xFF;
            if (marker == 0xDA || marker == 0xD9) {
                break;
            }
            int length = u16(s, pos + 2);
            int next = pos + 2 + length;
            boolean optional = marker >= 0xE0 && marker <= 0xEF || marker == 0xFE;
            if (!optional || length >= 2 && isMarkerAt(s, next)) {
                pos = Math.max(next, pos + 2);
                continue;
            }
            if (next > s.length) {
                break; // libjpeg runs out of data here too: the header parser reports the segment
            }
            // libjpeg skips the declared length (nothing when it is below 2) and then to the next marker
            int found = nextMarker(s, Math.max(next, pos + 4));
            int fixed = found - (pos + 2);
            if (found < 0 || fixed > 0xFFFF) {
                break;
            }
            if (out == s) {
                out = s.clone();
            }
            out[pos + 2] = (byte) (fixed >> 8);
            out[pos + 3] = (byte) fixed;
            repairs.add(String.format(Locale.ROOT, "%s segment at offset %d: its length did not end at the next"
                    + " marker; length rewritten to end there", name(marker), pos));
            pos = found;
        }
        boolean appendEoi = !JpegHeader.endsWithEoi(s);
        if (appendEoi) {
            out = Arrays.copyOf(out, out.length + 2);
            out[out.length - 2] = (byte) 0xFF;
            out[out.length - 1] = (byte) 0xD9;
            repairs.add("no EOI marker at the end: EOI appended");
        }
        return new Result(out, List.copyOf(repairs), appendEoi);
    }

    /** Whether a marker that may follow a header segment starts at {@code at}. */
    private static boolean isMarkerAt(byte[] s, int at) {
        return at + 1 < s.length && (s[at] & 0xFF) == 0xFF && isHeaderMarker(s[at + 1] & 0xFF);
    }

    private static boolean isHeaderMarker(int m) {
        return m >= 0xC0 && m <= 0xCF // SOFn, DHT, DAC
                || m == 0xDA || m == 0xDB || m == 0xDC || m == 0xDD || m == 0xDE || m == 0xDF // SOS DQT DNL DRI ...
                || m >= 0xE0 && m <= 0xEF || m == 0xFE || m == 0xFF; // APPn, COM, fill
    }

    private static int nextMarker(byte[] s, int from) {
        for (int i = from; i + 1 < s.length; i++) {
            if ((s[i] & 0xFF) == 0xFF && isHeaderMarker(s[i + 1] & 0xFF) && (s[i + 1] & 0xFF) != 0xFF) {
                return i;
            }
        }
        return -1;
    }

    private static String name(int marker) {
        return marker == 0xFE ? "COM" : "APP" + (marker - 0xE0);
    }
}
