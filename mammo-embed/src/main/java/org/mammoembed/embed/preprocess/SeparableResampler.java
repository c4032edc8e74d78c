package org.mammoembed.embed.preprocess;

/**
 * Two-pass separable resampling, horizontal pass first then vertical, each accumulated in float in tap order
 * (the order and precision of PyTorch's CPU kernels, so results match {@code interpolate} bit for bit or nearly).
 * Holds its intermediate buffers, so one instance serves one thread at a time.
 */
public final class SeparableResampler {
    /** Produces one source row on demand (lets the caller fuse a per-pixel transform into the first pass). */
    @FunctionalInterface
    public interface RowSource {
        /** Writes row {@code y} (length = source width) into {@code row}. */
        void fill(int y, float[] row);
    }

    private float[] row = new float[0];
    private float[] horizontal = new float[0];

    /**
     * Resamples an {@code inH x inW} source to {@code outH x outW} with {@code mode} and writes the output window
     * {@code [top, top + height) x [left, left + width)} (a crop of the full output; the whole of it when
     * top = left = 0, height = outH, width = outW) into {@code dst}, window row {@code r} at
     * {@code dstOffset + r * dstStride}.
     */
    public void resample(RowSource source, int inH, int inW, ResizeMode mode, int outH, int outW,
                         int top, int left, int height, int width, float[] dst, int dstOffset, int dstStride) {
        if (top < 0 || left < 0 || height <= 0 || width <= 0 || top + height > outH || left + width > outW) {
            throw new IllegalArgumentException("window " + height + "x" + width + " at (" + top + ", " + left
                    + ") is outside the " + outH + "x" + outW + " output");
        }
        resample(source, mode.weights(inH, outH), mode.weights(inW, outW), top, left, height, width,
                dst, dstOffset, dstStride);
    }

    private void resample(RowSource source, AxisWeights rows, AxisWeights cols, int top, int left, int height,
                          int width, float[] dst, int dstOffset, int dstStride) {
        int inH = rows.inSize();
        int inW = cols.inSize();
        if (row.length < inW) {
            row = new float[inW];
        }
        if (horizontal.length < (long) inH * width) {
            horizontal = new float[inH * width];
        }
        for (int y = 0; y < inH; y++) {
            source.fill(y, row);
            int base = y * width;
            for (int x = 0; x < width; x++) {
                int o = left + x;
                int n = cols.taps(o);
                float t = row[cols.index(o, 0)] * cols.weight(o, 0);
                for (int j = 1; j < n; j++) {
                    t += row[cols.index(o, j)] * cols.weight(o, j);
                }
                horizontal[base + x] = t;
            }
        }
        for (int r = 0; r < height; r++) {
            int o = top + r;
            int n = rows.taps(o);
            int out = dstOffset + r * dstStride;
            int src0 = rows.index(o, 0) * width;
            float w0 = rows.weight(o, 0);
            for (int x = 0; x < width; x++) {
                dst[out + x] = horizontal[src0 + x] * w0;
            }
            for (int j = 1; j < n; j++) {
                int src = rows.index(o, j) * width;
                float w = rows.weight(o, j);
                for (int x = 0; x < width; x++) {
                    dst[out + x] += horizontal[src + x] * w;
                }
            }
        }
    }
}
