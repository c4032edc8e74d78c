package org.mammoembed.dicom.codec;

import static org.mammoembed.dicom.codec.BigEndian.u16;

import org.mammoembed.dicom.DicomException;

/**
 * Our own decoder for sequential DCT JPEG with Huffman coding (ISO 10918-1 processes 1, 2 and 4: SOF0/SOF1,
 * 8- or 12-bit), for the 12-bit streams of JPEG Extended (1.2.840.10008.1.2.4.51) that the JDK's libjpeg
 * cannot decode. Components come out as coded (no colour conversion); subsampled components are upsampled
 * by pixel replication. Progressive and arithmetic-coded streams are not handled here.
 */
final class SequentialDctDecoder {
    private static final int[] ZIGZAG = {
        0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14,
        21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53,
        60, 61, 54, 47, 55, 62, 63};
    /** COS[x][u] = C(u)/2 * cos((2x+1) u pi / 16), the separable 8-point IDCT basis (A.3.3). */
    private static final double[][] COS = new double[8][8];

    static {
        for (int x = 0; x < 8; x++) {
            for (int u = 0; u < 8; u++) {
                COS[x][u] = (u == 0 ? Math.sqrt(0.5) : 1.0) / 2 * Math.cos((2 * x + 1) * u * Math.PI / 16);
            }
        }
    }

    private static final class Component {
        int id;
        int h;
        int v;
        int quantTable;
        int blocksPerLine;
        int blocksPerColumn;
        int[] plane;
        int dcPredictor;
        JpegEntropyReader.Table dc;
        JpegEntropyReader.Table ac;
    }

    private final String ts;
    private final int[][] quant = new int[4][];
    private final JpegEntropyReader.Table[] dcTables = new JpegEntropyReader.Table[4];
    private final JpegEntropyReader.Table[] acTables = new JpegEntropyReader.Table[4];
    private Component[] components;
    private int precision;
    private int rows;
    private int columns;
    private int hMax = 1;
    private int vMax = 1;
    private int restartInterval;

    private SequentialDctDecoder(String ts) {
        this.ts = ts;
    }

    /** Decodes {@code s} to interleaved samples, rows * columns * components of them. */
    static int[] decode(byte[] s, String transferSyntaxUid) throws DicomException {
        SequentialDctDecoder d = new SequentialDctDecoder(transferSyntaxUid);
        try {
            d.readStream(s);
        } catch (JpegEntropyReader.CorruptData e) {
            throw DecodeErrors.corrupt(transferSyntaxUid, e.getMessage());
        } catch (RuntimeException e) {
            // bounds of a malformed segment: report, never escape
            throw DecodeErrors.fromPlugin(transferSyntaxUid, "12-bit JPEG decoding", e);
        }
        return d.interleave();
    }

    private void readStream(byte[] s) throws DicomException, JpegEntropyReader.CorruptData {
        boolean sawScan = false;
        JpegSegments seg = new JpegSegments(s, ts);
        while (seg.next()) {
            int body = seg.body();
            int end = seg.end();
            switch (seg.marker()) {
                case 0xDB -> readQuantTables(s, body, end);
                case 0xC4 -> readHuffmanTables(s, body, end);
                case 0xDD -> restartInterval = u16(s, body);
                case 0xC0, 0xC1 -> readFrame(s, body);
                case 0xDA -> {
                    seg.resumeAt(readScan(s, body, end));
                    sawScan = true;
                }
                default -> {
                    int marker = seg.marker();
                    if (marker >= 0xC2 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
                        throw DecodeErrors.corrupt(ts, "JPEG process of marker 0xFF"
                                + Integer.toHexString(marker).toUpperCase() + " is not supported at 12 bits");
                    }
                }
            }
        }
        if (!sawScan) {
            throw DecodeErrors.corrupt(ts, "JPEG stream has no scan");
        }
    }

    private void readQuantTables(byte[] s, int pos, int end) throws DicomException {
        while (pos < end) {
            int pq = (s[pos] & 0xFF) >> 4;
            int tq = s[pos] & 0x0F;
            pos++;
            if (tq > 3 || pos + 64 * (pq + 1) > end) {
                throw DecodeErrors.corrupt(ts, "JPEG quantisation table segment is malformed");
            }
            int[] table = new int[64];
            for (int k = 0; k < 64; k++) {
                table[k] = pq == 0 ? s[pos++] & 0xFF : u16(s, (pos += 2) - 2);
            }
            quant[tq] = table;
        }
    }

