package org.mammoembed.dicom.codec;

import java.util.Arrays;

import org.mammoembed.dicom.DicomException;

/**
 * Decodes the coded data of one JPEG-LS scan (T.87 Annex A, and Annex B for several components) into an
 * interleaved sample array. Components of a line-interleaved (ILV=1) or sample-interleaved (ILV=2) scan share
 * one context model; each component keeps its own run index, except in sample interleaving where a run covers
 * whole pixels.
 */
final class JpegLsScanDecoder {
    /** Run-length order J[RUNindex] (A.7.1.1). */
    static final int[] J = {0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3,
        4, 4, 5, 5, 6, 6, 7, 7, 8, 9, 10, 11, 12, 13, 14, 15};

    private final JpegLsBitReader in;
    private final JpegLsContextModel model;
    private final int width;
    private final int height;
    private final int near;
    private final int restartInterval;
    /** Quantised gradient for each difference d, at index d + quantOffset (A.3.3). */
    private final byte[] quant;
    private final int quantOffset;
    private final int[] runIndex;
    /** Per component contexts of the current pixel (sample interleaving), reused to avoid allocation. */
    private final int[] pixelContexts;

    JpegLsScanDecoder(JpegLsBitReader in, JpegLsCodingParameters params, int width, int height,
                      int components, int restartInterval) {
        this.in = in;
        this.model = new JpegLsContextModel(in, params);
        this.width = width;
        this.height = height;
        this.near = params.near();
        this.restartInterval = restartInterval;
        this.quantOffset = params.maxVal();
        this.quant = new byte[2 * params.maxVal() + 1];
        for (int d = -params.maxVal(); d <= params.maxVal(); d++) {
            quant[d + quantOffset] = (byte) quantizeGradient(d, params);
        }
        this.runIndex = new int[components];
        this.pixelContexts = new int[components];
    }

    /** The gradient quantisation of A.3.3: -4..4. */
    static int quantizeGradient(int d, JpegLsCodingParameters p) {
        if (d <= -p.t3()) {
            return -4;
        } else if (d <= -p.t2()) {
            return -3;
        } else if (d <= -p.t1()) {
            return -2;
        } else if (d < -p.near()) {
            return -1;
        } else if (d <= p.near()) {
            return 0;
        } else if (d < p.t1()) {
            return 1;
        } else if (d < p.t2()) {
            return 2;
        } else if (d < p.t3()) {
            return 3;
        }
        return 4;
    }

    /**
     * Decodes the scan.
     *
     * @param out             rows * columns * frameComponents samples, interleaved, as 16-bit words (MAXVAL is
     *                        at most 65535)
     * @param frameComponents samples per pixel in {@code out}
     * @param components      for each scan component in order, its index in the frame
     * @param interleave      ILV: 0 (one component), 1 (line) or 2 (sample)
     */
    void decode(short[] out, int frameComponents, int[] components, int interleave) throws DicomException {
        int count = components.length;
        int[][] previous = new int[count][width + 2];
        int[][] current = new int[count][width + 2];
        int restartIndex = 0;
        for (int y = 0; y < height; y++) {
            if (restartInterval > 0 && y > 0 && y % restartInterval == 0) {
                in.restart(restartIndex);
                restartIndex = (restartIndex + 1) & 7;
                model.resetStatistics();
                Arrays.fill(runIndex, 0);
                // a restart interval is coded as if it began the image: its first line has no line above
                for (int[] line : previous) {
                    Arrays.fill(line, 0);
                }
            }
            for (int ci = 0; ci < count; ci++) {
                previous[ci][width + 1] = previous[ci][width];
                current[ci][0] = previous[ci][1];
            }
            if (interleave == 2 && count > 1) {
                decodePixelInterleavedLine(previous, current);
            } else {
                for (int ci = 0; ci < count; ci++) {
                    decodeLine(previous[ci], current[ci], ci);
                }
            }
            for (int ci = 0; ci < count; ci++) {
                int[] line = current[ci];
                int o = y * width * frameComponents + components[ci];
                for (int x = 1; x <= width; x++, o += frameComponents) {
                    out[o] = (short) line[x];
                }
            }
            int[][] swap = previous;
            previous = current;
            current = swap;
        }
    }

    private int context(int ra, int rb, int rc, int rd) {
        return context(quant[rd - rb + quantOffset], quant[rb - rc + quantOffset], quant[rc - ra + quantOffset]);
    }

    /** The context number of the quantised gradients Rd - Rb, Rb - Rc and Rc - Ra (A.3.3, before the sign). */
    private static int context(int qdb, int qbc, int qca) {
        return 81 * qdb + 9 * qbc + qca;
    }

