package org.mammoembed.embed;

import java.util.Arrays;
import org.mammoembed.embed.preprocess.Geometry;
import org.mammoembed.embed.preprocess.ResizeMode;

/**
 * Two-pass separable resampling, horizontal pass first then vertical, each accumulated in float in tap order
 * (the order and precision of PyTorch's CPU kernels, so results match {@code interpolate} bit for bit or nearly).
 * The vertical pass makes each output row as soon as the horizontal pass has made its taps' rows, which wait in a
 * ring of a few dozen rows: the same sums in the same order as over a whole intermediate image, which never exists.
 * Holds its buffers, so one instance serves one thread at a time.
 *
 * <p>The horizontal pass asks its {@link RowSource} for eight source rows at a time and runs their eight sums side
 * by side: each output value is still summed alone and in tap order (bit for bit what one row at a time gives),
 * but eight independent dependency chains keep both floating-point adders busy instead of waiting on one chain
 * (eight instead of four took 0.97-0.98x the preprocessing CPU, README, Benchmarks). On
 * a 3328 x 2560 source to 224 wide (about 23 taps per output) this pass is most of the arithmetic of the recipe.
 * Where the source says its rows are zero (a mammogram's background, see {@link RowSource#fill}) the outputs whose
 * taps see only zeros are written as 0 without arithmetic.
 *
 * <p>Why not the vertical pass first, whose inner loop runs along a row and vectorises: it was measured 2 to 3 times
 * faster, but its sums differ from PyTorch's in order, and even computed exactly (in double) its results were 1.4e-6
 * from {@code interpolate}'s (PyTorch's own float rounding), against 7.2e-7 in PyTorch's order, over the 1e-6 this
 * project holds preprocessing parity to.
 */
final class SeparableResampler {
    /** Produces one source row on demand (lets the caller fuse a per-pixel transform into the first pass). */
    @FunctionalInterface
    interface RowSource {
        /**
         * Writes row {@code y} (length = source width) into {@code row} and returns the columns outside which it
         * is zero, as {@link #span}{@code (from, to)} (the values outside written as 0), or {@link #ALL}.
         */
        long fill(int y, float[] row);

        /**
         * {@link #fill(int, float[])} into a row that is already 0 outside columns {@code [dirtyFrom, dirtyTo)}
         * (what this row held before): a source may leave those zeros as they are instead of writing them again.
         */
        default long fill(int y, float[] row, int dirtyFrom, int dirtyTo) {
            return fill(y, row);
        }
    }

    /** Every column may be non-zero. */
    static final long ALL = span(0, Integer.MAX_VALUE);

    /** Columns {@code [from, to)}, packed for {@link RowSource#fill}. */
    static long span(int from, int to) {
        return (long) from << 32 | (to & 0xFFFFFFFFL);
    }

    private static final int LANES = 8;

    private final float[][] rows = new float[LANES][0];
    // the columns of each of those rows that may be non-zero (what its last fill said): a mammogram's rows are
    // mostly background, and the next row in the same array has nearly the same background, which is then not
    // written again; rowsWidth is the source width they were filled at
    private final int[] dirtyFrom = new int[LANES];
    private final int[] dirtyTo = new int[LANES];
    private int rowsWidth = -1;
    // the horizontal pass's rows, the last ring.length of them (a power of two): each output row of the vertical
    // pass is made as soon as its taps' rows are in, so the intermediate image never exists whole (3 MB for a
    // mammogram, against 57 KB for the 64 rows its 31 vertical taps and a block of eight need). One array per row,
    // and the vertical sums made in sums before they are copied out: C2 (JDK 17) vectorises a loop over arrays
    // indexed from 0, not one whose arrays are indexed from two different offsets (one flat ring into the plane),
    // and with the same sums in the same order the pass took a sixth of the time (README, Benchmarks)
    private float[][] ring = new float[0][];
    private float[] sums = new float[0];
    // the taps of the last image's axes: consecutive images of a study mostly share their size
    private AxisWeights lastRows;
    private AxisWeights lastCols;
    private ResizeMode lastMode;

    /**
     * Renders the {@code inH x inW} source into {@code plane} ({@code outH x outW}, row-major) as {@code geometry}
     * places it; wherever the image does not cover the output the value is 0.
     */
    void render(Geometry geometry, RowSource source, int inH, int inW, ResizeMode mode, int outH, int outW,
                float[] plane) {
        Geometry.Placement p = geometry.place(inH, inW, outH, outW);
        if (!p.covers(outH, outW)) {
            Arrays.fill(plane, 0, outH * outW, 0f);
        }
        resample(source, rowWeights(mode, inH, p.resizedHeight()), colWeights(mode, inW, p.resizedWidth()),
                p.top(), p.left(), p.height(), p.width(), plane, p.dstTop() * outW + p.dstLeft(), outW);
    }

