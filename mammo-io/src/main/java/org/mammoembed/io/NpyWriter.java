package org.mammoembed.io;

import org.mammoembed.io.internal.AtomicOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
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
    private final long[] rowShape;
    private final int columns;
    private final ByteBuffer buffer;
    private long rows;

    private NpyWriter(AtomicOutput out, long[] rowShape, int columns) {
        this.out = out;
        this.rowShape = rowShape;
        this.columns = columns;
        this.buffer = ByteBuffer.allocateDirect(Math.max(1 << 16, columns * Float.BYTES))
                .order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Opens a writer for rows of {@code columns} values: a file of shape (N, columns).
     *
     * @param columns D, at least 1
     */
    public static NpyWriter create(Path target, int columns) throws IOException {
        return forRows(target, columns);
    }

    /**
     * Writes a whole array of any shape in one call: {@code values} in C order, atomically (the file appears
     * whole or not at all), e.g. {@code write(f, pixels, rows, columns)} for an image.
     *
     * @throws IllegalArgumentException when the shape is empty, has a dimension below 1, or its product is not
     *                                  {@code values.length}
     */
    public static void write(Path target, float[] values, int... shape) throws IOException {
        if (shape.length == 0) {
            throw new IllegalArgumentException("shape must have at least one dimension");
        }
        long product = 1;
        for (int s : shape) {
            product *= s;
        }
        if (product != values.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + product
                    + " values, got " + values.length);
        }
        try (NpyWriter w = forRows(target, Arrays.copyOfRange(shape, 1, shape.length))) {
            w.appendRows(values, 0, shape[0]);
            w.commit();
        }
    }

    /**
     * Opens a writer whose rows have shape {@code rowShape}: a file of shape (N, rowShape...), e.g. (N, 3, 224,
     * 224) for image tensors, or (N) for an empty {@code rowShape}. Each row holds the product of
     * {@code rowShape} values, in C order.
     */
    public static NpyWriter forRows(Path target, int... rowShape) throws IOException {
        long[] dims = new long[rowShape.length];
        long size = 1;
        for (int i = 0; i < rowShape.length; i++) {
            if (rowShape[i] < 1) {
                throw new IllegalArgumentException("rowShape must be >= 1 in every dimension, got "
                        + Arrays.toString(rowShape));
            }
            dims[i] = rowShape[i];
            size *= rowShape[i];
        }
        if (size > Integer.MAX_VALUE / Float.BYTES) {
            throw new IllegalArgumentException("rowShape " + Arrays.toString(rowShape) + " is too large");
        }
        AtomicOutput out = AtomicOutput.create(target);
        try {
            out.write(ByteBuffer.wrap(NpyHeader.encodeV1(shape(0, dims))));
        } catch (IOException | RuntimeException e) {
            out.close();
            throw e;
        }
        return new NpyWriter(out, dims, (int) size);
    }

    /** Values per row: D, or the product of the row shape. */
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
        out.channel().write(ByteBuffer.wrap(NpyHeader.encodeV1(shape(rows, rowShape))), 0);
        out.commit();
    }

    /** Discards the file unless {@link #commit()} succeeded. */
    @Override
    public void close() throws IOException {
        out.close();
    }

    private static long[] shape(long rows, long[] rowShape) {
        long[] shape = new long[rowShape.length + 1];
        shape[0] = rows;
        System.arraycopy(rowShape, 0, shape, 1, rowShape.length);
        return shape;
    }

    private void drain() throws IOException {
        buffer.flip();
        out.write(buffer);
        buffer.clear();
    }
}
