package org.mammoembed.dicom.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Reads the Huffman-coded differences of a lossless JPEG scan (ISO 10918-1 H.1.2.2), a row at a time, through
 * a 64-bit bit buffer and {@link LosslessHuffmanTable}'s lookahead. Removes the 0x00 stuffed after 0xFF and
 * stops at markers; past a marker (or the end of the data) it feeds zero bits, as libjpeg does, but counts
 * them, so that a scan that needs them is reported as truncated instead of decoded from invented bits.
 */
final class LosslessBitReader {
    private static final VarHandle BIG_ENDIAN_LONG = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.BIG_ENDIAN);
    // a byte of x is 0xFF exactly when that byte of ~x is zero: the classic has-a-zero-byte test on ~x
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;
    private final byte[] data;
    private final int end;
    private int pos;
    /**
     * Unread bits, left-aligned: the next bit is bit 63, and the bits below the first {@link #bits} are 0. Aligned
     * this way, a lookahead window is one constant shift away and a code is consumed by one shift, which keeps the
     * chain from one code to the next short.
     */
    private long acc;
    private int bits;
    /** How many of the last of the {@link #bits} unread bits were invented past a marker or the end. */
    private int padBits;

    LosslessBitReader(byte[] data, int from, int end) {
        this.data = data;
        this.pos = from;
        this.end = end;
    }

    /** Position of the first byte not yet taken into the bit buffer. */
    int position() {
        return pos;
    }

    /**
     * Decodes {@code n} differences into {@code out[off..off+n)}; difference i uses {@code tables[i % ns]}
     * (the components of an interleaved scan take turns).
     */
    void decode(int[] out, int off, int n, LosslessHuffmanTable[] tables, int ns)
            throws JpegEntropyReader.CorruptData {
        if (ns == 1) {
            decodeOneTable(out, off, n, tables[0]);
            return;
        }
        for (int i = 0; i < n; i += ns) {
            for (int c = 0; c < ns; c++) {
                decodeOneTable(out, off + i + c, 1, tables[c]);
            }
        }
        checkNotPastEnd();
    }

    private void decodeOneTable(int[] out, int off, int n, LosslessHuffmanTable table)
            throws JpegEntropyReader.CorruptData {
        final int[] lookup = table.lookup;
        final int window = 64 - table.lookahead;
        long a = acc;
        int b = bits;
        for (int i = off, last = off + n; i < last; i++) {
            if (b < 32) {
                acc = a;
                bits = b;
                refill();
                a = acc;
                b = bits;
            }
            int e = lookup[(int) (a >>> window)];
            if ((e & LosslessHuffmanTable.DONE) != 0) {
                if ((e & LosslessHuffmanTable.ZERO_RUN) == 0) {
                    int length = e & LosslessHuffmanTable.LENGTH_MASK;
                    a <<= length;
                    b -= length;
                    out[i] = e >> 8;
                    continue;
                }
                int run = e >>> 8 & 0xFF;
                if (last - i >= LosslessHuffmanTable.MAX_LOOKAHEAD) {
                    // zero differences: as many written as the largest lookahead holds (a fixed count, no
                    // unpredictable loop exit), those past the run overwritten by the differences that follow
                    for (int k = 0; k < LosslessHuffmanTable.MAX_LOOKAHEAD; k++) {
                        out[i + k] = 0;
                    }
                    int length = e & LosslessHuffmanTable.LENGTH_MASK;
                    a <<= length;
                    b -= length;
                    i += run - 1;
                    continue;
                }
                // near this call's last difference: none past it
                run = Math.min(run, last - i);
                int length = run * (e >>> 16);
                a <<= length;
                b -= length;
                for (int stop = i + run - 1; i < stop; i++) {
                    out[i] = 0;
                }
                out[i] = 0;
                continue;
            }
            int category;
            if (e != 0) {
                int length = e & LosslessHuffmanTable.LENGTH_MASK;
                a <<= length;
                b -= length;
                category = e >>> 8;
            } else {
                acc = a;
                bits = b;
                category = slowSymbol(table);
                a = acc;
                b = bits;
            }
            if (category == 16) {
                out[i] = 32768;
            } else if (category == 0) {
                out[i] = 0;
            } else {
                out[i] = LosslessHuffmanTable.extend((int) (a >>> (64 - category)), category);
                a <<= category;
                b -= category;
            }
        }
        acc = a;
        bits = b;
        checkNotPastEnd();
    }

    /** A code longer than the lookahead, one length at a time (F.2.2.3). */
    private int slowSymbol(LosslessHuffmanTable table) throws JpegEntropyReader.CorruptData {
        int length = table.lookahead + 1;
        int code = (int) (acc >>> (64 - length));
        while (code > table.codes.maxCode[length]) {
            if (++length > 16) {
                throw new JpegEntropyReader.CorruptData("invalid Huffman code in lossless JPEG data");
            }
            code = (int) (acc >>> (64 - length));
        }
        acc <<= length;
        bits -= length;
        int index = code + table.codes.valueOffset[length];
        if (index < 0 || index >= table.codes.values.length) {
            throw new JpegEntropyReader.CorruptData("Huffman code outside its table in lossless JPEG data");
        }
        return table.codes.values[index];
    }

    /**
     * Tops the buffer up to at least 56 bits, so that a code and its extra bits (at most 32) are there: called with
     * fewer than 32.
     */
    private void refill() {
        int take = (63 - bits) >>> 3;
        if (take > 0 && end - pos >= 8) {
            // the whole bytes that fit (56 to 63 bits in all), read at once when none of them is 0xFF (no stuffing,
            // no marker): one read instead of a loop of tests per byte, 0.8 to 0.9x the decoding time
            long next = (long) BIG_ENDIAN_LONG.get(data, pos) >>> (64 - 8 * take);
            long inverted = ~next;
            if (((inverted - ONES) & ~inverted & HIGH_BITS) == 0) {
                acc |= next << (64 - bits - 8 * take);
                bits += 8 * take;
                pos += take;
                return;
            }
        }
        while (bits <= 56) {
            int v = 0;
            if (pos < end) {
                v = data[pos] & 0xFF;
                if (v != 0xFF) {
                    pos++;
                } else if (pos + 1 < end && data[pos + 1] == 0) {
                    pos += 2;
                } else {
                    v = 0; // a marker: stay in front of it
                    padBits += 8;
                }
            } else {
                padBits += 8;
            }
            acc |= (long) v << (56 - bits);
            bits += 8;
        }
    }

    /** Whether the differences decoded so far used bits that are not in the data. */
    private void checkNotPastEnd() throws JpegEntropyReader.CorruptData {
        if (bits < padBits) {
            throw new JpegEntropyReader.CorruptData(pos >= end
                    ? "lossless JPEG entropy-coded data ends early (truncated)"
                    : "lossless JPEG entropy-coded data ends early at a marker (truncated or corrupt)");
        }
    }

    /**
     * At a restart interval's end: drops the buffered bits, skips to the RSTn marker, checks it.
     *
     * @param expected 0..7, the restart marker number due
     */
    void restart(int expected) throws JpegEntropyReader.CorruptData {
        checkNotPastEnd();
        acc = 0;
        bits = 0;
        padBits = 0;
        pos = JpegEntropyReader.afterRestartMarker(data, pos, end, expected);
    }
}