    private AxisWeights rowWeights(ResizeMode mode, int in, int out) {
        forgetOtherMode(mode);
        if (lastRows == null || lastRows.inSize() != in || lastRows.outSize() != out) {
            lastRows = AxisWeights.of(mode, in, out);
        }
        return lastRows;
    }

    private AxisWeights colWeights(ResizeMode mode, int in, int out) {
        forgetOtherMode(mode);
        if (lastCols == null || lastCols.inSize() != in || lastCols.outSize() != out) {
            lastCols = AxisWeights.of(mode, in, out);
        }
        return lastCols;
    }

    /** The cached taps belong to one filter: a change of mode drops both axes, whichever is asked first. */
    private void forgetOtherMode(ResizeMode mode) {
        if (mode != lastMode) {
            lastRows = null;
            lastCols = null;
            lastMode = mode;
        }
    }

    private void resample(RowSource source, AxisWeights rowWeights, AxisWeights cols, int top, int left, int height,
                          int width, float[] dst, int dstOffset, int dstStride) {
        int inH = rowWeights.inSize();
        int inW = cols.inSize();
        if (inW != rowsWidth) {
            for (int k = 0; k < LANES; k++) {
                if (rows[k].length < inW) {
                    rows[k] = new float[inW];
                } else {
                    Arrays.fill(rows[k], 0f);
                }
                dirtyFrom[k] = 0;
                dirtyTo[k] = 0;
            }
            rowsWidth = inW;
        }
        int ringRows = ringRows(rowWeights, top, height);
        if (ring.length < ringRows || ring[0].length < width) {
            ring = new float[ringRows][width];
        }
        if (sums.length < width) {
            sums = new float[width];
        }
        int mask = ringRows - 1;
        int next = 0; // the next output row of the vertical pass
        int y = 0;
        for (; y + LANES <= inH; y += LANES) {
            int from = Integer.MAX_VALUE;
            int to = 0;
            for (int k = 0; k < LANES; k++) {
                fill(source, y + k, k, inW);
                if (dirtyFrom[k] < dirtyTo[k]) {
                    from = Math.min(from, dirtyFrom[k]);
                    to = Math.max(to, dirtyTo[k]);
                }
            }
            // a block of eight rows never wraps: y is a multiple of 8 and so is ringRows
            horizontalEight(cols, left, width, y & mask, from, to);
            next = vertical(rowWeights, top, next, height, y + LANES, mask, width, dst, dstOffset, dstStride);
        }
        for (; y < inH; y++) {
            fill(source, y, 0, inW);
            horizontalOne(cols, left, width, y & mask);
            next = vertical(rowWeights, top, next, height, y + 1, mask, width, dst, dstOffset, dstStride);
        }
    }

    /**
     * Row {@code y} into {@code rows[k]}, recording the columns the source says may be non-zero (within the row;
     * an empty span as 0, 0) as that array's dirty columns, which are also the span the horizontal pass skips by.
     */
    private void fill(RowSource source, int y, int k, int inW) {
        long span = source.fill(y, rows[k], dirtyFrom[k], dirtyTo[k]);
        int f = (int) (span >>> 32);
        int t = Math.min((int) span, inW);
        dirtyFrom[k] = f < t ? f : 0;
        dirtyTo[k] = f < t ? t : 0;
    }

    /**
     * Rows the ring needs: a power of two that holds the widest span of source rows one output row reads, plus a
     * block of eight. Enough because both filters' taps move forward with the output row (first and last index
     * never decrease): when a block overwrites the oldest rows, every output row still to be made starts after
     * them.
     */
    private static int ringRows(AxisWeights rowWeights, int top, int height) {
        int span = 1;
        for (int o = top; o < top + height; o++) {
            span = Math.max(span, lastTap(rowWeights, o) - rowWeights.index[o * rowWeights.stride] + 1);
        }
        return Integer.highestOneBit(span + LANES - 1) << 1;
    }

    /** The largest source index among output {@code o}'s taps (bicubic's clamp repeats the edge's). */
    private static int lastTap(AxisWeights w, int o) {
        int t = o * w.stride;
        int last = w.index[t];
        for (int j = t + 1; j < t + w.taps[o]; j++) {
            last = Math.max(last, w.index[j]);
        }
        return last;
    }

