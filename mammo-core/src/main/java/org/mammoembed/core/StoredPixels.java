package org.mammoembed.core;

import java.util.Arrays;
import java.util.Objects;

/**
 * The stored integer samples of a one-sample (grayscale) frame with the linear modality LUT that maps them:
 * {@code modality(s) = (float) (s * slope + intercept)}, computed in double and rounded once, exactly what the
 * reader's float pixels hold. Lets preprocessing rank and window the integers without a float image; the mapping
 * is monotonic (decreasing when the slope is negative), so order statistics of stored values map to those of
 * modality values.
 *
 * <p>Two backings, one meaning. {@link #StoredPixels(int[], int, boolean, double, double) ints} already masked and
 * sign-extended (what most codecs return), or {@link #ofWords 16-bit words} exactly as a native file holds them
 * (Bits Stored bits at High Bit, other bits ignored): a native 16-bit mammogram is then one bulk copy out of its
 * file, half the memory of ints, and no masking pass, since the per-pixel operations here ({@link #countInto},
 * {@link #lookUp}) extract each value as they read it. The reader's codecs of samples up to 16 bits (lossless JPEG,
 * JPEG-LS, RLE, OpenCV's JPEG 2000) deliver such words too.
 *
 * <p>The sample array is owned by this object and not copied (an ownership transfer, as
 * {@link DecodedImage#wrap}). Words lent by {@link FrameBuffers} go back to it when their image is recycled, and
 * the samples cannot be read after that ({@link IllegalStateException}).
 */
public final class StoredPixels {
    /** Widest Bits Stored accepted (the histogram then has {@code 2^bitsStored} bins). */
    public static final int MAX_BITS = 20;
    private static final int RUN_CHUNK = 512;

    private final int[] ints;
    private short[] words; // null once recycled into the FrameBuffers that lent it
    private final int size;
    // a word's value is ((word >> shift) & mask ^ sign) - sign: Bits Stored bits at High Bit, sign-extended when
    // sign != 0 (masks and xor, not variable shifts, which make the per-pixel loops twice as slow)
    private final int shift;
    private final int mask;
    private final int sign;
    private final int bitsStored;
    private final boolean signed;
    private final double slope;
    private final double intercept;

    /**
     * @param samples    stored values, masked to Bits Stored and sign-extended when signed
     * @param bitsStored 1 to {@value #MAX_BITS}: every sample lies in {@link #lowest()}..{@link #highest()}
     * @param signed     Pixel Representation 1
     * @param slope      Rescale Slope, finite and non-zero
     * @param intercept  Rescale Intercept, finite
     */
    public StoredPixels(int[] samples, int bitsStored, boolean signed, double slope, double intercept) {
        this(Objects.requireNonNull(samples, "samples"), null, bitsStored, bitsStored - 1, signed, slope, intercept);
    }

    /**
     * Stored values held as 16-bit words as a native frame (Bits Allocated 16) holds them, in host order (or as
     * a codec that delivers words writes them): value {@code i}
     * is bits {@code highBit - bitsStored + 1 .. highBit} of {@code words[i]}, sign-extended when {@code signed}
     * (PS3.5 8.1.1); the other bits (overlays, garbage) are ignored.
     *
     * @param highBit High Bit, {@code bitsStored - 1} to 15
     */
    public static StoredPixels ofWords(short[] words, int bitsStored, int highBit, boolean signed, double slope,
                                       double intercept) {
        Objects.requireNonNull(words, "words");
        if (bitsStored < 1 || bitsStored > 16 || highBit < bitsStored - 1 || highBit > 15) {
            throw new IllegalArgumentException("16-bit words need 1 <= bitsStored <= highBit + 1 <= 16, got bitsStored="
                    + bitsStored + ", highBit=" + highBit);
        }
        return new StoredPixels(null, words, bitsStored, highBit, signed, slope, intercept);
    }

    private StoredPixels(int[] ints, short[] words, int bitsStored, int highBit, boolean signed, double slope,
                         double intercept) {
        if (bitsStored < 1 || bitsStored > MAX_BITS) {
            throw new IllegalArgumentException("bitsStored must be in [1, " + MAX_BITS + "], got " + bitsStored);
        }
        if (!Double.isFinite(slope) || slope == 0 || !Double.isFinite(intercept)) {
            throw new IllegalArgumentException("rescale must be finite with a non-zero slope, got slope=" + slope
                    + ", intercept=" + intercept);
        }
        this.ints = ints;
        this.words = words;
        this.size = ints != null ? ints.length : words.length;
        this.shift = highBit + 1 - bitsStored;
        this.mask = (int) ((1L << bitsStored) - 1);
        this.sign = signed ? 1 << (bitsStored - 1) : 0;
        this.bitsStored = bitsStored;
        this.signed = signed;
        this.slope = slope;
        this.intercept = intercept;
    }

    /** Stored sample {@code i}. */
    public int sample(int i) {
        if (ints != null) {
            return ints[i];
        }
        return ((liveWords()[i] >> shift & mask) ^ sign) - sign;
    }

