package org.mammoembed.embed.internal.onnx;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * An ONNX {@code TensorProto} initialiser: FLOAT (weights) or INT64 (shapes), values stored row-major in
 * {@code raw_data} as little-endian bytes. Holds its data array without copying it: callers hand over ownership.
 */
final class OnnxTensor implements ProtoMessage {
    // TensorProto field numbers (onnx.proto)
    private static final int DIMS = 1;
    private static final int DATA_TYPE = 2;
    private static final int NAME = 8;
    private static final int RAW_DATA = 9;
    /** TensorProto.DataType FLOAT. */
    public static final int FLOAT = 1;
    /** TensorProto.DataType INT64. */
    public static final int INT64 = 7;

    private final String name;
    private final long[] dims;
    private final float[] floats;
    private final long[] longs;

    private OnnxTensor(String name, long[] dims, float[] floats, long[] longs, int length) {
        this.name = Objects.requireNonNull(name, "name");
        this.dims = dims.clone();
        long elements = 1;
        for (long d : this.dims) {
            if (d < 0) {
                throw new IllegalArgumentException("tensor " + name + ": negative dimension " + d);
            }
            elements *= d;
        }
        if (elements != length) {
            throw new IllegalArgumentException("tensor " + name + ": dims " + Arrays.toString(dims) + " hold "
                    + elements + " values but " + length + " were given");
        }
        this.floats = floats;
        this.longs = longs;
    }

    /** A FLOAT tensor over {@code values} (not copied) of shape {@code dims}. */
    public static OnnxTensor ofFloats(String name, long[] dims, float[] values) {
        return new OnnxTensor(name, dims, values, null, values.length);
    }

    /** An INT64 tensor over {@code values} (not copied) of shape {@code dims}. */
    public static OnnxTensor ofLongs(String name, long[] dims, long[] values) {
        return new OnnxTensor(name, dims, null, values, values.length);
    }

    /** The initialiser's name, as nodes refer to it. */
    public String name() {
        return name;
    }

    /** A copy of the shape. */
    public long[] dims() {
        return dims.clone();
    }

    /** Number of values. */
    public int size() {
        return floats != null ? floats.length : longs.length;
    }

    @Override
    public void writeTo(ProtoSink sink) throws IOException {
        sink.repeatedInt64Field(DIMS, dims);
        sink.int64Field(DATA_TYPE, floats != null ? FLOAT : INT64);
        sink.stringField(NAME, name);
        if (floats != null) {
            sink.rawFloatsField(RAW_DATA, floats);
        } else {
            ByteBuffer raw = ByteBuffer.allocate(8 * longs.length).order(ByteOrder.LITTLE_ENDIAN);
            raw.asLongBuffer().put(longs);
            sink.bytesField(RAW_DATA, raw.array());
        }
    }
}
