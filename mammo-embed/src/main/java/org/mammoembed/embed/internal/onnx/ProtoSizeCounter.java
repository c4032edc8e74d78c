package org.mammoembed.embed.internal.onnx;

import java.io.IOException;
import java.io.UncheckedIOException;

/** A {@link ProtoSink} that writes nothing and counts the bytes it would have written. */
final class ProtoSizeCounter extends ProtoSink {
    private long size;

    /**
     * The encoded size of {@code message}'s fields.
     *
     * @throws IllegalArgumentException if it exceeds the 2 GiB a protobuf message may hold
     */
    public static long sizeOf(ProtoMessage message) {
        ProtoSizeCounter counter = new ProtoSizeCounter();
        try {
            message.writeTo(counter);
        } catch (IOException e) {
            throw new UncheckedIOException("counting never does I/O", e);
        }
        if (counter.size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("protobuf message of " + counter.size + " bytes exceeds 2 GiB");
        }
        return counter.size;
    }

    @Override
    protected void writeByte(int b) {
        size++;
    }

    @Override
    protected void writeBytes(byte[] bytes, int offset, int length) {
        size += length;
    }

    @Override
    protected void writeFloatsLittleEndian(float[] values) {
        size += 4L * values.length;
    }
}