    private void readHuffmanTables(byte[] s, int pos, int end) throws DicomException,
            JpegEntropyReader.CorruptData {
        HuffmanTableSegment.<JpegEntropyReader.CorruptData>read(s, pos, end, 1, ts,
                (tc, th, counts, values) -> (tc == 0 ? dcTables : acTables)[th]
                        = new JpegEntropyReader.Table(counts, values));
    }

    private void readFrame(byte[] s, int pos) throws DicomException {
        precision = s[pos] & 0xFF;
        rows = u16(s, pos + 1);
        columns = u16(s, pos + 3);
        int count = s[pos + 5] & 0xFF;
        if ((precision != 8 && precision != 12) || rows == 0 || columns == 0 || count == 0 || count > 4) {
            throw DecodeErrors.corrupt(ts, "JPEG frame header is unsupported (precision " + precision + ", "
                    + rows + " x " + columns + ", " + count + " components)");
        }
        components = new Component[count];
        for (int i = 0; i < count; i++) {
            Component c = new Component();
            c.id = s[pos + 6 + 3 * i] & 0xFF;
            c.h = (s[pos + 7 + 3 * i] & 0xFF) >> 4;
            c.v = s[pos + 7 + 3 * i] & 0x0F;
            c.quantTable = s[pos + 8 + 3 * i] & 0xFF;
            if (c.h < 1 || c.h > 4 || c.v < 1 || c.v > 4 || c.quantTable > 3) {
                throw DecodeErrors.corrupt(ts, "JPEG component " + c.id + " has invalid sampling or table");
            }
            hMax = Math.max(hMax, c.h);
            vMax = Math.max(vMax, c.v);
            components[i] = c;
        }
        int mcusPerLine = ceilDiv(columns, 8 * hMax);
        int mcusPerColumn = ceilDiv(rows, 8 * vMax);
        for (Component c : components) {
            c.blocksPerLine = mcusPerLine * c.h;
            c.blocksPerColumn = mcusPerColumn * c.v;
            c.plane = new int[c.blocksPerLine * 8 * c.blocksPerColumn * 8];
        }
    }

    /** Decodes one scan; returns the offset of the marker that follows its entropy-coded data. */
    private int readScan(byte[] s, int pos, int end) throws DicomException, JpegEntropyReader.CorruptData {
        if (components == null) {
            throw DecodeErrors.corrupt(ts, "JPEG scan before the frame header");
        }
        int count = s[pos] & 0xFF;
        if (count < 1 || count > components.length || end != pos + 4 + 2 * count) {
            throw DecodeErrors.corrupt(ts, "JPEG scan header is malformed");
        }
        Component[] scan = new Component[count];
        for (int i = 0; i < count; i++) {
            int id = s[pos + 1 + 2 * i] & 0xFF;
            int tables = s[pos + 2 + 2 * i] & 0xFF;
            for (Component c : components) {
                if (c.id == id) {
                    scan[i] = c;
                }
            }
            if (scan[i] == null || (tables >> 4) > 3 || (tables & 15) > 3 || dcTables[tables >> 4] == null
                    || acTables[tables & 15] == null || quant[scan[i].quantTable] == null) {
                throw DecodeErrors.corrupt(ts, "JPEG scan refers to a missing component or table");
            }
            scan[i].dc = dcTables[tables >> 4];
            scan[i].ac = acTables[tables & 15];
            scan[i].dcPredictor = 0;
        }
        JpegEntropyReader in = new JpegEntropyReader(s, end, s.length);
        int[] coefficients = new int[64];
        double[] block = new double[64];
        double[] scratch = new double[128];
        boolean single = count == 1;
        // a single-component scan covers only the component's own blocks, not the MCU padding (A.2.2)
        int across = single ? ceilDiv(ceilDiv(columns * scan[0].h, hMax), 8) : components[0].blocksPerLine
                / components[0].h;
        int down = single ? ceilDiv(ceilDiv(rows * scan[0].v, vMax), 8) : components[0].blocksPerColumn
                / components[0].v;
        int mcu = 0;
        int restarts = 0;
        for (int my = 0; my < down; my++) {
            for (int mx = 0; mx < across; mx++) {
                if (restartInterval > 0 && mcu > 0 && mcu % restartInterval == 0) {
                    in.restart(restarts++ & 7);
                    for (Component c : scan) {
                        c.dcPredictor = 0;
                    }
                }
                for (Component c : scan) {
                    int h = single ? 1 : c.h;
                    int v = single ? 1 : c.v;
                    for (int by = 0; by < v; by++) {
                        for (int bx = 0; bx < h; bx++) {
                            decodeBlock(in, c, coefficients);
                            idct(coefficients, quant[c.quantTable], scratch, block);
                            store(block, c, (my * v + by) * 8, (mx * h + bx) * 8);
                        }
                    }
                }
                mcu++;
            }
        }
        return nextMarker(s, in.position());
    }

