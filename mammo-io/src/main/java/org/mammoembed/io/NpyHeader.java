package org.mammoembed.io;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The header of a NumPy {@code .npy} file (format versions 1.0 to 3.0): the magic string, version, header
 * length and the Python dict literal giving dtype, memory order and shape. Only little-endian float32 in C
 * order is supported, the layout of embeddings and of the model reference tensors.
 *
 * @param shape the array's shape, any rank (a scalar has rank 0)
 * @param dataOffset byte offset of the first value
 */
record NpyHeader(long[] shape, int dataOffset) {
    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** Header size the writer reserves (magic to newline), so the final shape always fits in place. */
    static final int WRITER_HEADER_BYTES = 128;

    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    NpyHeader {
        shape = shape.clone();
    }

    /** Number of values: the product of the shape. */
    long count() {
        long n = 1;
        for (long s : shape) {
            n = Math.multiplyExact(n, s);
        }
        return n;
    }

    /**
     * The version 1.0 header for a float32 C-order array, padded with spaces to exactly
     * {@link #WRITER_HEADER_BYTES} bytes (a multiple of 64, as the format asks).
     */
    static byte[] encodeV1(long... shape) {
        StringBuilder dims = new StringBuilder();
        for (long s : shape) {
            dims.append(s).append(", ");
        }
        String tuple = shape.length == 1 ? dims.toString().trim() : dims.toString().replaceAll(", $", "");
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + tuple + "), }";
        int textLength = WRITER_HEADER_BYTES - 10;
        if (dict.length() + 1 > textLength) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " does not fit the npy header");
        }
        byte[] out = new byte[WRITER_HEADER_BYTES];
        System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
        out[6] = 1;
        out[7] = 0;
        out[8] = (byte) textLength;
        out[9] = (byte) (textLength >>> 8);
        byte[] text = dict.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, out, 10, text.length);
        Arrays.fill(out, 10 + text.length, WRITER_HEADER_BYTES - 1, (byte) ' ');
        out[WRITER_HEADER_BYTES - 1] = '\n';
        return out;
    }

    /**
     * Parses the start of a file.
     *
     * @param head at least the first 12 bytes; more if the header text is longer
     * @param length valid bytes in {@code head}
     * @return the header, or throws when the file is not a supported npy file
     */
    static NpyHeader decode(byte[] head, int length) throws NpyFormatException {
        if (length < 10 || !Arrays.equals(Arrays.copyOf(head, 6), MAGIC)) {
            throw new NpyFormatException("not a .npy file (missing the \\x93NUMPY magic)");
        }
        int major = head[6] & 0xFF;
        int textLength;
        int prefix;
        if (major == 1) {
            textLength = (head[8] & 0xFF) | (head[9] & 0xFF) << 8;
            prefix = 10;
        } else if (major == 2 || major == 3) {
            if (length < 12) {
                throw new NpyFormatException("truncated .npy header");
            }
            long l = (head[8] & 0xFFL) | (head[9] & 0xFFL) << 8 | (head[10] & 0xFFL) << 16 | (head[11] & 0xFFL) << 24;
            if (l > 1 << 20) {
                throw new NpyFormatException(".npy header of " + l + " bytes is implausibly long");
            }
            textLength = (int) l;
            prefix = 12;
        } else {
            throw new NpyFormatException("unsupported .npy format version " + major);
        }
        if (length < prefix + textLength) {
            throw new NpyFormatException("truncated .npy header (" + length + " of " + (prefix + textLength)
                    + " bytes)");
        }
        String text = new String(head, prefix, textLength,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Matcher descr = DESCR.matcher(text);
        Matcher fortran = FORTRAN.matcher(text);
        Matcher shape = SHAPE.matcher(text);
        if (!descr.find() || !fortran.find() || !shape.find()) {
            throw new NpyFormatException("malformed .npy header: " + text.strip());
        }
        if (!descr.group(1).equals("<f4")) {
            throw new NpyFormatException("unsupported .npy dtype '" + descr.group(1) + "' (only '<f4' float32)");
        }
        if (fortran.group(1).equals("True")) {
            throw new NpyFormatException("Fortran-ordered .npy arrays are not supported");
        }
        String[] parts = shape.group(1).split(",");
        long[] dims = Arrays.stream(parts).map(String::strip).filter(s -> !s.isEmpty())
                .mapToLong(s -> parseDim(s)).toArray();
        if (Arrays.stream(dims).anyMatch(d -> d < 0)) {
            throw new NpyFormatException("malformed .npy shape (" + shape.group(1) + ")");
        }
        return new NpyHeader(dims, prefix + textLength);
    }

    private static long parseDim(String s) {
        try {
            return Long.parseLong(s.endsWith("L") ? s.substring(0, s.length() - 1) : s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
