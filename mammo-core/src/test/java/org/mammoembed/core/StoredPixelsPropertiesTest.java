package org.mammoembed.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The 16-bit word backing against a plain reference (PS3.5 8.1.1: Bits Stored bits ending at High Bit, sign-extended
 * for Pixel Representation 1), with garbage in the other bits, long runs of one value (a background) and textured
 * stretches: every per-pixel operation gives what the decoded integers give.
 */
class StoredPixelsPropertiesTest {

    @Property(tries = 200)
    void wordsMeanTheirStoredBitsWhateverTheOtherBitsHold(@ForAll @IntRange(min = 1, max = 16) int bitsStored,
                                                         @ForAll @IntRange(min = 0, max = 15) int extraShift,
                                                         @ForAll boolean signed,
                                                         @ForAll @IntRange(min = 0, max = 5000) int length,
                                                         @ForAll @IntRange(min = 0, max = 1 << 20) int seed) {
        int highBit = Math.min(15, bitsStored - 1 + extraShift);
        int shift = highBit + 1 - bitsStored;
        Random r = new Random(seed);
        int[] values = values(r, length, bitsStored, signed);
        short[] words = new short[length];
        for (int i = 0; i < length; i++) {
            int inField = (values[i] & (int) ((1L << bitsStored) - 1)) << shift;
            int garbage = r.nextInt(1 << 16) & ~((int) ((1L << bitsStored) - 1) << shift);
            words[i] = (short) (inField | garbage);
        }
        StoredPixels sp = StoredPixels.ofWords(words, bitsStored, highBit, signed, 1, 0);
        StoredPixels ints = new StoredPixels(values, bitsStored, signed, 1, 0);
        for (int i = 0; i < length; i++) {
            assertEquals(values[i], sp.sample(i), "sample " + i);
        }
        int bins = sp.highest() - sp.lowest() + 1;
        int[] expected = new int[bins];
        for (int v : values) {
            expected[v - sp.lowest()]++;
        }
        int[] counts = new int[bins];
        java.util.Arrays.fill(counts, 7); // prior contents must not matter
        sp.countInto(counts);
        assertArrayEquals(expected, java.util.Arrays.copyOf(counts, bins), "histogram of words");
        java.util.Arrays.fill(counts, -3);
        ints.countInto(counts);
        assertArrayEquals(expected, java.util.Arrays.copyOf(counts, bins), "histogram of ints");

        float[] table = new float[bins];
        for (int k = 0; k < bins; k++) {
            table[k] = k * 0.5f;
        }
        if (length > 0) {
            int from = r.nextInt(length);
            int count = r.nextInt(length - from + 1);
            float[] viaWords = new float[count + 3];
            float[] viaInts = new float[count + 3];
            sp.lookUp(from, count, table, sp.lowest(), viaWords, 3);
            ints.lookUp(from, count, table, sp.lowest(), viaInts, 3);
            for (int k = 0; k < count; k++) {
                assertEquals(table[values[from + k] - sp.lowest()], viaWords[3 + k], "look-up " + k);
            }
            assertArrayEquals(viaInts, viaWords);
            int lo = values[from];
            int hi = Math.min(sp.highest(), lo + r.nextInt(3));
            int lead = 0;
            while (lead < count && values[from + lead] >= lo && values[from + lead] <= hi) {
                lead++;
            }
            int trail = 0;
            while (trail < count && values[from + count - 1 - trail] >= lo && values[from + count - 1 - trail] <= hi) {
                trail++;
            }
            assertEquals(lead, sp.leadingRun(from, count, lo, hi), "leading run (words)");
            assertEquals(lead, ints.leadingRun(from, count, lo, hi), "leading run (ints)");
            assertEquals(trail, sp.trailingRun(from, count, lo, hi), "trailing run (words)");
            assertEquals(trail, ints.trailingRun(from, count, lo, hi), "trailing run (ints)");
            assertEquals(0, sp.leadingRun(from, count, hi + 1, hi), "an empty range holds nothing");
        }
    }