    private void decodeLine(int[] prev, int[] cur, int component) throws DicomException {
        // the neighbours slide along the line in locals: Ra is the sample just decoded, Rc and Rb were Rb and Rd,
        // and the quantised Rd - Rb becomes the next pixel's Rb - Rc (no reloads, fewer table look-ups)
        byte[] q = quant;
        int off = quantOffset;
        int x = 1;
        int ra = cur[0];
        int rc = prev[0];
        int rb = prev[1];
        int qbc = q[rb - rc + off];
        while (x <= width) {
            int rd = prev[x + 1];
            int qdb = q[rd - rb + off];
            int ctx = context(qdb, qbc, q[rc - ra + off]);
            if (ctx == 0) {
                x = decodeRun(prev, cur, x, component);
                if (x > width) {
                    return;
                }
                ra = cur[x - 1];
                rc = prev[x - 1];
                rb = prev[x];
                qbc = q[rb - rc + off];
            } else {
                // the first non-zero quantised gradient decides the sign, which is the sign of ctx
                int sign = (ctx >> 31) | 1;
                int normalised = ctx * sign;
                // two calls rather than decodeRegular: C2 inlines a method only while its own compiled code is
                // under 2,500 bytes (InlineSmallCode), and decodeRegular, compiled alone first as it got hot, was
                // over it, so every pixel paid a call and reloaded the model's fields. Each half is under it and
                // lands in this loop (decoding 0.95x the time, corpus and phantoms; README, Benchmarks)
                ra = model.updateRegular(normalised, sign, JpegLsContextModel.predict(ra, rb, rc),
                        model.readRegularError(normalised));
                cur[x] = ra;
                x++;
                rc = rb;
                rb = rd;
                qbc = qdb;
            }
        }
    }

    /**
     * Reads the length of a run starting at x (A.7.1.2) and fills it with Ra.
     *
     * @return the run length; x + length == width + 1 when the run reached the end of the line, otherwise
     *         the sample at x + length interrupts it
     */
    private int readRunLength(int x, int runIndexSlot) throws DicomException {
        int remaining = width + 1 - x;
        int ri = runIndex[runIndexSlot];
        int length = 0;
        while (length < remaining && in.readBit() == 1) {
            int step = 1 << J[ri];
            if (step <= remaining - length) {
                length += step;
                if (ri < 31) {
                    ri++;
                }
            } else {
                length = remaining;
            }
        }
        if (length < remaining) {
            int tail = in.readBits(J[ri]);
            if (tail >= remaining - length) {
                throw DicomException.decode("run of " + (length + tail) + " samples overruns the line ("
                        + remaining + " left)");
            }
            length += tail;
        }
        runIndex[runIndexSlot] = ri;
        return length;
    }

    private int decodeRun(int[] prev, int[] cur, int x, int component) throws DicomException {
        int ra = cur[x - 1];
        int length = readRunLength(x, component);
        int end = x + length;
        Arrays.fill(cur, x, end, ra);
        if (end > width) {
            return end;
        }
        int rb = prev[end];
        int ri = runIndex[component];
        int riType = Math.abs(ra - rb) <= near ? 1 : 0;
        cur[end] = model.decodeRunInterruption(ra, rb, riType, J[ri]);
        if (ri > 0) {
            runIndex[component] = ri - 1;
        }
        return end + 1;
    }

    private void decodePixelInterleavedLine(int[][] prev, int[][] cur) throws DicomException {
        int count = prev.length;
        int x = 1;
        while (x <= width) {
            boolean flat = true;
            for (int ci = 0; ci < count; ci++) {
                int[] p = prev[ci];
                int ctx = context(cur[ci][x - 1], p[x], p[x - 1], p[x + 1]);
                pixelContexts[ci] = ctx;
                flat &= ctx == 0;
            }
            if (flat) {
                x = decodePixelRun(prev, cur, x);
                continue;
            }
            for (int ci = 0; ci < count; ci++) {
                int[] p = prev[ci];
                int ctx = pixelContexts[ci];
                int sign = (ctx >> 31) | 1;
                cur[ci][x] = model.decodeRegular(ctx * sign, sign,
                        JpegLsContextModel.predict(cur[ci][x - 1], p[x], p[x - 1]));
            }
            x++;
        }
    }

    private int decodePixelRun(int[][] prev, int[][] cur, int x) throws DicomException {
        int length = readRunLength(x, 0);
        int end = x + length;
        for (int ci = 0; ci < cur.length; ci++) {
            Arrays.fill(cur[ci], x, end, cur[ci][x - 1]);
        }
        if (end > width) {
            return end;
        }
        int ri = runIndex[0];
        for (int ci = 0; ci < cur.length; ci++) {
            // as CharLS (the encoder behind DICOM's JPEG-LS) does: every component of an interrupting pixel
            // is coded with the RItype 0 context, predicted from Rb
            cur[ci][end] = model.decodeRunInterruption(cur[ci][end - 1], prev[ci][end], 0, J[ri]);
        }
        if (ri > 0) {
            runIndex[0] = ri - 1;
        }
        return end + 1;
    }
}