    /** Number of samples. */
    public int size() {
        return size;
    }

    /** The words, or null when backed by ints (or recycled): for {@link FrameBuffers#recycle}. */
    short[] wordsOrNull() {
        return words;
    }

    /** Ends the samples' life: their words went back to the {@link FrameBuffers} that lent them. */
    void release() {
        words = null;
    }

    private short[] liveWords() {
        short[] w = words;
        if (w == null) {
            throw new IllegalStateException("these stored pixels were recycled (FrameBuffers.recycle): their image"
                    + " may not be read after that");
        }
        return w;
    }

    /** Smallest value Bits Stored allows. */
    public int lowest() {
        return signed ? -(1 << (bitsStored - 1)) : 0;
    }

    /** Largest value Bits Stored allows. */
    public int highest() {
        return signed ? (1 << (bitsStored - 1)) - 1 : (1 << bitsStored) - 1;
    }

    public double slope() {
        return slope;
    }

    public double intercept() {
        return intercept;
    }

    /** The modality value of one stored value, as the reader's float pixels hold it. */
    public float modality(int stored) {
        return (float) (stored * slope + intercept);
    }

    /** Every sample mapped to its modality value (a new array). */
    public float[] toModality() {
        float[] out = new float[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = modality(sample(i));
        }
        return out;
    }

    /**
     * The histogram of the samples: {@code counts[v - lowest()]} becomes the number of samples equal to {@code v},
     * for the {@code bins = highest() - lowest() + 1} values Bits Stored allows, in one pass. {@code counts} needs at
     * least {@code bins} entries; their prior contents do not matter.
     */
    public void countInto(int[] counts) {
        countInto(counts, RUN_CHUNK, null);
    }

    /**
     * {@link #countInto(int[])}, seeing the samples as rows of {@code rowLength} (the last may be shorter), and
     * recording each row's edges in {@code edgeRuns} (null: not recorded; else at least two entries per row): row
     * {@code r}'s first {@code edgeRuns[2r]} samples all equal its first, and its last {@code edgeRuns[2r + 1]}
     * all equal its last, without overlapping. A run may be recorded shorter than it is (never longer): a caller
     * looking for a row's background starts there instead of at the edge.
     */
    public void countInto(int[] counts, int rowLength, int[] edgeRuns) {
        int bins = highest() - lowest() + 1;
        if (counts.length < bins) {
            throw new IllegalArgumentException("counts needs " + bins + " entries, has " + counts.length);
        }
        if (rowLength < 1) {
            throw new IllegalArgumentException("rowLength must be at least 1, got " + rowLength);
        }
        int rows = (size() + rowLength - 1) / rowLength;
        if (edgeRuns != null && edgeRuns.length < 2L * rows) {
            throw new IllegalArgumentException("edgeRuns needs 2 x " + rows + " entries, has " + edgeRuns.length);
        }
        Arrays.fill(counts, 0, bins, 0);
        if (ints != null) {
            countInts(ints, -lowest(), counts, rowLength, edgeRuns);
            return;
        }
        short[] words = liveWords();
        if (shift == 0) {
            countWords(words, mask, counts, rowLength, edgeRuns);
            if (sign != 0) {
                swapHalves(counts, bins);
            }
        } else {
            countShiftedWords(words, shift, mask, sign, counts);
            if (edgeRuns != null) {
                Arrays.fill(edgeRuns, 0, 2 * rows, 0); // runs of no length: true, if of no help
            }
        }
    }

    // Each row's (or chunk's) leading and trailing runs of one value are counted at once: a mammogram's background,
    // half the detector or more, costs a compare per sample instead of an increment, and a long run of increments
    // of one count would make each wait for the one before. What lies between is counted into one histogram: on
    // image texture that was faster than four partial histograms (measured: preprocessing took 0.9x the CPU), which
    // suit long runs but need four times the cache. One small static method per backing, so that the JIT compiles
    // each loop on its own.

    private static void countInts(int[] v, int off, int[] counts, int rowLength, int[] edgeRuns) {
        int n = v.length;
        for (int start = 0, row = 0; start < n; start += rowLength, row++) {
            int end = Math.min(n, start + rowLength);
            int first = v[start];
            int i = start + 1;
            while (i < end && v[i] == first) {
                i++;
            }
            counts[first + off] += i - start;
            int stop = end;
            if (i < end) {
                int last = v[end - 1];
                // in this form, not with the index one off, C2 made the loop twice as fast (measured)
                stop = end - 1;
                while (stop > i && v[stop - 1] == last) {
                    stop--;
                }
                counts[last + off] += end - stop;
            }
            if (edgeRuns != null) {
                edgeRuns[2 * row] = i - start;
                edgeRuns[2 * row + 1] = end - stop;
            }
            for (; i < stop; i++) {
                counts[v[i] + off]++;
            }
        }
    }

    // a word's bin is its value minus lowest(): (word & mask) ^ sign, whether signed or not; equal words are equal
    // samples (the converse need not hold with garbage in the other bits, which only shortens a run). Words are
    // counted by their masked bits alone, and for signed samples the xor with the sign bit, which swaps the two
    // halves of the bins, is done once on the counts: the counting loop has one operation less (measured against
    // ints on the same frames: 0.76-0.85x their time, against 0.83-1.03x with the xor)

