package org.mammoembed.embed.internal.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** A {@link ProtoSink} into a byte array of a size known in advance (see {@link ProtoSizeCounter#sizeOf}). */
final class ByteArrayProtoSink extends ProtoSink {
    private final byte[] buffer;
    private int position;

    /** A sink filling a new array of exactly {@code size} bytes. */
    public ByteArrayProtoSink(int size) {
        this.buffer = new byte[size];
    }

    /**
     * The filled array (not a copy).
     *
     * @throws IllegalStateException if fewer bytes were written than the announced size
     */
    public byte[] toByteArray() {
        if (position != buffer.length) {
            throw new IllegalStateException("wrote " + position + " of " + buffer.length + " announced bytes");
        }
        return buffer;
    }

    @Override
    protected void writeByte(int b) {
        buffer[position++] = (byte) b;
    }

    @Override
    protected void writeBytes(byte[] bytes, int offset, int length) {
        System.arraycopy(bytes, offset, buffer, position, length);
        position += length;
    }

    @Override
    protected void writeFloatsLittleEndian(float[] values) {
        // bulk put through a view buffer: an order of magnitude faster than per-float byte shifting
        ByteBuffer.wrap(buffer, position, 4 * values.length).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().put(values);
        position += 4 * values.length;
    }
}
