package org.mammoembed.embed.internal.onnx;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Protobuf wire-format encoder (proto2 subset: varints, fixed32 floats, length-delimited fields, repeated int64,
 * little-endian float arrays as bytes).
 * Subclasses supply the byte primitives: counting, an exactly sized array or a stream.
 */
abstract class ProtoSink {
    private static final int WIRE_VARINT = 0;
    private static final int WIRE_LENGTH_DELIMITED = 2;
    private static final int WIRE_FIXED32 = 5;

    /** Writes one byte (the low 8 bits of {@code b}). */
    protected abstract void writeByte(int b) throws IOException;

    /** Writes {@code length} bytes of {@code bytes} from {@code offset}. */
    protected abstract void writeBytes(byte[] bytes, int offset, int length) throws IOException;

    /** Writes every value of {@code values} as 4 little-endian IEEE 754 bytes. */
    protected abstract void writeFloatsLittleEndian(float[] values) throws IOException;

    /** Number of bytes a varint encoding of {@code value} takes (negative int64 values take 10). */
    public static int varintSize(long value) {
        int size = 1;
        while ((value & ~0x7FL) != 0) {
            value >>>= 7;
            size++;
        }
        return size;
    }

    /** Writes {@code value} as a base-128 varint. */
    public final void writeVarint(long value) throws IOException {
        while ((value & ~0x7FL) != 0) {
            writeByte((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        writeByte((int) value);
    }

    private void writeTag(int field, int wireType) throws IOException {
        writeVarint(((long) field << 3) | wireType);
    }

    /** An int32/int64/enum field (varint). */
    public final void int64Field(int field, long value) throws IOException {
        writeTag(field, WIRE_VARINT);
        writeVarint(value);
    }

    /** A {@code float} field (fixed32, little-endian). */
    public final void floatField(int field, float value) throws IOException {
        writeTag(field, WIRE_FIXED32);
        int bits = Float.floatToRawIntBits(value);
        writeByte(bits);
        writeByte(bits >>> 8);
        writeByte(bits >>> 16);
        writeByte(bits >>> 24);
    }

    /** A {@code bytes} field. */
    public final void bytesField(int field, byte[] value) throws IOException {
        writeTag(field, WIRE_LENGTH_DELIMITED);
        writeVarint(value.length);
        writeBytes(value, 0, value.length);
    }

    /** A {@code string} field, UTF-8 encoded. */
    public final void stringField(int field, String value) throws IOException {
        bytesField(field, value.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A {@code repeated int64} field, one tag per value: proto2 fields such as {@code TensorProto.dims} are not
     * declared packed, so this is the encoding every ONNX parser expects. Nothing is written for no values.
     */
    public final void repeatedInt64Field(int field, long[] values) throws IOException {
        for (long v : values) {
            int64Field(field, v);
        }
    }

    /** A {@code bytes} field holding {@code values} as little-endian floats (TensorProto.raw_data). */
    public final void rawFloatsField(int field, float[] values) throws IOException {
        writeTag(field, WIRE_LENGTH_DELIMITED);
        writeVarint(4L * values.length);
        writeFloatsLittleEndian(values);
    }

    /** An embedded message field: tag, length prefix (counted first), then the message's fields. */
    public final void messageField(int field, ProtoMessage message) throws IOException {
        writeTag(field, WIRE_LENGTH_DELIMITED);
        writeVarint(ProtoSizeCounter.sizeOf(message));
        message.writeTo(this);
    }
}
