package org.mammoembed.io;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.mammoembed.core.EmbeddedImage;
import org.mammoembed.core.Failure;
import org.mammoembed.core.Stage;

/**
 * The payloads of {@link CheckpointStore}'s records (little-endian): a type byte, then for an embedding the
 * relative path, view, laterality and D floats; for a failure the relative path, accession, stage, error class
 * and message (cut to {@value #MAX_MESSAGE_CHARS} characters). Strings are an int length and UTF-8 bytes. The
 * store adds the length and CRC framing.
 */
final class CheckpointRecords {
    static final byte EMBEDDING = 1;
    static final byte FAILURE = 2;
    static final int MAX_MESSAGE_CHARS = 4000;

    private CheckpointRecords() {
    }

    /** An embedding as read back. */
    record StoredEmbedding(String view, String laterality, float[] feature) {
    }

    static byte[] embedding(EmbeddedImage image, float[] feature) throws IOException {
        ByteArrayOutputStream payload = new ByteArrayOutputStream(64 + feature.length * 4);
        DataOutputStream out = new DataOutputStream(payload);
        out.writeByte(EMBEDDING);
        writeString(out, image.record().relativePath());
        writeString(out, image.viewPosition());
        writeString(out, image.laterality());
        ByteBuffer floats = ByteBuffer.allocate(feature.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        floats.asFloatBuffer().put(feature);
        out.write(floats.array());
        return payload.toByteArray();
    }

    static byte[] failure(Failure failure) throws IOException {
        ByteArrayOutputStream payload = new ByteArrayOutputStream(256);
        DataOutputStream out = new DataOutputStream(payload);
        out.writeByte(FAILURE);
        writeString(out, failure.relativePath());
        writeString(out, failure.accessionNumber());
        writeString(out, failure.stage().name());
        writeString(out, failure.errorClass());
        String m = failure.message();
        writeString(out, m.length() > MAX_MESSAGE_CHARS ? m.substring(0, MAX_MESSAGE_CHARS) : m);
        return payload.toByteArray();
    }

    /** Reads an embedding payload, type byte included, of {@code dimension} floats. */
    static StoredEmbedding readEmbedding(ByteBuffer body, int dimension) {
        body.get();
        readString(body);
        String view = readString(body);
        String side = readString(body);
        float[] feature = new float[dimension];
        body.asFloatBuffer().get(feature);
        return new StoredEmbedding(view, side, feature);
    }

    /** Reads a failure payload, after its type byte. */
    static Failure readFailure(ByteBuffer body) {
        String rel = readString(body);
        String accession = readString(body);
        Stage stage = Stage.valueOf(readString(body));
        String errorClass = readString(body);
        String message = readString(body);
        return new Failure(accession, rel, stage, errorClass, message);
    }

    static String readString(ByteBuffer in) {
        int n = in.getInt();
        String s = new String(in.array(), in.arrayOffset() + in.position(), n, StandardCharsets.UTF_8);
        in.position(in.position() + n);
        return s;
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(Integer.reverseBytes(b.length));
        out.write(b);
    }
}