    private static void swapHalves(int[] counts, int bins) {
        int half = bins / 2;
        for (int b = 0; b < half; b++) {
            int t = counts[b];
            counts[b] = counts[b + half];
            counts[b + half] = t;
        }
    }

    private static void countWords(short[] w, int mask, int[] counts, int rowLength, int[] edgeRuns) {
        int n = w.length;
        for (int start = 0, row = 0; start < n; start += rowLength, row++) {
            int end = Math.min(n, start + rowLength);
            short first = w[start];
            int i = start + 1;
            while (i < end && w[i] == first) {
                i++;
            }
            counts[first & mask] += i - start;
            int stop = end;
            if (i < end) {
                short last = w[end - 1];
                // in this form, not with the index one off, C2 made the loop twice as fast (measured)
                stop = end - 1;
                while (stop > i && w[stop - 1] == last) {
                    stop--;
                }
                counts[last & mask] += end - stop;
            }
            if (edgeRuns != null) {
                edgeRuns[2 * row] = i - start;
                edgeRuns[2 * row + 1] = end - stop;
            }
            for (; i < stop; i++) {
                counts[w[i] & mask]++;
            }
        }
    }

    private static void countShiftedWords(short[] w, int shift, int mask, int sign, int[] counts) {
        for (int i = 0; i < w.length; i++) {
            counts[(w[i] >> shift & mask) ^ sign]++;
        }
    }

    /**
     * {@code dst[dstFrom + k] = table[sample(from + k) - tableMin]} for {@code k < count}: one table look-up per
     * sample (the preprocessing window), every sample's value between {@code tableMin} and
     * {@code tableMin + table.length - 1}.
     */
    public void lookUp(int from, int count, float[] table, int tableMin, float[] dst, int dstFrom) {
        if (ints != null) {
            for (int k = dstFrom, i = from, end = from + count; i < end; k++, i++) {
                dst[k] = table[ints[i] - tableMin];
            }
            return;
        }
        short[] words = liveWords();
        if (shift == 0 && sign == 0) {
            lookUpUnsigned(words, mask, from, count, table, tableMin, dst, dstFrom);
        } else if (shift == 0) {
            int m = mask;
            int s = sign;
            int base = sign + tableMin;
            short[] w = words;
            for (int k = dstFrom, i = from, end = from + count; i < end; k++, i++) {
                dst[k] = table[((w[i] & m) ^ s) - base];
            }
        } else {
            for (int k = dstFrom, i = from, end = from + count; i < end; k++, i++) {
                dst[k] = table[sample(i) - tableMin];
            }
        }
    }

    // unsigned words need no sign xor: measured against ints on the same frames, 0.81-0.93x their time, against
    // 1.23-1.33x with the xor. A table that starts at 0 needs no subtraction either, and then its index is known
    // not to be negative, so one bounds check remains instead of two: 0.72-0.80x the time (harness)
    private static void lookUpUnsigned(short[] w, int m, int from, int count, float[] table, int tableMin,
                                       float[] dst, int dstFrom) {
        if (tableMin == 0) {
            for (int k = dstFrom, i = from, end = from + count; i < end; k++, i++) {
                dst[k] = table[w[i] & m];
            }
            return;
        }
        for (int k = dstFrom, i = from, end = from + count; i < end; k++, i++) {
            dst[k] = table[(w[i] & m) - tableMin];
        }
    }

    /**
     * How many of the samples {@code from, from + 1, ...} (at most {@code count}) lie in {@code [lo, hi]} before
     * the first that does not: with {@link #trailingRun}, finds an image row's background without a look-up per
     * pixel.
     */
    public int leadingRun(int from, int count, int lo, int hi) {
        return run(from, 1, count, lo, hi);
    }

    /** As {@link #leadingRun}, from the last sample {@code from + count - 1} backwards. */
    public int trailingRun(int from, int count, int lo, int hi) {
        return run(from + count - 1, -1, count, lo, hi);
    }

    private int run(int start, int step, int count, int lo, int hi) {
        if (lo > hi) {
            return 0;
        }
        int range = hi - lo;
        int k = 0;
        int i = start;
        if (ints == null && shift == 0) {
            // on the bins (value - lowest()), which are the masked words xor the sign bit: no shifts, no branches
            short[] w = liveWords();
            int m = mask;
            int s = sign;
            int first = lo - lowest();
            if (s == 0) {
                while (k < count && Integer.compareUnsigned((w[i] & m) - first, range) <= 0) {
                    k++;
                    i += step;
                }
                return k;
            }
            while (k < count && Integer.compareUnsigned(((w[i] & m) ^ s) - first, range) <= 0) {
                k++;
                i += step;
            }
            return k;
        }
        while (k < count && Integer.compareUnsigned(sample(i) - lo, range) <= 0) {
            k++;
            i += step;
        }
        return k;
    }
}
