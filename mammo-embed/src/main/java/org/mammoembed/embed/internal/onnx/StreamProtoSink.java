package org.mammoembed.embed.internal.onnx;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/** A {@link ProtoSink} onto an {@link OutputStream} (which the caller buffers and closes). */
final class StreamProtoSink extends ProtoSink {
    private static final int CHUNK_FLOATS = 16 * 1024;

    private final OutputStream out;
    private final byte[] chunk = new byte[4 * CHUNK_FLOATS];
    private final FloatBuffer chunkFloats = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();

    /** A sink writing to {@code out}; it is neither buffered nor closed here. */
    public StreamProtoSink(OutputStream out) {
        this.out = out;
    }

    @Override
    protected void writeByte(int b) throws IOException {
        out.write(b);
    }

    @Override
    protected void writeBytes(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
    }

    @Override
    protected void writeFloatsLittleEndian(float[] values) throws IOException {
        for (int start = 0; start < values.length; start += CHUNK_FLOATS) {
            int count = Math.min(CHUNK_FLOATS, values.length - start);
            chunkFloats.clear();
            chunkFloats.put(values, start, count);
            out.write(chunk, 0, 4 * count);
        }
    }
}
