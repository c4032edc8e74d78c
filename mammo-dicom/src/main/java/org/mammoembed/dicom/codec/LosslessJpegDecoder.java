package org.mammoembed.dicom.codec;

import static org.mammoembed.dicom.codec.BigEndian.u16;

import org.mammoembed.core.FrameBuffers;
import org.mammoembed.dicom.DicomException;

/**
 * Our own decoder for lossless JPEG with Huffman coding (ISO 10918-1 process 14, SOF3, Annex H): predictors
 * 1 to 7 (selection value of each scan), point transform, restart intervals, 2 to 16 bits, one or more
 * components in interleaved or separate scans. Bit-exact with libjpeg's lossless decoder: predictions and
 * reconstruction in 16-bit modular arithmetic (H.1.2.1), the first line of the scan and of every restart interval
 * predicted from the left, its first sample from 2^(P-Pt-1).
 *
 * <p>What it does not do, it reports with {@link NotHandled} before decoding anything, so that the caller can
 * fall back to another decoder: subsampled components, a DNL-defined number of lines, and restart intervals that
 * are not a whole number of lines (which T.81 H.1.1 does not allow, but some encoders write).
 */
final class LosslessJpegDecoder {
    /** The stream is valid lossless JPEG in a form this decoder leaves to another one. */
    static final class NotHandled extends Exception {
        private static final long serialVersionUID = 1L;

        NotHandled(String message) {
            super(message, null, false, false);
        }
    }

    private final String ts;
    private final FrameBuffers buffers;
    private final LosslessHuffmanTable[] tables = new LosslessHuffmanTable[4];
    private int precision;
    private int rows;
    private int columns;
    private int[] componentIds;
    private boolean[] componentDecoded;
    private int restartInterval;
    private short[] samples;

    private LosslessJpegDecoder(String ts, FrameBuffers buffers) {
        this.ts = ts;
        this.buffers = buffers;
    }

    /**
     * Decodes {@code s} (SOI up to EOI; a missing EOI is tolerated when the scans are complete) to interleaved
     * samples, rows * columns * components of them, as {@code header} (already parsed and checked against the
     * DICOM header) describes: 16-bit words, since the reconstruction is modulo 2^16 (H.1.2.1), in an array of
     * {@code buffers} (null: a new one). Every word is written: a stream whose scans leave a component out is refused.
     */
    static short[] decode(byte[] s, JpegHeader header, String transferSyntaxUid, FrameBuffers buffers)
            throws DicomException, NotHandled {
        if (header.rows() == 0) {
            throw new NotHandled("number of lines defined by a DNL marker");
        }
        LosslessJpegDecoder d = new LosslessJpegDecoder(transferSyntaxUid, buffers);
        try {
            d.readStream(s);
        } catch (JpegEntropyReader.CorruptData e) {
            throw DecodeErrors.corrupt(transferSyntaxUid, e.getMessage());
        } catch (RuntimeException e) {
            // bounds of a malformed segment: report, never escape
            throw DecodeErrors.fromPlugin(transferSyntaxUid, "lossless JPEG decoding", e);
        }
        return d.samples;
    }

