package org.mammoembed.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Streams a float32 matrix of shape (N, D) to a NumPy {@code .npy} file (format 1.0, {@code '<f4'}, C order),
 * one batch of rows at a time, so N never needs to be known in advance or held in memory.
 *
 * <p>A fixed {@value NpyHeader#WRITER_HEADER_BYTES}-byte header is reserved when the file is opened and
 * rewritten in place with the final N by {@link #commit()}, so the data never moves. The file is written
 * through {@link AtomicOutput}: it appears under its final name only at {@code commit()}; {@link #close()}
 * without a commit (an exception mid-run) discards it.
 * <pre>{@code
 * try (NpyWriter npy = NpyWriter.create(dir.resolve("embeddings.npy"), 2048)) {
 *     for (float[] row : rows) npy.append(row);
 *     npy.commit();
 * }
 * }</pre>
 * Not thread-safe.
 */
public final class NpyWriter implements AutoCloseable {
    private final AtomicOutput out;
    private final int columns;
    private final ByteBuffer buffer;
    private long rows;

    private NpyWriter(AtomicOutput out, int columns) {
        this.out = out;
        this.columns = columns;
        this.buffer = ByteBuffer.allocateDirect(Math.max(1 << 16, columns * Float.BYTES))
                .order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Opens a writer for rows of {@code columns} values.
     *
     * @param columns D, at least 1
     */
    public static NpyWriter create(Path target, int columns) throws IOException {
        if (columns < 1) {
            throw new IllegalArgumentException("columns must be >= 1, got " + columns);
        }
        AtomicOutput out = AtomicOutput.create(target);
        try {
            out.write(ByteBuffer.wrap(NpyHeader.encodeV1(0, columns)));
        } catch (IOException | RuntimeException e) {
            out.close();
            throw e;
        }
        return new NpyWriter(out, columns);
    }

    /** D. */
    public int columns() {
        return columns;
    }

    /** Rows appended so far. */
    public long rows() {
        return rows;
    }

    /** Appends one row of exactly {@link #columns()} values. */
    public void append(float[] row) throws IOException {
        Objects.requireNonNull(row, "row");
        if (row.length != columns) {
            throw new IllegalArgumentException("row has " + row.length + " values, expected " + columns);
        }
        appendRows(row, 0, 1);
    }

    /** Appends {@code count} rows stored row-major in {@code values} from {@code offset}. */
    public void appendRows(float[] values, int offset, int count) throws IOException {
        Objects.checkFromIndexSize(offset, Math.multiplyExact(count, columns), values.length);
        int end = offset + count * columns;
        for (int i = offset; i < end; i++) {
            if (buffer.remaining() < Float.BYTES) {
                drain();
            }
            buffer.putFloat(values[i]);
        }
        drain();
        rows += count;
    }

    /** Rewrites the header with the final row count, then makes the file appear under its name. */
    public void commit() throws IOException {
        drain();
        out.channel().write(ByteBuffer.wrap(NpyHeader.encodeV1(rows, columns)), 0);
        out.commit();
    }

    /** Discards the file unless {@link #commit()} succeeded. */
    @Override
    public void close() throws IOException {
        out.close();
    }

    /**
     * Writes a whole float32 array of any shape (e.g. an H x W x 3 image) atomically in one call.
     *
     * @param shape dimensions whose product is {@code values.length}
     */
    public static void writeArray(Path target, float[] values, long... shape) throws IOException {
        long count = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + java.util.Arrays.toString(shape));
            }
            count = Math.multiplyExact(count, d);
        }
        if (count != values.length) {
            throw new IllegalArgumentException("shape " + java.util.Arrays.toString(shape) + " holds " + count
                    + " values, got " + values.length);
        }
        try (AtomicOutput out = AtomicOutput.create(target)) {
            out.write(ByteBuffer.wrap(NpyHeader.encodeV1(shape)));
            ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
            for (float v : values) {
                if (!buf.hasRemaining()) {
                    buf.flip();
                    out.write(buf);
                    buf.clear();
                }
                buf.putFloat(v);
            }
            buf.flip();
            out.write(buf);
            out.commit();
        }
    }

    private void drain() throws IOException {
        buffer.flip();
        out.write(buffer);
        buffer.clear();
    }
}
