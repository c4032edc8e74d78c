package org.mammoembed.io;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import org.mammoembed.core.EmbeddedImage;
import org.mammoembed.core.Failure;
import org.mammoembed.core.Stage;

/**
 * The file format of a {@link CheckpointStore} (little-endian): its header, and the payloads of its records: a type
 * byte, then for an embedding the relative path, view, laterality and D floats; for a failure the relative path,
 * accession, stage, error class and message (cut to {@value #MAX_MESSAGE_CHARS} characters). Strings are an int
 * length and UTF-8 bytes. The store adds the length and CRC framing.
 */
final class CheckpointRecords {
    static final byte EMBEDDING = 1;
    static final byte FAILURE = 2;
    static final int MAX_MESSAGE_CHARS = 4000;

    private static final byte[] MAGIC = "MECHK001".getBytes(StandardCharsets.US_ASCII);

    private CheckpointRecords() {
    }

    /** A crash while the store was being created leaves a prefix of the header: start afresh. */
    static boolean isTornHeader(Path file, byte[] header) throws IOException {
        if (Files.size(file) >= header.length) {
            return false;
        }
        byte[] head = Files.readAllBytes(file);
        return Arrays.equals(head, Arrays.copyOf(header, head.length));
    }

    /** The file's header: magic, D, the run key, and their CRC. */
    static byte[] header(int dimension, String runKey) {
        byte[] key = runKey.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(MAGIC.length + 8 + key.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).putInt(dimension).putInt(key.length).put(key);
        CRC32 crc = new CRC32();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        return b.array();
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