    /**
     * Eight rows' horizontal sums. An output whose taps all fall outside {@code [from, to)}, where the eight rows
     * are zero, is 0 without any arithmetic: on a mammogram the background windows to 0 (after the MONOCHROME1
     * inversion too) and covers half the detector or more. Skipping exact zeros changes no bit of the others.
     */
    private void horizontalEight(AxisWeights cols, int left, int width, int first, int from, int to) {
        float[] r0 = rows[0];
        float[] r1 = rows[1];
        float[] r2 = rows[2];
        float[] r3 = rows[3];
        float[] r4 = rows[4];
        float[] r5 = rows[5];
        float[] r6 = rows[6];
        float[] r7 = rows[7];
        int[] taps = cols.taps;
        int[] index = cols.index;
        float[] weight = cols.weight;
        int stride = cols.stride;
        float[] h0 = ring[first];
        float[] h1 = ring[first + 1];
        float[] h2 = ring[first + 2];
        float[] h3 = ring[first + 3];
        float[] h4 = ring[first + 4];
        float[] h5 = ring[first + 5];
        float[] h6 = ring[first + 6];
        float[] h7 = ring[first + 7];
        for (int x = 0; x < width; x++) {
            int o = left + x;
            int t = o * stride;
            int n = taps[o];
            int i = index[t];
            if (i >= to || index[t + n - 1] < from) {
                h0[x] = 0f;
                h1[x] = 0f;
                h2[x] = 0f;
                h3[x] = 0f;
                h4[x] = 0f;
                h5[x] = 0f;
                h6[x] = 0f;
                h7[x] = 0f;
                continue;
            }
            float w = weight[t];
            float s0 = r0[i] * w;
            float s1 = r1[i] * w;
            float s2 = r2[i] * w;
            float s3 = r3[i] * w;
            float s4 = r4[i] * w;
            float s5 = r5[i] * w;
            float s6 = r6[i] * w;
            float s7 = r7[i] * w;
            if (i + n <= r0.length && index[t + n - 1] == i + n - 1) {
                // consecutive taps (every output away from a clamped edge): no index loads
                for (int j = 1; j < n; j++) {
                    w = weight[t + j];
                    s0 += r0[i + j] * w;
                    s1 += r1[i + j] * w;
                    s2 += r2[i + j] * w;
                    s3 += r3[i + j] * w;
                    s4 += r4[i + j] * w;
                    s5 += r5[i + j] * w;
                    s6 += r6[i + j] * w;
                    s7 += r7[i + j] * w;
                }
            } else {
                for (int j = t + 1; j < t + n; j++) {
                    i = index[j];
                    w = weight[j];
                    s0 += r0[i] * w;
                    s1 += r1[i] * w;
                    s2 += r2[i] * w;
                    s3 += r3[i] * w;
                    s4 += r4[i] * w;
                    s5 += r5[i] * w;
                    s6 += r6[i] * w;
                    s7 += r7[i] * w;
                }
            }
            h0[x] = s0;
            h1[x] = s1;
            h2[x] = s2;
            h3[x] = s3;
            h4[x] = s4;
            h5[x] = s5;
            h6[x] = s6;
            h7[x] = s7;
        }
    }

    private void horizontalOne(AxisWeights cols, int left, int width, int row) {
        float[] r0 = rows[0];
        float[] horizontal = ring[row];
        for (int x = 0; x < width; x++) {
            int o = left + x;
            int t = o * cols.stride;
            int end = t + cols.taps[o];
            float s = r0[cols.index[t]] * cols.weight[t];
            for (int j = t + 1; j < end; j++) {
                s += r0[cols.index[j]] * cols.weight[j];
            }
            horizontal[x] = s;
        }
    }

    /**
     * The vertical pass for output rows {@code next, next + 1, ...} whose taps all lie in the {@code produced}
     * source rows made so far (held in the ring at row {@code index & mask}), in the order of the whole pass.
     *
     * @return the first output row not made yet
     */
    private int vertical(AxisWeights rowWeights, int top, int next, int height, int produced, int mask, int width,
                         float[] dst, int dstOffset, int dstStride) {
        float[][] horizontal = ring;
        float[] sum = sums;
        int r = next;
        for (; r < height && lastTap(rowWeights, top + r) < produced; r++) {
            int o = top + r;
            int t = o * rowWeights.stride;
            int n = rowWeights.taps[o];
            scaled(horizontal[rowWeights.index[t] & mask], rowWeights.weight[t], sum, width);
            for (int j = 1; j < n; j++) {
                addScaled(horizontal[rowWeights.index[t + j] & mask], rowWeights.weight[t + j], sum, width);
            }
            System.arraycopy(sum, 0, dst, dstOffset + r * dstStride, width);
        }
        return r;
    }

    /** {@code sum[x] = row[x] * w} for {@code x < n}. */
    private static void scaled(float[] row, float w, float[] sum, int n) {
        for (int x = 0; x < n; x++) {
            sum[x] = row[x] * w;
        }
    }

    /** {@code sum[x] += row[x] * w} for {@code x < n}: a multiply then an add, each rounded, as in PyTorch's loop. */
    private static void addScaled(float[] row, float w, float[] sum, int n) {
        for (int x = 0; x < n; x++) {
            sum[x] += row[x] * w;
        }
    }
}
