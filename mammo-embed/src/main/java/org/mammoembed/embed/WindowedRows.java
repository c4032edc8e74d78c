package org.mammoembed.embed;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.IntToDoubleFunction;
import org.mammoembed.core.DecodedImage;
import org.mammoembed.core.MammoException;
import org.mammoembed.core.Percentiles;
import org.mammoembed.core.Stage;
import org.mammoembed.core.StoredPixels;
import org.mammoembed.core.grayscale.PixelPadding;
import org.mammoembed.core.grayscale.VoiTransform;
import org.mammoembed.embed.preprocess.Windowing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Steps 1 to 3 of {@link Preprocessing}: the image's rows windowed to [0, 1] (and inverted for MONOCHROME1),
 * produced one at a time for the resampler's horizontal pass. Chooses the path (see {@link Preprocessing}'s
 * class comment): stored integers through a window table, integral floats through the same table, or the
 * general per-pixel window. Holds the percentile counts and the table, so one instance serves one thread.
 */
final class WindowedRows {
    private static final Logger LOG = LoggerFactory.getLogger(WindowedRows.class);

    private final Percentiles stats = new Percentiles();
    private float[] lut = new float[0];
    private int[] edgeRuns = new int[0];

    /** Rows of the image after windowing and MONOCHROME1 inversion (steps 1 to 3), computed on demand. */
    SeparableResampler.RowSource rows(DecodedImage image, Windowing windowing, boolean excludePixelPadding)
            throws MammoException {
        boolean invert = image.photometric().isInverted();
        int cols = image.columns();
        if (windowing.usesDicomVoi() && image.photometric().isGrayscale()) {
            Optional<float[]> voi = dicomVoi(image);
            if (voi.isPresent()) {
                float[] unit = voi.get();
                return (y, row) -> {
                    for (int x = 0, i = y * cols; x < cols; x++, i++) {
                        row[x] = invert ? (float) (1.0 - unit[i]) : unit[i];
                    }
                    return SeparableResampler.ALL;
                };
            }
        }
        boolean[] exclude = excludePixelPadding ? PixelPadding.mask(image).orElse(null) : null;
        
        Optional<StoredPixels> stored = exclude == null ? image.stored() : Optional.empty();
        float[] grey = null;
        if (stored.isPresent()) {
            stats.loadStored(stored.get(), cols, edgeRuns(2 * image.rows()));
        } else {
            grey = image.grayPlane();
            if (!stats.load(grey, exclude)) {
                throw new MammoException(Stage.PREPROCESS, "image has NaN or infinite pixel values");
            }
        }
        double lo = stats.count() == 0 ? 0 : stats.percentile(windowing.lowPercentile());
        double hi = stats.count() == 0 ? 0 : stats.percentile(windowing.highPercentile());
        LOG.debug("percentile window [{}, {}] over {} pixels", lo, hi, stats.count());
        if (!(hi > lo)) {
            float flat = invert ? 1f : 0f;
            return (y, row) -> {
                Arrays.fill(row, 0, cols, flat);
                return SeparableResampler.ALL;
            };
        }
        double range = hi - lo;
        if (stored.isPresent()) {
            // the fast path: the stored integers themselves, one table look-up per pixel (the table holds each
            // stored value's modality value windowed by the very expression of the general path), fused into
            // the resampler's horizontal pass: neither a float image nor a windowed one is ever made
            StoredPixels sp = stored.get();
            int min = stats.min();
            int max = stats.max();
            // a table indexed by the stored value itself where none is negative (unsigned words: at most 65,536
            // entries, of which only min..max are ever read): the look-up then has no subtraction and one bounds
            // check instead of two (StoredPixels.lookUp)
            int base = min >= 0 && max < 1 << 16 ? 0 : min;
            float[] lut = table(base, min, sp::modality, lo, range, invert);
            // the table is monotonic, so its zeros (the background, MONOCHROME1 or not) are one run of stored values:
            // each row's leading and trailing background is found by comparing integers, without look-ups
            int zeroFrom = min;
            int zeroTo = min - 1;
            if (lut[min - base] == 0f) {
                while (zeroTo < max && lut[zeroTo + 1 - base] == 0f) {
                    zeroTo++;
                }
            } else if (lut[max - base] == 0f) {
                zeroTo = max;
                zeroFrom = max;
                while (zeroFrom > min && lut[zeroFrom - 1 - base] == 0f) {
                    zeroFrom--;
                }
            }
            return new StoredRows(sp, cols, lut, base, zeroFrom, zeroTo, edgeRuns);
        }
        float[] values = grey;
        if (exclude == null && stats.isIntegral() && stats.max() - stats.min() < values.length) {
            // integral float pixels (another reader's): the same table over [min, max] of the values
            int min = stats.min();
            float[] lut = table(min, min, v -> v, lo, range, invert);
            return (y, row) -> {
                for (int x = 0, i = y * cols; x < cols; x++, i++) {
                    row[x] = lut[(int) values[i] - min];
                }
                return SeparableResampler.ALL;
            };
        }
        return (y, row) -> {
            for (int x = 0, i = y * cols; x < cols; x++, i++) {
                row[x] = unit(values[i], lo, range, invert);
            }
            return SeparableResampler.ALL;
        };
    }