    /** Skips padding after a scan's coded data to the next marker that is not a restart marker. */
    private static int nextMarker(byte[] s, int pos) {
        while (pos + 1 < s.length) {
            int b = s[pos + 1] & 0xFF;
            if ((s[pos] & 0xFF) == 0xFF && b != 0 && b != 0xFF && (b < 0xD0 || b > 0xD7)) {
                return pos;
            }
            pos++;
        }
        return s.length;
    }

    private static void decodeBlock(JpegEntropyReader in, Component c, int[] zz) throws JpegEntropyReader.CorruptData {
        java.util.Arrays.fill(zz, 0);
        int t = in.decode(c.dc);
        c.dcPredictor += in.receiveExtend(t);
        zz[0] = c.dcPredictor;
        for (int k = 1; k < 64; ) {
            int rs = in.decode(c.ac);
            int r = rs >> 4;
            int size = rs & 15;
            if (size == 0) {
                if (r != 15) {
                    break;
                }
                k += 16;
                continue;
            }
            k += r;
            if (k > 63) {
                throw new JpegEntropyReader.CorruptData("JPEG AC coefficient index past 63");
            }
            zz[k++] = in.receiveExtend(size);
        }
    }

    /**
     * Dequantises the zig-zag coefficients and applies the 8 x 8 inverse DCT (A.3.3) into {@code out};
     * {@code scratch} (128 doubles) holds the coefficients and the column pass, so no block allocates.
     */
    private static void idct(int[] zz, int[] q, double[] scratch, double[] out) {
        java.util.Arrays.fill(scratch, 0, 64, 0);
        for (int k = 0; k < 64; k++) {
            if (zz[k] != 0) {
                scratch[ZIGZAG[k]] = (double) zz[k] * q[k];
            }
        }
        for (int y = 0; y < 8; y++) {
            double[] basis = COS[y];
            for (int u = 0; u < 8; u++) {
                double sum = 0;
                for (int v = 0; v < 8; v++) {
                    sum += basis[v] * scratch[v * 8 + u];
                }
                scratch[64 + y * 8 + u] = sum;
            }
        }
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                double sum = 0;
                for (int u = 0; u < 8; u++) {
                    sum += COS[x][u] * scratch[64 + y * 8 + u];
                }
                out[y * 8 + x] = sum;
            }
        }
    }

    private void store(double[] block, Component c, int top, int left) {
        int width = c.blocksPerLine * 8;
        int level = 1 << (precision - 1);
        int max = (1 << precision) - 1;
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                long v = Math.round(block[y * 8 + x]) + level;
                c.plane[(top + y) * width + left + x] = (int) Math.max(0, Math.min(max, v));
            }
        }
    }

    private int[] interleave() {
        int n = components.length;
        int[] out = new int[rows * columns * n];
        for (int i = 0; i < n; i++) {
            Component c = components[i];
            int width = c.blocksPerLine * 8;
            for (int y = 0; y < rows; y++) {
                int sy = y * c.v / vMax;
                for (int x = 0; x < columns; x++) {
                    out[(y * columns + x) * n + i] = c.plane[sy * width + x * c.h / hMax];
                }
            }
        }
        return out;
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