    @Property(tries = 200)
    void rowsEdgeRunsHoldTheirRowsFirstAndLastValues(@ForAll @IntRange(min = 1, max = 16) int bitsStored,
                                                    @ForAll boolean garbage,
                                                    @ForAll @IntRange(min = 1, max = 700) int rowLength,
                                                    @ForAll @IntRange(min = 0, max = 4000) int length,
                                                    @ForAll @IntRange(min = 0, max = 1 << 20) int seed) {
        Random r = new Random(seed);
        int[] values = values(r, length, bitsStored, false);
        short[] words = new short[length];
        for (int i = 0; i < length; i++) {
            words[i] = (short) (values[i] | (garbage ? r.nextInt(2) << bitsStored & 0xFFFF : 0));
        }
        int rows = (length + rowLength - 1) / rowLength;
        int bins = 1 << bitsStored;
        int[] expected = new int[bins];
        for (int v : values) {
            expected[v]++;
        }
        StoredPixels[] backings = {StoredPixels.ofWords(words, bitsStored, bitsStored - 1, false, 1, 0),
            new StoredPixels(values, bitsStored, false, 1, 0)};
        for (int b = 0; b < backings.length; b++) {
            StoredPixels sp = backings[b];
            // a run is of equal words (equal samples; garbage bits may split a run of one sample, never join two)
            int[] same = new int[length];
            for (int i = 0; i < length; i++) {
                same[i] = b == 0 ? words[i] : values[i];
            }
            int[] counts = new int[bins];
            int[] runs = new int[2 * rows + 1];
            java.util.Arrays.fill(runs, -1);
            sp.countInto(counts, rowLength, runs);
            assertArrayEquals(expected, java.util.Arrays.copyOf(counts, bins), "histogram");
            assertEquals(-1, runs[2 * rows], "nothing written past the last row");
            for (int row = 0; row < rows; row++) {
                int start = row * rowLength;
                int end = Math.min(length, start + rowLength);
                String where = (b == 0 ? "words" : "ints") + ", row " + row + " of rows of " + rowLength;
                int lead = 0;
                while (start + lead < end && same[start + lead] == same[start]) {
                    lead++;
                }
                int trail = 0;
                while (end - 1 - trail >= start + lead && same[end - 1 - trail] == same[end - 1]) {
                    trail++;
                }
                assertEquals(lead, runs[2 * row], where + ": leading run");
                assertEquals(trail, runs[2 * row + 1], where + ": trailing run");
            }
        }
        if (rows > 0) {
            assertThrows(IllegalArgumentException.class,
                    () -> new StoredPixels(values, bitsStored, false, 1, 0).countInto(new int[bins], rowLength,
                            new int[2 * rows - 1]));
        }
    }

    /** Runs of one value (up to a few thousand long, as a background) between textured stretches. */
    private static int[] values(Random r, int length, int bitsStored, boolean signed) {
        int lowest = signed ? -(1 << (bitsStored - 1)) : 0;
        int span = 1 << bitsStored;
        int[] v = new int[length];
        int i = 0;
        while (i < length) {
            int n = Math.min(length - i, 1 + r.nextInt(r.nextBoolean() ? 3000 : 40));
            if (r.nextBoolean()) {
                java.util.Arrays.fill(v, i, i + n, lowest + r.nextInt(span));
            } else {
                for (int k = i; k < i + n; k++) {
                    v[k] = lowest + r.nextInt(span);
                }
            }
            i += n;
        }
        return v;
    }

    @Test
    void wordsRefuseFieldsThatDoNotFit() {
        short[] w = new short[4];
        assertThrows(IllegalArgumentException.class, () -> StoredPixels.ofWords(w, 12, 16, false, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> StoredPixels.ofWords(w, 12, 10, false, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> StoredPixels.ofWords(w, 17, 16, false, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> StoredPixels.ofWords(w, 12, 11, false, 0, 0));
        assertThrows(IllegalArgumentException.class,
                () -> StoredPixels.ofWords(w, 12, 11, false, 1, 0).countInto(new int[4095]));
    }
}
