package org.mammoembed.io;

import org.mammoembed.io.internal.AtomicOutput;
import org.mammoembed.io.internal.Sha256;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A folder of computed embeddings keyed by what determines them: the image file's content (SHA-256), the
 * model (SHA-256) and the preprocessing spec string. A file moved, renamed or shared between datasets is
 * embedded once; any change of model or preprocessing misses. Safe to share between runs and processes:
 * entries are written atomically and checked (length + CRC-32) on read; a damaged entry is a miss.
 *
 * <p>Layout: {@code <folder>/<k[0..2]>/<k>.emb} where {@code k} is the hex SHA-256 of
 * {@code fileSha256 + "\n" + modelSha256 + "\n" + preprocessingSpec}; content {@code "MEEMB001"}, int D, D
 * little-endian floats, int CRC-32 of everything before it. Immutable apart from the folder's content.
 */
public final class EmbeddingCache {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddingCache.class);
    private static final byte[] MAGIC = "MEEMB001".getBytes(StandardCharsets.US_ASCII);

    private final Path folder;
    private final String modelSha256;
    private final String preprocessing;

    private EmbeddingCache(Path folder, String modelSha256, String preprocessing) {
        this.folder = folder;
        this.modelSha256 = modelSha256;
        this.preprocessing = preprocessing;
    }

    /**
     * @param folder        cache folder (created when missing)
     * @param modelSha256   SHA-256 of the model file ({@link Sha256#of(Path)})
     * @param preprocessing the preprocessing spec string; anything that changes the numbers must be in it
     */
    public static EmbeddingCache open(Path folder, String modelSha256, String preprocessing) throws IOException {
        Objects.requireNonNull(modelSha256, "modelSha256");
        Objects.requireNonNull(preprocessing, "preprocessing");
        if (!modelSha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("modelSha256 must be 64 lower-case hex digits, got '" + modelSha256
                    + "'");
        }
        Files.createDirectories(folder);
        return new EmbeddingCache(folder.toAbsolutePath().normalize(), modelSha256, preprocessing);
    }

    /** The key of a file's content: its SHA-256, lower-case hex (what {@link #get} and {@link #put} take). */
    public static String contentSha256(Path file) throws IOException {
        return Sha256.of(file);
    }

    /** The embedding of a file with this content, if cached. */
    public Optional<float[]> get(String fileSha256) throws IOException {
        Path entry = entry(fileSha256);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(entry);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        float[] feature = decode(bytes);
        if (feature == null) {
            LOG.warn("embedding cache: ignoring a damaged entry {}", entry.getFileName());
            Files.deleteIfExists(entry);
            return Optional.empty();
        }
        return Optional.of(feature);
    }

    /** Stores an embedding (replacing any entry with the same key). */
    public void put(String fileSha256, float[] feature) throws IOException {
        if (feature.length == 0) {
            throw new IllegalArgumentException("feature must not be empty");
        }
        ByteBuffer b = ByteBuffer.allocate(MAGIC.length + 4 + feature.length * 4 + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).putInt(feature.length);
        for (float v : feature) {
            b.putFloat(v);
        }
        CRC32 crc = new CRC32();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        AtomicOutput.write(entry(fileSha256), out -> out.write(b.array()));
    }

    Path entry(String fileSha256) {
        if (!Objects.requireNonNull(fileSha256, "fileSha256").matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("fileSha256 must be 64 lower-case hex digits, got '" + fileSha256 + "'");
        }
        String k = Sha256.of((fileSha256 + "\n" + modelSha256 + "\n" + preprocessing).getBytes(StandardCharsets.UTF_8));
        return folder.resolve(k.substring(0, 2)).resolve(k + ".emb");
    }

    private static float[] decode(byte[] bytes) {
        if (bytes.length < MAGIC.length + 8) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (byte m : MAGIC) {
            if (b.get() != m) {
                return null;
            }
        }
        int d = b.getInt();
        if (d < 1 || bytes.length != MAGIC.length + 8 + 4L * d) {
            return null;
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 4);
        if ((int) crc.getValue() != ByteBuffer.wrap(bytes, bytes.length - 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt()) {
            return null;
        }
        float[] f = new float[d];
        b.asFloatBuffer().get(f);
        return f;
    }
}
