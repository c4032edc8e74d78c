package org.mammoembed.embed.internal.onnx;

import java.io.IOException;
import java.util.Objects;

/**
 * An ONNX {@code AttributeProto} holding one float, one int or a list of ints (the kinds convolutional graphs
 * need). Create with {@link #ofFloat}, {@link #ofInt} or {@link #ofInts}.
 */
final class OnnxAttribute implements ProtoMessage {
    // AttributeProto field numbers (onnx.proto)
    private static final int NAME = 1;
    private static final int F = 2;
    private static final int I = 3;
    private static final int INTS = 8;
    private static final int TYPE = 20;
    // AttributeProto.AttributeType values
    private static final int TYPE_FLOAT = 1;
    private static final int TYPE_INT = 2;
    private static final int TYPE_INTS = 7;

    private final String name;
    private final int type;
    private final float floatValue;
    private final long intValue;
    private final long[] ints;

    private OnnxAttribute(String name, int type, float floatValue, long intValue, long[] ints) {
        this.name = requireName(name);
        this.type = type;
        this.floatValue = floatValue;
        this.intValue = intValue;
        this.ints = ints;
    }

    private static String requireName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("attribute name must not be empty");
        }
        return name;
    }

    /** A FLOAT attribute. */
    public static OnnxAttribute ofFloat(String name, float value) {
        return new OnnxAttribute(name, TYPE_FLOAT, value, 0, null);
    }

    /** An INT attribute. */
    public static OnnxAttribute ofInt(String name, long value) {
        return new OnnxAttribute(name, TYPE_INT, 0f, value, null);
    }

    /** An INTS attribute (the array is copied). */
    public static OnnxAttribute ofInts(String name, long... values) {
        return new OnnxAttribute(name, TYPE_INTS, 0f, 0, values.clone());
    }

    /** The attribute's name. */
    public String name() {
        return name;
    }

    @Override
    public void writeTo(ProtoSink sink) throws IOException {
        sink.stringField(NAME, name);
        switch (type) {
            case TYPE_FLOAT -> sink.floatField(F, floatValue);
            case TYPE_INT -> sink.int64Field(I, intValue);
            default -> sink.repeatedInt64Field(INTS, ints);
        }
        sink.int64Field(TYPE, type);
    }
}
