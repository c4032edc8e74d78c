package org.mammoembed.embed.preprocess;

/**
 * Exact percentiles of one image's pixel values with numpy's default method ({@code numpy.percentile(a, q)},
 * method "linear": the value at virtual index {@code (n - 1) * q / 100}, interpolated linearly between the two
 * neighbouring order statistics exactly as numpy's {@code _lerp} does).
 *
 * <p>No full sort: integral values within a range of {@value #MAX_HISTOGRAM_RANGE} (every DICOM image of up to
 * 20 bits after an integer modality LUT) go into a histogram of exact counts; other values are copied once and
 * order statistics are found by quickselect. Holds reusable buffers, so one instance serves one thread at a time.
 */
public final class OrderStatistics {
    /** Widest value range (max - min + 1) counted in a histogram; wider or non-integral data use selection. */
    public static final int MAX_HISTOGRAM_RANGE = 1 << 20;

    private int[] counts = new int[0];
    private float[] values = new float[0];
    private int n;
    private boolean histogram;
    private int histogramMin;
    private int histogramBins;
    /** After a selection of k, values[0..k] are all <= values[k+1..n): later selections of larger k start here. */
    private int partitionedBelow;

    /**
     * Loads the values to rank, skipping those where {@code exclude} (may be null) is true.
     *
     * @return false if a counted value is NaN or infinite (nothing is loaded then)
     */
    public boolean load(float[] data, boolean[] exclude) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        boolean integral = true;
        int count = 0;
        for (int i = 0; i < data.length; i++) {
            if (exclude != null && exclude[i]) {
                continue;
            }
            float v = data[i];
            if (!Float.isFinite(v)) {
                n = 0;
                return false;
            }
            min = Math.min(min, v);
            max = Math.max(max, v);
            integral &= v == (float) Math.rint(v);
            count++;
        }
        n = count;
        // the bounds keep (int) casts exact: float integers beyond 2^24 are sparse, and beyond 2^31 would saturate
        histogram = integral && count > 0 && min >= -(1 << 30) && max <= (1 << 30)
                && (double) max - min < MAX_HISTOGRAM_RANGE;
        if (histogram) {
            fillHistogram(data, exclude, (int) min, (int) max - (int) min + 1);
        } else if (count > 0) {
            copyValues(data, exclude, count);
        }
        return true;
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
        double[] ab = neighbours((int) below);
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
        return histogram ? kthFromHistogram(k) : selectFrom(k);
    }

    /** The k-th and (k+1)-th smallest; with selection, one quickselect and a scan of the part above k. */
    private double[] neighbours(int k) {
        if (histogram) {
            return new double[] {kthFromHistogram(k), kthFromHistogram(k + 1)};
        }
        double a = selectFrom(k);
        // quickselect leaves everything above k at positions > k: the next order statistic is their minimum
        float b = Float.POSITIVE_INFINITY;
        for (int i = k + 1; i < n; i++) {
            b = Math.min(b, values[i]);
        }
        return new double[] {a, b};
    }

    /** Quickselect, skipping the prefix that an earlier selection already proved to hold smaller values. */
    private float selectFrom(int k) {
        int from = k >= partitionedBelow ? partitionedBelow : 0;
        float v = Selection.select(values, from, n, k);
        partitionedBelow = k + 1;
        return v;
    }

    private void fillHistogram(float[] data, boolean[] exclude, int min, int bins) {
        if (counts.length < bins) {
            counts = new int[bins];
        } else {
            java.util.Arrays.fill(counts, 0, bins, 0);
        }
        histogramMin = min;
        histogramBins = bins;
        for (int i = 0; i < data.length; i++) {
            if (exclude == null || !exclude[i]) {
                counts[(int) data[i] - min]++;
            }
        }
    }

    private double kthFromHistogram(int k) {
        long seen = 0;
        for (int b = 0; b < histogramBins; b++) {
            seen += counts[b];
            if (seen > k) {
                return histogramMin + b;
            }
        }
        throw new IllegalStateException("histogram holds fewer than " + (k + 1) + " values");
    }

    private void copyValues(float[] data, boolean[] exclude, int count) {
        if (values.length < count) {
            values = new float[count];
        }
        if (exclude == null) {
            System.arraycopy(data, 0, values, 0, count);
            return;
        }
        int j = 0;
        for (int i = 0; i < data.length; i++) {
            if (!exclude[i]) {
                values[j++] = data[i];
            }
        }
    }
}
