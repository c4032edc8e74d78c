package org.mammoembed.dicom.codec;

import static org.mammoembed.dicom.codec.BigEndian.u16;

import org.mammoembed.dicom.DicomException;

/**
 * A cursor over a JPEG stream's marker segments (ITU-T T.81 B.1.1.4), shared by the sequential DCT and the
 * lossless decoders, which handle different markers: from after SOI to EOI, skipping stray and fill bytes between
 * segments as libjpeg and {@link JpegHeader} do, checking that each segment lies inside the stream, and stopping
 * at a lone marker at the very end (a truncated trailer, after which nothing is left to decode).
 *
 * <pre>{@code
 * JpegSegments seg = new JpegSegments(s, ts);
 * while (seg.next()) {
 *     switch (seg.marker()) { ... case 0xDA -> seg.resumeAt(readScan(s, seg.body(), seg.end())); ... }
 * }
 * }</pre>
 */
final class JpegSegments {
    private final byte[] s;
    private final String ts;
    private int resume = 2;
    private int marker;
    private int body;
    private int end;

    JpegSegments(byte[] s, String ts) {
        this.s = s;
        this.ts = ts;
    }

    /**
     * Moves to the next segment: false at EOI or where the stream ends.
     *
     * @throws DicomException (corrupt) when the segment's length runs past the stream
     */
    boolean next() throws DicomException {
        int pos = resume;
        while (pos + 1 < s.length) {
            if ((s[pos] & 0xFF) != 0xFF || (s[pos + 1] & 0xFF) == 0xFF) {
                pos++; // stray or fill byte between segments
                continue;
            }
            marker = s[pos + 1] & 0xFF;
            if (marker == 0xD9 || pos + 4 > s.length) {
                return false;
            }
            int length = u16(s, pos + 2);
            body = pos + 4;
            end = pos + 2 + length;
            if (length < 2 || end > s.length) {
                throw DecodeErrors.corrupt(ts, "JPEG marker segment at offset " + pos + " runs past the frame");
            }
            resume = end;
            return true;
        }
        return false;
    }

    /** The current segment's marker (the byte after 0xFF). */
    int marker() {
        return marker;
    }

    /** First byte after the current segment's length field. */
    int body() {
        return body;
    }

    /** First byte after the current segment. */
    int end() {
        return end;
    }

    /** Where the next segment is looked for instead of {@link #end()}: past a scan's entropy-coded data. */
    void resumeAt(int pos) {
        resume = pos;
    }
}
