package org.mammoembed.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Reads little-endian float32 C-order NumPy {@code .npy} files (format 1.0 to 3.0) of any rank: embedding
 * matrices (N, D) and the model reference tensors (1, 3, 224, 224). Whole arrays are read into memory, so
 * their value count must fit a Java array.
 */
public final class NpyReader {
    private static final int MAX_HEADER_PROBE = 1 << 16;

    private NpyReader() {
    }

    /** A float32 array and its shape. */
    public record NpyArray(long[] shape, float[] data) {
        public NpyArray {
            shape = shape.clone();
        }

        @Override
        public long[] shape() {
            return shape.clone();
        }

        /** The array as rows, for rank 2 only. */
        public float[][] toMatrix() {
            if (shape.length != 2) {
                throw new IllegalStateException("not a matrix: shape " + Arrays.toString(shape));
            }
            int n = (int) shape[0];
            int d = (int) shape[1];
            float[][] m = new float[n][];
            for (int i = 0; i < n; i++) {
                m[i] = Arrays.copyOfRange(data, i * d, (i + 1) * d);
            }
            return m;
        }
    }

    /**
     * Reads a whole file.
     *
     * @throws NpyFormatException when the file is not a float32 C-order npy file, or its data is shorter or
     *                            longer than its shape says
     */
    public static NpyArray read(Path file) throws IOException, NpyFormatException {
        String name = String.valueOf(file.getFileName());
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer head = ByteBuffer.allocate((int) Math.min(ch.size(), MAX_HEADER_PROBE));
            while (head.hasRemaining() && ch.read(head) >= 0) {
                // fill the probe
            }
            NpyHeader header = header(name, head.array(), head.position());
            int count = checkedCount(name, header, ch.size());
            ByteBuffer data = ByteBuffer.allocate(count * Float.BYTES);
            ch.position(header.dataOffset());
            while (data.hasRemaining() && ch.read(data) >= 0) {
                // read everything
            }
            return new NpyArray(header.shape(), floats(data.flip(), count));
        }
    }

    /**
     * Reads a whole npy file held in memory (e.g. a class-path resource).
     *
     * @param name  the file's name, for messages
     * @throws NpyFormatException as {@link #read(Path)}
     */
    public static NpyArray parse(String name, byte[] bytes) throws NpyFormatException {
        NpyHeader header = header(name, bytes, bytes.length);
        int count = checkedCount(name, header, bytes.length);
        ByteBuffer data = ByteBuffer.wrap(bytes, header.dataOffset(), count * Float.BYTES);
        return new NpyArray(header.shape(), floats(data, count));
    }

    private static NpyHeader header(String name, byte[] head, int length) throws NpyFormatException {
        try {
            return NpyHeader.decode(head, length);
        } catch (NpyFormatException e) {
            throw new NpyFormatException(name + ": " + e.getMessage());
        }
    }

    /** The value count, once the size matches the header and the values fit one Java array. */
    private static int checkedCount(String name, NpyHeader header, long size) throws NpyFormatException {
        long count = header.count();
        long expected = header.dataOffset() + count * Float.BYTES;
        if (size != expected) {
            throw new NpyFormatException(name + ": shape " + Arrays.toString(header.shape())
                    + " needs " + expected + " bytes but the file has " + size);
        }
        // the values' bytes are one array too
        if (count > (Integer.MAX_VALUE - 8) / Float.BYTES) {
            throw new NpyFormatException(name + ": " + count + " values do not fit in memory");
        }
        return (int) count;
    }

    private static float[] floats(ByteBuffer littleEndian, int count) {
        float[] values = new float[count];
        littleEndian.order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        return values;
    }
}
