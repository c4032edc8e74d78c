package org.mammoembed.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.FloatRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** numpy.percentile (default "linear" method) semantics, checked on values worked out by hand. */
class PercentilesTest {

    private static Percentiles loaded(float... values) {
        Percentiles s = new Percentiles();
        assertTrue(s.load(values, null));
        return s;
    }

    @Test
    void fourValuesByHand() {
        // n = 4: virtual index = 3 * q / 100
        Percentiles s = loaded(4, 1, 3, 2);
        assertEquals(2.5, s.percentile(50), 0);          // 1.5 -> 2 + 0.5 * (3 - 2)
        assertEquals(1.015, s.percentile(0.5), 1e-15);   // 0.015 -> 1 + 0.015 * 1
        assertEquals(3.985, s.percentile(99.5), 1e-15);  // 2.985 -> 4 - 1 * (1 - 0.985) (numpy's upper form)
        assertEquals(1, s.percentile(0), 0);
        assertEquals(4, s.percentile(100), 0);
    }

    @Test
    void tenValuesByHand() {
        // 0..9 shuffled: virtual index 9 * q / 100 equals the value itself
        Percentiles s = loaded(7, 3, 9, 0, 5, 1, 8, 2, 6, 4);
        assertEquals(0.045, s.percentile(0.5), 1e-15);
        assertEquals(8.955, s.percentile(99.5), 1e-15);
        assertEquals(4.5, s.percentile(50), 0);
    }

    @Test
    void repeatedValuesAndSingleValue() {
        // 99 zeros and one 1000: 0.5th -> index 0.495 (between two zeros) = 0; 99.5th -> 98.505: 0 + 0.505 * 1000
        float[] v = new float[100];
        v[37] = 1000;
        Percentiles s = loaded(v);
        assertEquals(0, s.percentile(0.5), 0);
        assertEquals(505, s.percentile(99.5), 1e-9);
        assertEquals(42.5, loaded(42.5f).percentile(99.5), 0);
    }

    @Test
    void nonIntegralValuesUseSelectionAndAgreeWithHand() {
        Percentiles s = loaded(0.25f, -1.5f, 2.75f, 1.0f);
        // sorted -1.5, 0.25, 1, 2.75; 50th -> index 1.5 -> 0.25 + 0.5 * 0.75
        assertEquals(0.625, s.percentile(50), 0);
        assertEquals(-1.5 + 0.015 * 1.75, s.percentile(0.5), 1e-15);
    }

    @Test
    void wideIntegerRangeFallsBackToSelection() {
        float[] v = {0, 3_000_000, 5, 2_000_000};
        Percentiles s = loaded(v);
        // sorted 0, 5, 2e6, 3e6; 50th -> index 1.5 -> 5 + 0.5 * (2e6 - 5)
        assertEquals(1_000_002.5, s.percentile(50), 0);
    }

    @Test
    void excludedValuesAreNotCounted() {
        Percentiles s = new Percentiles();
        float[] v = {0, 100, 1, 2, 3, 100};
        boolean[] padding = {true, true, false, false, false, true};
        assertTrue(s.load(v, padding));
        assertEquals(3, s.count());
        assertEquals(2, s.percentile(50), 0);
        assertTrue(s.load(v, new boolean[] {true, true, true, true, true, true}));
        assertEquals(0, s.count());
    }

    @Test
    void nonFiniteValuesAreReported() {
        Percentiles s = new Percentiles();
        assertFalse(s.load(new float[] {1, Float.NaN, 2}, null));
        assertFalse(s.load(new float[] {1, Float.POSITIVE_INFINITY}, null));
        assertTrue(s.load(new float[] {1, Float.NaN, 2}, new boolean[] {false, true, false}));
    }

    /** The definition, with a full sort: the independent oracle for the properties below. */
    private static double sortedPercentile(float[] values, double q) {
        float[] a = values.clone();
        Arrays.sort(a);
        double virtual = (a.length - 1) * (q / 100.0);
        int below = (int) Math.floor(virtual);
        if (below >= a.length - 1) {
            return a[a.length - 1];
        }
        double t = virtual - below;
        double lo = a[below];
        double hi = a[below + 1];
        return t >= 0.5 ? hi - (hi - lo) * (1 - t) : lo + (hi - lo) * t;
    }

    @Property(tries = 200)
    void integralDataMatchesSortedDefinition(@ForAll @Size(min = 1, max = 300) int[] raw,
                                             @ForAll @DoubleRange(min = 0, max = 100) double q,
                                             @ForAll @IntRange(min = -70000, max = 70000) int shift) {
        float[] v = new float[raw.length];
        for (int i = 0; i < raw.length; i++) {
            v[i] = (raw[i] % 5000) + shift;
        }
        assertEquals(sortedPercentile(v, q), loaded(v).percentile(q), 0);
    }

    @Property(tries = 200)
    void realDataMatchesSortedDefinition(@ForAll @Size(min = 1, max = 300) float[] raw,
                                         @ForAll @DoubleRange(min = 0, max = 100) double q) {
        float[] v = raw.clone();
        for (int i = 0; i < v.length; i++) {
            v[i] = Float.isFinite(v[i]) ? v[i] : 0.5f;
        }
        assertEquals(sortedPercentile(v, q), loaded(v).percentile(q), 0);
    }

    @Property(tries = 200)
    void successivePercentilesOnOneLoadMatchSortedDefinition(
            @ForAll @Size(min = 1, max = 300) float[] raw, @ForAll @Size(min = 1, max = 6) double[] qs) {
        float[] v = raw.clone();
        for (int i = 0; i < v.length; i++) {
            v[i] = Float.isFinite(v[i]) ? (float) Math.floor(v[i] % 50) + 0.25f : 0.5f; // ties, non-integral
        }
        Percentiles s = loaded(v);
        for (double raw01 : qs) {
            double q = Double.isFinite(raw01) ? Math.abs(raw01 % 100) : 50;
            assertEquals(sortedPercentile(v, q), s.percentile(q), 0, "q=" + q);
        }
    }

    @Property(tries = 100)
    void selectionFindsEveryOrderStatistic(@ForAll @Size(min = 1, max = 200) float[] raw,
                                           @ForAll @FloatRange(min = 0, max = 1) float where) {
        float[] v = raw.clone();
        for (int i = 0; i < v.length; i++) {
            v[i] = Float.isFinite(v[i]) ? (float) Math.floor(v[i] % 7) : 3; // many ties
        }
        float[] sorted = v.clone();
        Arrays.sort(sorted);
        int k = Math.min(v.length - 1, (int) (where * v.length));
        assertEquals(sorted[k], Selection.select(v.clone(), v.length, k), 0);
    }
}
