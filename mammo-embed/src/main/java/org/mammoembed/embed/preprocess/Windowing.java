package org.mammoembed.embed.preprocess;

import java.util.Locale;

/**
 * How modality values are mapped to [0, 1] before resizing (the VOI step). Immutable value object.
 *
 * <ul>
 *   <li>{@link #percentile(double, double)}: {@code lo} and {@code hi} are numpy-default percentiles of the
 *       image's values (see {@link org.mammoembed.core.Percentiles}); {@code x -> clip((x - lo) / (hi - lo), 0, 1)} computed in
 *       double; all zeros when {@code hi <= lo} (a flat image).</li>
 *   <li>{@link #dicomVoi()}: the header's VOI window or VOI LUT (first window, with its VOI LUT Function) via
 *       {@code org.mammoembed.core.grayscale.VoiTransform.toUnitRange(image, 0)}; when the header has neither
 *       (or the image is colour) it falls back to {@code percentile(0.5, 99.5)}.</li>
 * </ul>
 */
public final class Windowing {
    private static final Windowing DEFAULT = new Windowing(false, 0.5, 99.5);

    private final boolean dicomVoi;
    private final double lowPercentile;
    private final double highPercentile;

    private Windowing(boolean dicomVoi, double lowPercentile, double highPercentile) {
        this.dicomVoi = dicomVoi;
        this.lowPercentile = lowPercentile;
        this.highPercentile = highPercentile;
    }

    /**
     * Percentile window; {@code percentile(0.5, 99.5)} is the default recipe's.
     *
     * @throws IllegalArgumentException unless {@code 0 <= low < high <= 100}
     */
    public static Windowing percentile(double low, double high) {
        if (!(low >= 0 && low <= 100)) {
            throw new IllegalArgumentException("windowing low percentile must be in [0, 100], got " + low);
        }
        if (!(high >= 0 && high <= 100)) {
            throw new IllegalArgumentException("windowing high percentile must be in [0, 100], got " + high);
        }
        if (!(low < high)) {
            throw new IllegalArgumentException("windowing low percentile must be below the high one, got low="
                    + low + ", high=" + high);
        }
        return low == 0.5 && high == 99.5 ? DEFAULT : new Windowing(false, low, high);
    }

    /** The header's VOI window/LUT, falling back to {@code percentile(0.5, 99.5)} when there is none. */
    public static Windowing dicomVoi() {
        return new Windowing(true, 0.5, 99.5);
    }

    /** Whether the header's VOI is used first. */
    public boolean usesDicomVoi() {
        return dicomVoi;
    }

    /** Low percentile (of the percentile window or of the fallback). */
    public double lowPercentile() {
        return lowPercentile;
    }

    /** High percentile (of the percentile window or of the fallback). */
    public double highPercentile() {
        return highPercentile;
    }

    /** Stable text form, e.g. {@code percentile(0.5,99.5)} or {@code dicomVoi(fallback=percentile(0.5,99.5))}. */
    public String describe() {
        String p = String.format(Locale.ROOT, "percentile(%s,%s)", num(lowPercentile), num(highPercentile));
        return dicomVoi ? "dicomVoi(window=0,fallback=" + p + ")" : p;
    }

    static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Windowing w && w.dicomVoi == dicomVoi
                && Double.compare(w.lowPercentile, lowPercentile) == 0
                && Double.compare(w.highPercentile, highPercentile) == 0;
    }

    @Override
    public int hashCode() {
        return Boolean.hashCode(dicomVoi) * 961 + Double.hashCode(lowPercentile) * 31 + Double.hashCode(highPercentile);
    }

    @Override
    public String toString() {
        return describe();
    }
}