    /**
     * The fast path's rows: stored integers through the window table, each row's background (the stored values
     * {@code zeroFrom..zeroTo}, which window to 0) written as zeros without look-ups. A record rather than a lambda:
     * C2 compiled a lambda's body inside the interface method in some JVMs and as a method of its own in others,
     * and the look-up loop it inlines was slower in the second (JFR, README, Benchmarks); a record has one body.
     */
    private record StoredRows(StoredPixels sp, int cols, float[] lut, int base, int zeroFrom, int zeroTo,
                              int[] edgeRuns) implements SeparableResampler.RowSource {
        @Override
        public long fill(int y, float[] row) {
            return fill(y, row, 0, cols);
        }

        @Override
        public long fill(int y, float[] row, int dirtyFrom, int dirtyTo) {
            // the counting pass found each row's runs of its first and last value: where that value windows to 0,
            // the background goes on from the run's end (if further at all)
            int start = y * cols;
            int lead = 0;
            int first = sp.sample(start);
            if (first >= zeroFrom && first <= zeroTo) {
                int run = edgeRuns[2 * y];
                lead = run + sp.leadingRun(start + run, cols - run, zeroFrom, zeroTo);
            }
            int trail = 0;
            int last = sp.sample(start + cols - 1);
            if (lead < cols && last >= zeroFrom && last <= zeroTo) {
                int run = edgeRuns[2 * y + 1];
                trail = run + sp.trailingRun(start + lead, cols - lead - run, zeroFrom, zeroTo);
            }
            // only where the row may hold something else: the rows of a mammogram have nearly the same background
            // as the one filled into this array before (eight rows up), so this writes little or nothing
            Arrays.fill(row, dirtyFrom, Math.max(dirtyFrom, Math.min(lead, dirtyTo)), 0f);
            Arrays.fill(row, Math.min(Math.max(cols - trail, dirtyFrom), dirtyTo), Math.min(cols, dirtyTo), 0f);
            sp.lookUp(start + lead, cols - lead - trail, lut, base, row, lead);
            return SeparableResampler.span(lead, cols - trail);
        }
    }

    /** One value windowed: {@code clip((v - lo) / range, 0, 1)} in double, inverted for MONOCHROME1. */
    private static float unit(double v, double lo, double range, boolean invert) {
        double u = (v - lo) / range;
        u = u < 0 ? 0 : (u > 1 ? 1 : u);
        return (float) (invert ? 1.0 - u : u);
    }

    private static Optional<float[]> dicomVoi(DecodedImage image) throws MammoException {
        Optional<float[]> voi;
        try {
            voi = VoiTransform.toUnitRange(image, 0);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new MammoException(Stage.PREPROCESS, "VOI transform failed: " + e.getMessage(), e);
        }
        if (voi.isPresent() && voi.get().length != image.pixelCount()) {
            throw new MammoException(Stage.PREPROCESS, "VOI transform returned " + voi.get().length
                    + " values for " + image.pixelCount() + " pixels");
        }
        return voi;
    }

    /** The edge runs' array, at least {@code n} long. */
    private int[] edgeRuns(int n) {
        if (edgeRuns.length < n) {
            edgeRuns = new int[n];
        }
        return edgeRuns;
    }

    /**
     * The window table for the values {@code base..max} (with {@code base <= min}, the least counted value): entry
     * {@code k} is the windowed {@code value(base + k)}, 0 below {@code min}, where no value lies (re-allocated only
     * when the range changes size).
     */
    private float[] table(int base, int min, IntToDoubleFunction value, double lo, double range, boolean invert) {
        int n = stats.max() - base + 1;
        if (lut.length != n) {
            lut = new float[n];
        }
        Arrays.fill(lut, 0, min - base, 0f);
        for (int k = min - base; k < n; k++) {
            lut[k] = unit(value.applyAsDouble(base + k), lo, range, invert);
        }
        return lut;
    }
}
