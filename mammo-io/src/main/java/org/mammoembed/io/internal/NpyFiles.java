package org.mammoembed.io.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.mammoembed.io.NpyFormatException;
import org.mammoembed.io.NpyReader;
import org.mammoembed.io.NpyWriter;

/** One-call {@code .npy} reading and writing of whole float32 arrays of any shape (rank 1 or more). */
public final class NpyFiles {
    private NpyFiles() {
    }

    /**
     * Writes {@code values} (C order) with the given shape, atomically.
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
        try (NpyWriter w = NpyWriter.forRows(target, Arrays.copyOfRange(shape, 1, shape.length))) {
            w.appendRows(values, 0, shape[0]);
            w.commit();
        }
    }

    /** Reads a whole float32 file; see {@link NpyReader#read(Path)}. */
    public static NpyReader.NpyArray read(Path file) throws IOException, NpyFormatException {
        return NpyReader.read(file);
    }
}
