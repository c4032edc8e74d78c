package org.mammoembed.dicom.codec;

import static org.mammoembed.dicom.codec.BigEndian.u16;
import static org.mammoembed.dicom.codec.BigEndian.u32;

import org.mammoembed.dicom.DicomException;

/**
 * The parts of a JPEG 2000 codestream (ISO 15444-1 Annex A) checked before decoding: the image size (SIZ),
 * whether the multiple component transform is used (COD), and that every tile-part lies inside the data and
 * the stream ends with EOC. JJ2000 reacts to a truncated stream by printing a stack trace and throwing
 * ThreadDeath, so truncation is caught here instead. A JP2 file's codestream is found in its 'jp2c' box.
 *
 * @param offset            where the codestream (SOC) starts in the frame
 * @param length            codestream length
 * @param rows              Ysiz - YOsiz
 * @param columns           Xsiz - XOsiz
 * @param components        Csiz
 * @param bitDepth          bit depth of component 0 (Ssiz & 0x7F, plus 1)
 * @param signed            whether component 0 is signed
 * @param subsampled        whether any component has XRsiz or YRsiz other than 1
 * @param componentTransform whether COD says the multiple component transform (ICT or RCT) is used
 */
record J2kCodestream(int offset, int length, int rows, int columns, int components, int bitDepth,
                     boolean signed, boolean subsampled, boolean componentTransform) {

    private static final int SOC = 0xFF4F;
    private static final int SIZ = 0xFF51;
    private static final int COD = 0xFF52;
    private static final int SOT = 0xFF90;
    private static final int SOD = 0xFF93;
    private static final int EOC = 0xFFD9;

    static J2kCodestream parse(byte[] frame, String ts) throws DicomException {
        int start = 0;
        int end = frame.length;
        if (isJp2(frame)) {
            int[] box = findCodestreamBox(frame, ts);
            start = box[0];
            end = box[1];
        }
        while (end > start + 2 && (frame[end - 1] == 0 || frame[end - 1] == (byte) 0xFF)) {
            end--; // even-length padding of the DICOM fragment: 0x00, or 0xFF from some writers
        }
        if (end - start < 4 || u16(frame, start) != SOC || u16(frame, start + 2) != SIZ) {
            throw DecodeErrors.corrupt(ts, "frame is neither a JPEG 2000 codestream (SOC, SIZ) nor a JP2 file");
        }
        int pos = start + 2;
        int rows = 0;
        int columns = 0;
        int components = 0;
        int depth = 0;
        boolean signed = false;
        boolean subsampled = false;
        Boolean transform = null;
        while (true) {
            if (pos + 4 > end) {
                throw DecodeErrors.corrupt(ts, "JPEG 2000 main header is truncated at offset " + (pos - start));
            }
            int marker = u16(frame, pos);
            if (marker == SOT) {
                break;
            }
            int length = u16(frame, pos + 2);
            if ((marker & 0xFF00) != 0xFF00 || length < 2 || pos + 2 + length > end) {
                throw DecodeErrors.corrupt(ts, "JPEG 2000 main header is corrupt at offset " + (pos - start));
            }
            int body = pos + 4;
            if (marker == SIZ) {
                if (length < 41) {
                    throw DecodeErrors.corrupt(ts, "JPEG 2000 SIZ segment too short");
                }
                long xsiz = u32(frame, body + 2);
                long ysiz = u32(frame, body + 6);
                long xo = u32(frame, body + 10);
                long yo = u32(frame, body + 14);
                components = u16(frame, body + 34);
                if (length != 38 + 3 * components || xsiz <= xo || ysiz <= yo
                        || xsiz - xo > Integer.MAX_VALUE || ysiz - yo > Integer.MAX_VALUE) {
                    throw DecodeErrors.corrupt(ts, "JPEG 2000 SIZ segment is inconsistent");
                }
                columns = (int) (xsiz - xo);
                rows = (int) (ysiz - yo);
                int ssiz = frame[body + 36] & 0xFF;
                depth = (ssiz & 0x7F) + 1;
                signed = (ssiz & 0x80) != 0;
                for (int c = 0; c < components; c++) {
                    subsampled |= frame[body + 37 + 3 * c] != 1 || frame[body + 38 + 3 * c] != 1;
                }
            } else if (marker == COD && length >= 12) {
                transform = (frame[body + 4] & 0xFF) != 0;
            }
            pos += 2 + length;
        }
        if (transform == null) {
            throw DecodeErrors.corrupt(ts, "JPEG 2000 main header has no COD segment");
        }
        checkTileParts(frame, pos, end, start, ts);
        return new J2kCodestream(start, end - start, rows, columns, components, depth, signed, subsampled,
                transform);
    }

    /** Walks SOT segments by their Psot lengths; the last tile-part must end at the EOC marker. */
    private static void checkTileParts(byte[] frame, int pos, int end, int start, String ts) throws DicomException {
        int eoc = end - 2;
        if (u16(frame, eoc) != EOC) {
            throw DecodeErrors.corrupt(ts, "JPEG 2000 codestream does not end with EOC (truncated)");
        }
        while (pos < eoc) {
            if (pos + 12 > eoc || u16(frame, pos) != SOT) {
                throw DecodeErrors.corrupt(ts, "JPEG 2000 tile-part expected at offset " + (pos - start));
            }
            long psot = u32(frame, pos + 6);
            if (psot != 0 && (psot < 14 || pos + psot > eoc)) {
                throw DecodeErrors.corrupt(ts, "JPEG 2000 tile-part at offset " + (pos - start) + " declares "
                        + psot + " bytes, more than the codestream holds (truncated)");
            }
            int tilePartEnd = psot == 0 ? eoc : pos + (int) psot; // Psot 0: the last tile-part runs to EOC
            checkPacketData(frame, pos, tilePartEnd, start, ts);
            pos = tilePartEnd;
        }
    }

    /**
     * Finds SOD after the tile-part header and refuses packet data holding 0xFF 0xFF. Bit stuffing keeps every
     * marker code (0xFF90-0xFFFF) out of valid packet headers and code-block data, and JJ2000's packet header bit
     * reader, on meeting 0xFF followed by 0xFF, keeps re-reading the same byte without consuming input: a loop that
     * counts 1-bits ("while (readBit() != 0) lblock++") then never ends.
     */
    private static void checkPacketData(byte[] frame, int tilePart, int end, int start, String ts)
            throws DicomException {
        int pos = tilePart + 12;
        while (true) {
            if (pos + 2 > end) {
                throw DecodeErrors.corrupt(ts, "JPEG 2000 tile-part at offset " + (tilePart - start)
                        + " has no SOD marker");
            }
            int marker = u16(frame, pos);
            if (marker == SOD) {
                break;
            }
            int length = pos + 4 <= end ? u16(frame, pos + 2) : 0;
            if ((marker & 0xFF00) != 0xFF00 || length < 2 || pos + 2 + length > end) {
                throw DecodeErrors.corrupt(ts, "JPEG 2000 tile-part header is corrupt at offset " + (pos - start));
            }
            pos += 2 + length;
        }
        for (int i = pos + 2; i + 1 < end; i++) {
            if (frame[i] == (byte) 0xFF && frame[i + 1] == (byte) 0xFF) {
                throw DecodeErrors.corrupt(ts, "JPEG 2000 packet data at offset " + (i - start)
                        + " hold the marker code 0xFFFF, which valid packet data never contain");
            }
        }
    }

    private static boolean isJp2(byte[] f) {
        return f.length >= 12 && u32(f, 0) == 12 && u32(f, 4) == 0x6A502020L;
    }

    /** [start, end) of the contents of the top-level 'jp2c' box. */
    private static int[] findCodestreamBox(byte[] f, String ts) throws DicomException {
        int pos = 0;
        while (pos + 8 <= f.length) {
            long size = u32(f, pos);
            long type = u32(f, pos + 4);
            int header = 8;
            if (size == 1) {
                if (pos + 16 > f.length || u32(f, pos + 8) != 0) {
                    break;
                }
                size = u32(f, pos + 12);
                header = 16;
            } else if (size == 0) {
                size = f.length - pos;
            }
            if (size < header || pos + size > f.length) {
                break;
            }
            if (type == 0x6A703263L) {
                return new int[] {pos + header, (int) (pos + size)};
            }
            pos += (int) size;
        }
        throw DecodeErrors.corrupt(ts, "JP2 file has no complete codestream ('jp2c') box");
    }
}
