package org.mammoembed.dicom.codec;

/**
 * Reconstructs the lines of one lossless JPEG scan from its differences (ISO 10918-1 H.1.2.1): prediction from
 * the neighbours Ra (left), Rb (above) and Rc (above left), in 16-bit modular arithmetic. Writes the
 * samples of the scan's components into the frame's interleaved 16-bit words, before any point transform.
 */
final class LosslessLines {
    private final short[] samples;
    private final int columns;
    private final int nf;
    private final int[] offsets;
    private final int predictor;
    private final int initial;

    /**
     * @param samples   the frame's interleaved samples, rows * columns * nf, each read unsigned
     * @param nf        components in the frame (the stride between two samples of one component)
     * @param offsets   for each component of the scan, its index in the frame
     * @param predictor the scan's selection value, 1..7
     * @param initial   2^(P-Pt-1), the prediction of the first sample of the scan and of each restart interval
     */
    LosslessLines(short[] samples, int columns, int nf, int[] offsets, int predictor, int initial) {
        this.samples = samples;
        this.columns = columns;
        this.nf = nf;
        this.offsets = offsets;
        this.predictor = predictor;
        this.initial = initial;
    }

    /** Decodes {@code rows} lines, restarting (RST markers) every {@code linesPerInterval} lines. */
    void decode(LosslessBitReader in, LosslessHuffmanTable[] tables, int rows, int linesPerInterval)
            throws JpegEntropyReader.CorruptData {
        int ns = offsets.length;
        int[] diffs = new int[columns * ns];
        int rst = 0;
        for (int y = 0; y < rows; y++) {
            boolean first = y % linesPerInterval == 0;
            if (first && y > 0) {
                in.restart(rst);
                rst = (rst + 1) & 7;
            }
            in.decode(diffs, 0, diffs.length, tables, ns);
            int lineStart = y * columns * nf;
            for (int c = 0; c < ns; c++) {
                if (first) {
                    firstLine(diffs, c, ns, lineStart + offsets[c]);
                } else {
                    line(diffs, c, ns, lineStart + offsets[c]);
                }
            }
        }
    }

    /** The first line of a scan or restart interval: predicted from the left. */
    private void firstLine(int[] d, int di, int ds, int at) {
        short[] o = samples;
        int s = nf;
        int ra = initial + d[di];
        o[at] = (short) ra;
        for (int x = 1; x < columns; x++) {
            ra += d[di + x * ds];
            o[at + x * s] = (short) ra;
        }
    }

    private void line(int[] d, int di, int ds, int at) {
        short[] o = samples;
        int s = nf;
        int up = at - columns * s;
        int rb = o[up] & 0xFFFF;
        int ra = (rb + d[di]) & 0xFFFF;
        o[at] = (short) ra;
        int n = columns;
        if (s == 1 && ds == 1 && predictor == 1) {
            // one component, left prediction (a mammogram's usual stream): unit strides, which C2 unrolls
            // left prediction makes each sample a running sum of differences: its low 16 bits, all that is stored,
            // need no mask along the way (an int wraps modulo 2^32, which keeps them), one operation less on the
            // chain from sample to sample (measured: decoding took 0.92-0.93x the time)
            for (int x = 1; x < n; x++) {
                ra += d[di + x];
                o[at + x] = (short) ra;
            }
            return;
        }
        switch (predictor) {
            case 1 -> {
                for (int x = 1; x < n; x++) {
                    ra += d[di + x * ds];
                    o[at + x * s] = (short) ra;
                }
            }
            case 2 -> {
                for (int x = 1; x < n; x++) {
                    // the sum's low 16 bits are the same whether the word is read signed or not
                    o[at + x * s] = (short) (o[up + x * s] + d[di + x * ds]);
                }
            }
            case 3 -> {
                for (int x = 1; x < n; x++) {
                    o[at + x * s] = (short) (o[up + (x - 1) * s] + d[di + x * ds]);
                }
            }
            default -> {
                for (int x = 1; x < n; x++) {
                    int rc = rb;
                    rb = o[up + x * s] & 0xFFFF;
                    ra = (predict(ra, rb, rc) + d[di + x * ds]) & 0xFFFF;
                    o[at + x * s] = (short) ra;
                }
            }
        }
    }

    private int predict(int ra, int rb, int rc) {
        return switch (predictor) {
            case 4 -> ra + rb - rc;
            case 5 -> ra + ((rb - rc) >> 1);
            case 6 -> rb + ((ra - rc) >> 1);
            default -> (ra + rb) >> 1;
        };
    }
}