    private void readStream(byte[] s) throws DicomException, NotHandled, JpegEntropyReader.CorruptData {
        int scans = 0;
        JpegSegments seg = new JpegSegments(s, ts);
        while (seg.next()) {
            int body = seg.body();
            int end = seg.end();
            switch (seg.marker()) {
                case 0xC4 -> readHuffmanTables(s, body, end);
                case 0xDD -> restartInterval = end - body >= 2 ? u16(s, body) : 0;
                case 0xC3 -> readFrame(s, body, end - body + 2);
                case 0xDA -> {
                    seg.resumeAt(readScan(s, body, end));
                    scans++;
                }
                default -> {
                    int marker = seg.marker();
                    if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
                        throw DecodeErrors.corrupt(ts, "a second JPEG frame header (marker 0xFF"
                                + Integer.toHexString(marker).toUpperCase() + ") in a lossless stream");
                    }
                }
            }
        }
        if (scans == 0) {
            throw DecodeErrors.corrupt(ts, "JPEG stream has no scan");
        }
        for (int c = 0; c < componentDecoded.length; c++) {
            if (!componentDecoded[c]) {
                throw DecodeErrors.corrupt(ts, "JPEG component " + componentIds[c] + " is in no scan");
            }
        }
    }

    private void readHuffmanTables(byte[] s, int pos, int end) throws DicomException,
            JpegEntropyReader.CorruptData {
        HuffmanTableSegment.<JpegEntropyReader.CorruptData>read(s, pos, end, 0, ts,
                (tc, th, counts, values) -> tables[th] = new LosslessHuffmanTable(counts, values));
    }

    private void readFrame(byte[] s, int pos, int length) throws DicomException, NotHandled {
        if (samples != null) {
            throw DecodeErrors.corrupt(ts, "a second JPEG frame header in one frame");
        }
        precision = s[pos] & 0xFF;
        rows = u16(s, pos + 1);
        columns = u16(s, pos + 3);
        int count = s[pos + 5] & 0xFF;
        if (precision < 2 || precision > 16 || columns == 0 || count == 0 || length != 8 + 3 * count) {
            throw DecodeErrors.corrupt(ts, "lossless JPEG frame header is invalid (precision " + precision + ", "
                    + rows + " x " + columns + ", " + count + " components)");
        }
        if (rows == 0) {
            throw new NotHandled("number of lines defined by a DNL marker");
        }
        componentIds = new int[count];
        componentDecoded = new boolean[count];
        for (int i = 0; i < count; i++) {
            componentIds[i] = s[pos + 6 + 3 * i] & 0xFF;
            int sampling = s[pos + 7 + 3 * i] & 0xFF;
            if (sampling != 0x11) {
                throw new NotHandled("subsampled components");
            }
        }
        // JpegDecoder has checked rows x columns x components against the DICOM header (and its size budget)
        samples = DecodedFrame.newWords(buffers, Math.multiplyExact(Math.multiplyExact(rows, columns), count));
    }

    /** Decodes one scan; returns the offset just after its entropy-coded data. */
    private int readScan(byte[] s, int pos, int end) throws DicomException, NotHandled,
            JpegEntropyReader.CorruptData {
        if (samples == null) {
            throw DecodeErrors.corrupt(ts, "JPEG scan before the frame header");
        }
        int ns = s[pos] & 0xFF;
        if (ns < 1 || ns > componentIds.length || end != pos + 4 + 2 * ns) {
            throw DecodeErrors.corrupt(ts, "JPEG scan header is malformed");
        }
        int[] offsets = new int[ns];
        LosslessHuffmanTable[] scanTables = new LosslessHuffmanTable[ns];
        for (int i = 0; i < ns; i++) {
            int id = s[pos + 1 + 2 * i] & 0xFF;
            int td = (s[pos + 2 + 2 * i] & 0xFF) >> 4;
            offsets[i] = componentIndex(id);
            if (componentDecoded[offsets[i]]) {
                throw DecodeErrors.corrupt(ts, "JPEG component " + id + " is in two scans");
            }
            componentDecoded[offsets[i]] = true;
            scanTables[i] = tables[td];
            if (scanTables[i] == null) {
                throw DecodeErrors.corrupt(ts, "JPEG scan uses Huffman table " + td + ", which is not defined");
            }
        }
        int predictor = s[pos + 1 + 2 * ns] & 0xFF;
        int pointTransform = s[pos + 3 + 2 * ns] & 0x0F;
        if (predictor < 1 || predictor > 7 || pointTransform >= precision) {
            throw DecodeErrors.corrupt(ts, "lossless JPEG scan has predictor " + predictor + " and point transform "
                    + pointTransform + " (predictor 1..7, transform below the precision " + precision + ")");
        }
        int linesPerInterval = rows;
        if (restartInterval > 0) {
            if (restartInterval % columns != 0) {
                throw new NotHandled("restart interval of " + restartInterval + " samples in lines of " + columns);
            }
            linesPerInterval = restartInterval / columns;
        }
        LosslessBitReader in = new LosslessBitReader(s, end, s.length);
        new LosslessLines(samples, columns, componentIds.length, offsets, predictor,
                1 << (precision - pointTransform - 1))
                .decode(in, scanTables, rows, linesPerInterval);
        if (pointTransform > 0) {
            shiftLeft(offsets, pointTransform);
        }
        return in.position();
    }

    private void shiftLeft(int[] offsets, int bits) {
        int nf = componentIds.length;
        for (int offset : offsets) {
            for (int i = offset; i < samples.length; i += nf) {
                samples[i] = (short) (samples[i] << bits);
            }
        }
    }

    private int componentIndex(int id) throws DicomException {
        for (int c = 0; c < componentIds.length; c++) {
            if (componentIds[c] == id) {
                return c;
            }
        }
        throw DecodeErrors.corrupt(ts, "JPEG scan names component " + id + ", which is not in the frame");
    }
}
