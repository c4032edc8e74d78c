package org.mammoembed.dicom.codec;

/**
 * Reads Huffman-coded bits from a JPEG entropy-coded segment (ISO 10918-1 F.2.2): removes the 0x00 stuffed
 * after 0xFF, stops at markers, and decodes with tables built from DHT lists. Used by
 * {@link SequentialDctDecoder}. Running past the data is reported, never an index error.
 */
final class JpegEntropyReader {
    /** Thrown when the coded data is inconsistent; the caller turns it into a DicomException. */
    static final class CorruptData extends Exception {
        private static final long serialVersionUID = 1L;

        CorruptData(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * A Huffman table in the F.2.2.3 form (per code length, the largest code and where its values start), with
     * each value's code and code length (Annex C's HUFFCODE and HUFFSIZE) for decoders that build a lookahead.
     */
    static final class Table {
        /** Largest code of each length 1..16 (-1 when none), then a sentinel at 17. */
        final int[] maxCode = new int[18];
        /** Index into {@link #values} of the codes of each length, minus the first code of that length. */
        final int[] valueOffset = new int[17];
        /** HUFFVAL, in code order. */
        final int[] values;
        /** The code of {@code values[k]}, and its length in bits. */
        final int[] codes;
        final int[] lengths;

        /**
         * @param counts BITS: number of codes of each length 1..16; @param values HUFFVAL
         * @throws CorruptData when a length has more codes than its bits can hold (libjpeg's "bogus Huffman table")
         */
        Table(int[] counts, int[] values) throws CorruptData {
            this.values = values;
            this.codes = new int[values.length];
            this.lengths = new int[values.length];
            int code = 0;
            int k = 0;
            for (int length = 1; length <= 16; length++) {
                int n = counts[length - 1];
                valueOffset[length] = k - code;
                maxCode[length] = n == 0 ? -1 : code + n - 1;
                for (int i = 0; i < n; i++, code++, k++) {
                    if (code >= 1 << length) {
                        throw new CorruptData("JPEG Huffman table has more codes of " + length
                                + " bits than fit");
                    }
                    codes[k] = code;
                    lengths[k] = length;
                }
                code <<= 1;
            }
            maxCode[17] = Integer.MAX_VALUE;
        }
    }

    private final byte[] data;
    private int pos;
    private final int end;
    private int bitBuffer;
    private int bitCount;

    JpegEntropyReader(byte[] data, int from, int end) {
        this.data = data;
        this.pos = from;
        this.end = end;
    }

    /** Position just after the consumed entropy-coded bytes. */
    int position() {
        return pos;
    }

    private int bit() throws CorruptData {
        if (bitCount == 0) {
            if (pos >= end) {
                throw new CorruptData("JPEG entropy-coded data ends early (truncated)");
            }
            int b = data[pos] & 0xFF;
            if (b == 0xFF) {
                if (pos + 1 >= end || data[pos + 1] != 0) {
                    // libjpeg decodes zeros from here and only warns; a valid encoder never leaves a scan short
                    throw new CorruptData("JPEG entropy-coded data ends early at a marker (truncated or corrupt)");
                }
                pos += 2;
            } else {
                pos++;
            }
            bitBuffer = b;
            bitCount = 8;
        }
        bitCount--;
        return (bitBuffer >> bitCount) & 1;
    }

    /** Decodes one Huffman symbol. */
    int decode(Table table) throws CorruptData {
        int code = bit();
        int length = 1;
        while (code > table.maxCode[length]) {
            code = (code << 1) | bit();
            if (++length > 16) {
                throw new CorruptData("invalid Huffman code in JPEG data");
            }
        }
        int index = code + table.valueOffset[length];
        if (index < 0 || index >= table.values.length) {
            throw new CorruptData("Huffman code outside its table in JPEG data");
        }
        return table.values[index];
    }

    /** RECEIVE and EXTEND (F.2.2.1): the signed value of the next {@code size} bits. */
    int receiveExtend(int size) throws CorruptData {
        if (size == 0) {
            return 0;
        }
        if (size > 16) {
            throw new CorruptData("JPEG coefficient of " + size + " bits is out of range");
        }
        int v = 0;
        for (int i = 0; i < size; i++) {
            v = (v << 1) | bit();
        }
        return v < (1 << (size - 1)) ? v - (1 << size) + 1 : v;
    }

    /**
     * At a restart interval's end: skips to the RSTn marker, checks it, and resets the bit buffer.
     *
     * @param expected 0..7, the restart marker number due
     */
    void restart(int expected) throws CorruptData {
        bitCount = 0;
        pos = afterRestartMarker(data, pos, end, expected);
    }

    /**
     * The position just after the next marker at or after {@code pos} (stuffed zeros and fill bytes are not
     * markers), which must be RST{@code expected}: what every decoder's restart does with the bytes.
     */
    static int afterRestartMarker(byte[] data, int pos, int end, int expected) throws CorruptData {
        while (pos + 1 < end && !((data[pos] & 0xFF) == 0xFF && data[pos + 1] != 0 && data[pos + 1] != (byte) 0xFF)) {
            pos++;
        }
        if (pos + 1 >= end || (data[pos + 1] & 0xFF) != 0xD0 + expected) {
            throw new CorruptData("JPEG restart marker RST" + expected + " missing");
        }
        return pos + 2;
    }
}
