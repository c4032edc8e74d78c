package org.mammoembed.dicom.codec;

/**
 * A lossless-JPEG Huffman table (ISO 10918-1 H.1.2.2: the symbols are difference categories SSSS 0..16) with a
 * lookahead table, so that {@link LosslessBitReader} resolves most differences with one lookup instead of one
 * step per bit. For a code of at most {@link #LOOKAHEAD} bits whose extra bits fit in the lookahead as well,
 * the entry holds the finished difference; for a longer pair it holds the code length and category; codes
 * longer than the lookahead take the canonical per-length path (F.2.2.3). Where the lookahead starts with two or
 * more codes of category 0 (a zero difference: a mammogram's background, row after row), the entry holds how many,
 * so that a run of background costs one lookup per {@value #LOOKAHEAD} bits instead of one per pixel.
 */
final class LosslessHuffmanTable {
    /**
     * Bits looked at in one lookup: 16,384 entries (64 KB). With 12 bits (4,096 entries, which stay in the L1
     * cache) 11% of a real mammogram's lookups found a code whose extra bits did not fit, and took the slower path;
     * which path a difference takes seems to be a coin toss to the branch predictor. 14 bits decoded the corpus
     * mammogram in 0.87-0.93x the time, and the synthetic phantoms in 0.80-1.03x; 13 bits 0.89-0.96x and
     * 1.04-1.05x, 16 bits (256 KB) 0.98x and 1.20x (one thread, both builds in one JVM; README, Benchmarks).
     */
    static final int LOOKAHEAD = 14;
    /** Entry flag: the entry is valid (an entry of 0 means "code longer than the lookahead"). */
    static final int VALID = 0x40;
    /** Entry flag: the entry holds the finished difference (bits 8 and up), not the category. */
    static final int DONE = 0x20;
    /**
     * Entry flag, with {@link #DONE}: the entry holds a run of zero differences: their count (bits 8 to 15, at least
     * 2), the length of each one's code (bits 16 and up) and, as its length, the bits of the whole run.
     */
    static final int ZERO_RUN = 0x80;
    /** Mask of the bits an entry consumes (code, plus the extra bits for a finished entry). */
    static final int LENGTH_MASK = 0x1F;

    final int[] lookup = new int[1 << LOOKAHEAD];
    /** The canonical decoding tables, for codes longer than the lookahead. */
    final JpegEntropyReader.Table codes;

    /**
     * @param counts  BITS: the number of codes of each length 1..16
     * @param symbols HUFFVAL, in code order
     * @throws JpegEntropyReader.CorruptData when the lists do not form a prefix code of categories 0..16
     */
    LosslessHuffmanTable(int[] counts, int[] symbols) throws JpegEntropyReader.CorruptData {
        for (int s : symbols) {
            if (s > 16) {
                throw new JpegEntropyReader.CorruptData("lossless JPEG Huffman table holds category " + s
                        + " (at most 16)");
            }
        }
        codes = new JpegEntropyReader.Table(counts, symbols);
        for (int k = 0; k < symbols.length; k++) {
            if (codes.lengths[k] <= LOOKAHEAD) {
                fill(codes.codes[k], codes.lengths[k], symbols[k]);
            }
        }
        for (int k = 0; k < symbols.length; k++) {
            if (symbols[k] == 0 && 2 * codes.lengths[k] <= LOOKAHEAD) {
                fillZeroRuns(codes.codes[k], codes.lengths[k]);
            }
        }
    }

    /** Marks the lookahead windows that start with two or more copies of {@code code}, category 0's code. */
    private void fillZeroRuns(int code, int length) {
        int most = LOOKAHEAD / length;
        for (int window = 0; window < lookup.length; window++) {
            int run = 0;
            while (run < most && (window >>> (LOOKAHEAD - (run + 1) * length) & ((1 << length) - 1)) == code) {
                run++;
            }
            if (run >= 2) {
                lookup[window] = length << 16 | run << 8 | ZERO_RUN | VALID | DONE | run * length;
            }
        }
    }

    private void fill(int code, int length, int category) {
        int free = LOOKAHEAD - length;
        if (category == 16) {
            // 32768: no extra bits follow (H.1.2.2)
            setRange(code << free, 1 << free, 32768 << 8 | VALID | DONE | length);
        } else if (length + category <= LOOKAHEAD) {
            int rest = free - category;
            for (int extra = 0; extra < 1 << category; extra++) {
                int diff = extend(extra, category);
                setRange(((code << category) | extra) << rest, 1 << rest,
                        diff << 8 | VALID | DONE | (length + category));
            }
        } else {
            setRange(code << free, 1 << free, category << 8 | VALID | length);
        }
    }

    private void setRange(int from, int count, int entry) {
        for (int i = 0; i < count; i++) {
            lookup[from + i] = entry;
        }
    }

    /** EXTEND (F.2.2.1): the signed difference of {@code size} extra bits. */
    static int extend(int bits, int size) {
        return size == 0 ? 0 : bits < 1 << (size - 1) ? bits - (1 << size) + 1 : bits;
    }
}
