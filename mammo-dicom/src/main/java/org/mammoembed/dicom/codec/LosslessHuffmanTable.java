package org.mammoembed.dicom.codec;

/**
 * A lossless-JPEG Huffman table (ISO 10918-1 H.1.2.2: the symbols are difference categories SSSS 0..16) with a
 * lookahead table, so that {@link LosslessBitReader} resolves most differences with one lookup instead of one
 * step per bit. For a code of at most {@link #lookahead} bits whose extra bits fit in the lookahead as well,
 * the entry holds the finished difference; for a longer pair it holds the code length and category; codes
 * longer than the lookahead take the canonical per-length path (F.2.2.3). Where the lookahead starts with two or
 * more codes of category 0 (a zero difference: a mammogram's background, row after row), the entry holds how many,
 * so that a run of background costs one lookup per lookahead instead of one per pixel.
 */
final class LosslessHuffmanTable {
    /** The fewest bits looked at in one lookup: 4,096 entries, which stay in the L1 cache. */
    static final int MIN_LOOKAHEAD = 12;
    /** The most bits looked at in one lookup (16,384 entries), and so the most zero differences one lookup holds. */
    static final int MAX_LOOKAHEAD = 14;
    /**
     * Of the code lengths' estimate of the lookups that find a code whose extra bits do not fit (which take the
     * slower path), a larger lookahead must save at least this share to be chosen.
     */
    private static final double WORTH_A_LARGER_TABLE = 0.01;
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

    /**
     * Bits looked at in one lookup, {@link #MIN_LOOKAHEAD} to {@link #MAX_LOOKAHEAD}, chosen by
     * {@link #lookaheadFor}. Why more than 12: with 12 bits, 11% of the corpus mammogram's lookups (its category 9
     * has a 4-bit code) found a code whose extra bits did not fit and took the slower path, and which path a
     * difference takes seems to be a coin toss to the branch predictor. With the 13 bits chosen for it, it decoded
     * in 0.86x the time in the pipeline (0.89-0.96x on one thread; 14 bits 0.87-0.93x). Why not always more: the
     * synthetic phantoms, whose long extra bits come with codes of 7 bits or more, gain nothing from it, and with 14
     * bits their lookups, spread over 64 KB instead of 16, took 1.18x the time in the pipeline (README, Benchmarks).
     */
    final int lookahead;
    final int[] lookup;
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
        lookahead = lookaheadFor(codes.lengths, symbols);
        lookup = new int[1 << lookahead];
        for (int k = 0; k < symbols.length; k++) {
            if (codes.lengths[k] <= lookahead) {
                fill(codes.codes[k], codes.lengths[k], symbols[k]);
            }
        }
        for (int k = 0; k < symbols.length; k++) {
            if (symbols[k] == 0 && 2 * codes.lengths[k] <= lookahead) {
                fillZeroRuns(codes.codes[k], codes.lengths[k]);
            }
        }
    }

    /**
     * The smallest lookahead whose share of unfinished lookups is within {@link #WORTH_A_LARGER_TABLE} of the
     * least: an encoder's Huffman code gives a category of frequency about 2^-length a code of that length, so
     * the share at {@code bits} is about the sum of 2^-length over the codes of at most {@code bits} bits whose
     * extra bits do not fit with them (a guess for a table not made from the image: then only speed suffers).
     */
    static int lookaheadFor(int[] lengths, int[] symbols) {
        double[] unfinished = new double[MAX_LOOKAHEAD + 1];
        double least = 1;
        for (int bits = MIN_LOOKAHEAD; bits <= MAX_LOOKAHEAD; bits++) {
            for (int k = 0; k < symbols.length; k++) {
                if (symbols[k] != 16 && lengths[k] <= bits && lengths[k] + symbols[k] > bits) {
                    unfinished[bits] += Math.scalb(1.0, -lengths[k]);
                }
            }
            least = Math.min(least, unfinished[bits]);
        }
        int bits = MIN_LOOKAHEAD;
        while (unfinished[bits] > least + WORTH_A_LARGER_TABLE) {
            bits++;
        }
        return bits;
    }

    /** Marks the lookahead windows that start with two or more copies of {@code code}, category 0's code. */
    private void fillZeroRuns(int code, int length) {
        int most = lookahead / length;
        for (int window = 0; window < lookup.length; window++) {
            int run = 0;
            while (run < most && (window >>> (lookahead - (run + 1) * length) & ((1 << length) - 1)) == code) {
                run++;
            }
            if (run >= 2) {
                lookup[window] = length << 16 | run << 8 | ZERO_RUN | VALID | DONE | run * length;
            }
        }
    }

    private void fill(int code, int length, int category) {
        int free = lookahead - length;
        if (category == 16) {
            // 32768: no extra bits follow (H.1.2.2)
            setRange(code << free, 1 << free, 32768 << 8 | VALID | DONE | length);
        } else if (length + category <= lookahead) {
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
