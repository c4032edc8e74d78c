package org.mammoembed.dicom.codec;

import java.io.ByteArrayOutputStream;

/**
 * Test helper: writes lossless JPEG (ISO 10918-1 process 14, SOF3) with any predictor, point transform,
 * precision, restart interval and number of components, interleaved or one scan per component, so that the
 * decoder is tested on streams no corpus file has. Two Huffman tables: {@link #SHORT_CODES} (small
 * differences get short codes, so the decoder's lookahead resolves them) and {@link #LONG_CODES} (small
 * differences get codes of up to 16 bits, so the decoder's slow path runs).
 */
final class LosslessJpegWriter {
    /** Code lengths per category 0..16. */
    static final int[] SHORT_CODES = {3, 3, 3, 3, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9};
    static final int[] LONG_CODES = {16, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 16};

    int precision = 16;
    int predictor = 1;
    int pointTransform;
    int restartInterval;
    boolean interleaved = true;
    int[] codeLengths = SHORT_CODES;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int[] codes;
    private int[] sizes;
    private int bitBuffer;
    private int bitCount;

    /** @param samples interleaved, rows * columns * components */
    byte[] write(int[] samples, int rows, int columns, int components) {
        out.reset();
        marker(0xD8);
        segment(0xC3, frameHeader(rows, columns, components));
        segment(0xC4, huffmanTable());
        if (restartInterval > 0) {
            segment(0xDD, new byte[] {(byte) (restartInterval >> 8), (byte) restartInterval});
        }
        if (interleaved) {
            scan(samples, rows, columns, components, allComponents(components));
        } else {
            for (int c = 0; c < components; c++) {
                scan(samples, rows, columns, components, new int[] {c});
            }
        }
        marker(0xD9);
        return out.toByteArray();
    }

    private static int[] allComponents(int n) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        return all;
    }

    private byte[] frameHeader(int rows, int columns, int components) {
        byte[] h = new byte[6 + 3 * components];
        h[0] = (byte) precision;
        h[1] = (byte) (rows >> 8);
        h[2] = (byte) rows;
        h[3] = (byte) (columns >> 8);
        h[4] = (byte) columns;
        h[5] = (byte) components;
        for (int c = 0; c < components; c++) {
            h[6 + 3 * c] = (byte) (c + 1);
            h[7 + 3 * c] = 0x11;
        }
        return h;
    }

    /** Canonical codes (K.2 order: by length, then by category) for {@link #codeLengths}. */
    private byte[] huffmanTable() {
        codes = new int[17];
        sizes = codeLengths.clone();
        ByteArrayOutputStream t = new ByteArrayOutputStream();
        t.write(0x00);
        ByteArrayOutputStream values = new ByteArrayOutputStream();
        int code = 0;
        for (int length = 1; length <= 16; length++) {
            int count = 0;
            for (int category = 0; category <= 16; category++) {
                if (codeLengths[category] == length) {
                    codes[category] = code++;
                    values.write(category);
                    count++;
                }
            }
            t.write(count);
            code <<= 1;
        }
        t.writeBytes(values.toByteArray());
        return t.toByteArray();
    }

    private void scan(int[] samples, int rows, int columns, int nf, int[] comps) {
        byte[] h = new byte[4 + 2 * comps.length];
        h[0] = (byte) comps.length;
        for (int i = 0; i < comps.length; i++) {
            h[1 + 2 * i] = (byte) (comps[i] + 1);
        }
        h[1 + 2 * comps.length] = (byte) predictor;
        h[3 + 2 * comps.length] = (byte) pointTransform;
        segment(0xDA, h);
        int mcus = 0;
        int rst = 0;
        int lineOfInterval = 0;
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < columns; x++) {
                if (restartInterval > 0 && mcus > 0 && mcus % restartInterval == 0) {
                    flush();
                    marker(0xD0 + (rst++ & 7));
                    lineOfInterval = 0;
                }
                for (int c : comps) {
                    int v = sample(samples, y, x, c, columns, nf);
                    int pred = predict(samples, y, x, c, columns, nf, lineOfInterval == 0);
                    int d = (v - pred) & 0xFFFF;
                    put(d >= 32768 ? d - 65536 : d);
                }
                mcus++;
            }
            lineOfInterval++;
        }
        flush();
    }

    private int sample(int[] s, int y, int x, int c, int columns, int nf) {
        return s[(y * columns + x) * nf + c] >> pointTransform;
    }

    private int predict(int[] s, int y, int x, int c, int columns, int nf, boolean firstLine) {
        if (firstLine && x == 0) {
            return 1 << (precision - pointTransform - 1);
        }
        if (firstLine) {
            return sample(s, y, x - 1, c, columns, nf);
        }
        int rb = sample(s, y - 1, x, c, columns, nf);
        if (x == 0) {
            return rb;
        }
        int ra = sample(s, y, x - 1, c, columns, nf);
        int rc = sample(s, y - 1, x - 1, c, columns, nf);
        return switch (predictor) {
            case 1 -> ra;
            case 2 -> rb;
            case 3 -> rc;
            case 4 -> ra + rb - rc;
            case 5 -> ra + ((rb - rc) >> 1);
            case 6 -> rb + ((ra - rc) >> 1);
            default -> (ra + rb) >> 1;
        };
    }

    private void put(int d) {
        if (d == -32768) {
            bits(codes[16], sizes[16]);
            return;
        }
        int category = 32 - Integer.numberOfLeadingZeros(Math.abs(d));
        bits(codes[category], sizes[category]);
        if (category > 0) {
            bits(d < 0 ? d + (1 << category) - 1 : d, category);
        }
    }

    private void bits(int value, int count) {
        for (int i = count - 1; i >= 0; i--) {
            bitBuffer = bitBuffer << 1 | (value >> i & 1);
            if (++bitCount == 8) {
                out.write(bitBuffer);
                if ((bitBuffer & 0xFF) == 0xFF) {
                    out.write(0);
                }
                bitBuffer = 0;
                bitCount = 0;
            }
        }
    }

    /** Pads the last byte with 1-bits (F.1.2.3). */
    private void flush() {
        while (bitCount != 0) {
            bits(1, 1);
        }
    }

    private void marker(int m) {
        out.write(0xFF);
        out.write(m);
    }

    private void segment(int m, byte[] body) {
        marker(m);
        out.write((body.length + 2) >> 8);
        out.write(body.length + 2);
        out.writeBytes(body);
    }
}
