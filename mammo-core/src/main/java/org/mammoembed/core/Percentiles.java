package org.mammoembed.core;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Exact percentiles of float values (an image's pixels, an image's breast region) with numpy's default method
 * ({@code numpy.percentile(a, q)}, method "linear": the value at virtual index {@code (n - 1) * q / 100},
 * interpolated linearly between the two neighbouring order statistics exactly as numpy's {@code _lerp} does).
 *
 * <p>No full sort. Integral values within a range of {@value #MAX_HISTOGRAM_RANGE} (every DICOM image of up to
 * 20 bits after an integer modality LUT) are counted in a histogram of exact values. Other data go through a
 * radix select: one pass counts values per 16-bit prefix of their order-preserving bit pattern, then each
 * percentile gathers the values of the one or two prefixes that hold its neighbours and quickselects among them.
 *
 * <p>Holds reusable buffers and a reference to the loaded array, so one instance serves one thread at a time and
 * the array must not change between {@link #load} and the {@link #percentile} calls.
 */
public final class Percentiles {
    /** Widest value range (max - min + 1) counted in a histogram; wider or non-integral data use radix select. */
    public static final int MAX_HISTOGRAM_RANGE = 1 << 20;
    private static final int PREFIXES = 1 << 16;

    private int[] counts = new int[0];
    private float[] gathered = new float[0];
    private float[] data;
    private boolean[] exclude;
    private int n;
    private boolean histogram;
    private int histogramMin;
    private int histogramBins;
    private StoredPixels mapping;
    private int storedMin;
    private int storedMax;

    /**
     * Loads the values to rank, skipping those where {@code exclude} (may be null) is true.
     *
     * @return false if a counted value is NaN or infinite (nothing is loaded then)
     */
    public boolean load(float[] values, boolean[] exclude) {
        mapping = null;
        if (exclude == null && loadIntegral(values)) {
            return true;
        }
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        boolean integral = true;
        int count = 0;
        for (int i = 0; i < values.length; i++) {
            if (exclude != null && exclude[i]) {
                continue;
            }
            float v = values[i];
            if (!Float.isFinite(v)) {
                n = 0;
                data = null;
                return false;
            }
            min = Math.min(min, v);
            max = Math.max(max, v);
            integral &= v == (float) Math.rint(v);
            count++;
        }
        this.n = count;
        this.data = values;
        this.exclude = exclude;
        // the bounds keep (int) casts exact: float integers beyond 2^24 are sparse, and beyond 2^31 would saturate
        histogram = integral && count > 0 && min >= -(1 << 30) && max <= (1 << 30)
                && (double) max - min < MAX_HISTOGRAM_RANGE;
        if (histogram) {
            histogramMin = (int) min;
            histogramBins = (int) max - (int) min + 1;
            countInto(histogramBins, v -> (int) v - histogramMin);
        } else if (count > 0) {
            countInto(PREFIXES, Percentiles::prefix);
        }
        return true;
    }

    /**
     * The common case without a mask, in two plain passes: min, max and integrality, then the histogram. False
     * (nothing loaded) when the values are not all finite integers within the histogram's range.
     */
    private boolean loadIntegral(float[] values) {
        if (values.length == 0) {
            return false;
        }
        float min = values[0];
        float max = values[0];
        boolean integral = true;
        for (float v : values) {
            min = v < min ? v : min;
            max = v > max ? v : max;
            // false for NaN, infinities and anything beyond int: those go the general way
            integral &= (float) (int) v == v;
        }
        if (!integral || !(min >= -(1 << 30) && max <= (1 << 30)) || (double) max - min >= MAX_HISTOGRAM_RANGE) {
            return false;
        }
        int lo = (int) min;
        int bins = (int) max - lo + 1;
        clearCounts(bins);
        int[] c = counts;
        for (float v : values) {
            c[(int) v - lo]++;
        }
        this.n = values.length;
        this.data = values;
        this.exclude = null;
        this.histogram = true;
        this.histogramMin = lo;
        this.histogramBins = bins;
        return true;
    }

    /**
     * Loads the modality values of {@code stored} (see {@link StoredPixels}) by counting the stored integers in one
     * pass over them: no float image. Order statistics are those of the stored values mapped through the modality
     * LUT, reversed when its slope is negative, so {@link #percentile} equals what {@link #load} gives on
     * {@code stored.toModality()}. {@link #min()} and {@link #max()} then give the smallest and largest stored
     * value present.
     */
    public void loadStored(StoredPixels stored) {
        countStored(stored, stored::countInto);
    }

    /**
     * {@link #loadStored(StoredPixels)}, also recording the edge runs of the rows of {@code rowLength} samples
     * into {@code edgeRuns} as {@link StoredPixels#countInto(int[], int, int[])} does, from the same pass.
     */
    public void loadStored(StoredPixels stored, int rowLength, int[] edgeRuns) {
        countStored(stored, c -> stored.countInto(c, rowLength, edgeRuns));
    }

    /** Loads what {@code countInto} counts of {@code stored} (it zeroes the counts itself). */
    private void countStored(StoredPixels stored, Consumer<int[]> countInto) {
        int lo = stored.lowest();
        int bins = stored.highest() - lo + 1;
        int[] c = counts(bins);
        countInto.accept(c);
        int first = 0;
        while (first < bins - 1 && c[first] == 0) {
            first++;
        }
        int last = bins - 1;
        while (last > 0 && c[last] == 0) {
            last--;
        }
        this.n = stored.size();
        this.data = null;
        this.exclude = null;
        this.histogram = true;
        this.histogramMin = lo;
        this.histogramBins = bins;
        this.mapping = stored;
        this.storedMin = lo + first;
        this.storedMax = lo + last;
    }

    /** Whether the loaded values are all integers counted in a histogram (then {@link #min()} and {@link #max()} are exact ints). */
    public boolean isIntegral() {
        return histogram && n > 0;
    }

    /** Smallest loaded value (stored value after {@link #loadStored}), when {@link #isIntegral()}. */
    public int min() {
        requireIntegral();
        return mapping != null ? storedMin : histogramMin;
    }

    /** Largest loaded value (stored value after {@link #loadStored}), when {@link #isIntegral()}. */
    public int max() {
        requireIntegral();
        return mapping != null ? storedMax : histogramMin + histogramBins - 1;
    }

    private void requireIntegral() {
        if (!isIntegral()) {
            throw new IllegalStateException("the loaded values are not integral (or none are loaded)");
        }
    }

    /** Number of values loaded. */
    public int count() {
        return n;
    }

    /**
     * numpy's {@code percentile(a, q)} (default "linear" method) of the loaded values, computed in double.
     *
     * @param q percentile in [0, 100]
     */
    public double percentile(double q) {
        if (n == 0) {
            throw new IllegalStateException("no values loaded");
        }
        // numpy: quantile = q / 100, virtual index = (n - 1) * quantile, neighbours floor and floor + 1 (clipped)
        double virtual = (n - 1) * (q / 100.0);
        long below = (long) Math.floor(virtual);
        if (below < 0) {
            return kth(0);
        }
        if (below >= n - 1) {
            return kth(n - 1);
        }
        double gamma = virtual - below;
        float[] ab = neighbours((int) below);
        double a = ab[0];
        double b = ab[1];
        double diff = b - a;
        // numpy's _lerp: a + diff * t, but b - diff * (1 - t) where t >= 0.5 (keeps monotonicity)
        return gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma;
    }

    /** The k-th smallest loaded value (0-based). */
    public double kth(int k) {
        if (k < 0 || k >= n) {
            throw new IndexOutOfBoundsException("k=" + k + " with " + n + " values");
        }
        return neighbours(k)[0];
    }

    /** The k-th and (k+1)-th smallest (the second equals the first when k is the last). */
    private float[] neighbours(int k) {
        if (mapping != null) {
            // the k-th smallest modality value is the k-th smallest stored one mapped, or with a negative slope
            // the k-th largest
            boolean down = mapping.slope() < 0;
            int next = Math.min(k + 1, n - 1);
            int a = histogramMin + bucketHolding(down ? n - 1 - k : k);
            int b = histogramMin + bucketHolding(down ? n - 1 - next : next);
            return new float[] {mapping.modality(a), mapping.modality(b)};
        }
        int bucketOfK = bucketHolding(k);
        int bucketOfNext = k + 1 < n ? bucketHolding(k + 1) : bucketOfK;
        if (histogram) {
            return new float[] {histogramMin + bucketOfK, histogramMin + bucketOfNext};
        }
        int before = 0;
        for (int b = 0; b < bucketOfK; b++) {
            before += counts[b];
        }
        int m = gather(bucketOfK, bucketOfNext);
        int r = k - before;
        float a = Selection.select(gathered, m, r);
        // quickselect leaves everything above rank r at positions > r: the next order statistic is their minimum
        float next = a;
        if (r + 1 < m) {
            next = Float.POSITIVE_INFINITY;
            for (int i = r + 1; i < m; i++) {
                next = Math.min(next, gathered[i]);
            }
        }
        return new float[] {a, next};
    }

    private int bucketHolding(int k) {
        long seen = 0;
        int bins = histogram ? histogramBins : PREFIXES;
        for (int b = 0; b < bins; b++) {
            seen += counts[b];
            if (seen > k) {
                return b;
            }
        }
        throw new IllegalStateException("fewer than " + (k + 1) + " values counted");
    }

    /** Copies the counted values whose prefix lies in [from, to] into {@code gathered}; returns how many. */
    private int gather(int from, int to) {
        int m = 0;
        for (int b = from; b <= to; b++) {
            m += counts[b];
        }
        if (gathered.length < m) {
            gathered = new float[m];
        }
        int j = 0;
        for (int i = 0; i < data.length; i++) {
            if (exclude == null || !exclude[i]) {
                int p = prefix(data[i]);
                if (p >= from && p <= to) {
                    gathered[j++] = data[i];
                }
            }
        }
        return j;
    }

    @FunctionalInterface
    private interface Bin {
        int of(float v);
    }

    private void countInto(int bins, Bin bin) {
        clearCounts(bins);
        for (int i = 0; i < data.length; i++) {
            if (exclude == null || !exclude[i]) {
                counts[bin.of(data[i])]++;
            }
        }
    }

    /** {@code counts[0, bins)} zeroed, grown when too short. */
    private void clearCounts(int bins) {
        Arrays.fill(counts(bins), 0, bins, 0);
    }

    /** The counts array, grown (a new, zeroed one) when shorter than {@code bins}; its contents otherwise as left. */
    private int[] counts(int bins) {
        if (counts.length < bins) {
            counts = new int[bins];
        }
        return counts;
    }

    /** Top 16 bits of the float's bit pattern made order-preserving as an unsigned number (0 to 65535). */
    private static int prefix(float v) {
        int bits = Float.floatToRawIntBits(v);
        int key = bits ^ ((bits >> 31) & 0x7FFFFFFF); // negative floats: reverse the magnitude order
        return (key >> 16) + (1 << 15);
    }
}
