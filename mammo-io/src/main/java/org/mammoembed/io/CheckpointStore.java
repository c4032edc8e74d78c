package org.mammoembed.io;

import org.mammoembed.io.internal.AtomicOutput;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.mammoembed.core.Dataset;
import org.mammoembed.core.EmbeddedImage;
import org.mammoembed.core.EmbeddingResult;
import org.mammoembed.core.Failure;
import org.mammoembed.core.ImageRecord;
import org.mammoembed.core.MammoException;
import org.mammoembed.core.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resume support: an append-only file of finished images (feature rows and failures) that survives a run
 * killed at any moment, so a restart with the same arguments continues where it stopped and, once done,
 * {@link #assemble(Dataset)} gives exactly what an uninterrupted run would have (rows in dataset order).
 *
 * <p>File layout ({@value #FILE_NAME}, little-endian): a header {@code "MECHK001"}, int dimension, int key
 * length, key bytes (UTF-8), int CRC-32 of the preceding header bytes; then records {@code [int n][n bytes:
 * type byte + payload][int CRC-32 of those n bytes]}. Type 1 = embedding (relative path, view, laterality,
 * D floats), type 2 = failure (relative path, accession, stage, error class, message); strings are int length
 * + UTF-8. On open every record is checked; the first short or corrupt one and everything after it is a torn
 * tail from a crash, and is cut off. The index (relative path to record offset) is rebuilt in memory from the
 * file, so only offsets are held, never the features.
 *
 * <p>{@link #append} buffers; {@link #sync()} writes the buffered records in one go and fsyncs (call it per
 * batch). Not thread-safe.
 *
 * <p>{@code org.mammoembed.io.study.EmbeddingStudy} is the run that uses it (with a {@link CheckpointSink} per
 * batch); its run key holds everything the rows depend on: model SHA-256, preprocessing spec, DICOM root and
 * image count.
 */
public final class CheckpointStore implements AutoCloseable {
    /** Name of the record file inside the checkpoint folder. */
    public static final String FILE_NAME = "checkpoint.chk";

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointStore.class);
    private static final int MAX_RECORD_BYTES = 64 << 20;

    private final Path file;
    private final FileChannel channel;
    private final int dimension;
    private final Map<String, Long> embeddings = new HashMap<>();
    private final Map<String, Failure> failures = new HashMap<>();
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private final List<PendingRecord> pendingIndex = new ArrayList<>();
    private final java.util.Set<String> pendingPaths = new java.util.HashSet<>();
    private final List<String> problems = new ArrayList<>();
    private long end;

    private CheckpointStore(Path file, FileChannel channel, int dimension) {
        this.file = file;
        this.channel = channel;
        this.dimension = dimension;
    }

    /**
     * Opens (or creates) the store in {@code folder}.
     *
     * @param dimension D of every feature row
     * @param runKey    text identifying what the rows depend on (model SHA-256, preprocessing spec, inputs);
     *                  a store written under another key is refused
     * @throws MammoException (stage WRITE) when the store belongs to a run with other arguments or dimension
     */
    public static CheckpointStore open(Path folder, int dimension, String runKey) throws IOException, MammoException {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be >= 1, got " + dimension);
        }
        Files.createDirectories(folder);
        Path file = folder.resolve(FILE_NAME);
        byte[] header = CheckpointRecords.header(dimension, runKey);
        boolean fresh = !Files.exists(file) || CheckpointRecords.isTornHeader(file, header);
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        CheckpointStore store = new CheckpointStore(file, ch, dimension);
        try {
            if (fresh) {
                ch.truncate(0);
                store.writeFully(ByteBuffer.wrap(header), 0);
                ch.force(true);
                AtomicOutput.syncDirectory(folder);
                store.end = header.length;
            } else {
                store.checkHeader(header, runKey);
                store.recover(header.length);
            }
            return store;
        } catch (IOException | MammoException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** D. */
    public int dimension() {
        return dimension;
    }

    /** Images recorded (embedded or failed), including appended but not yet synced ones. */
    public int size() {
        return embeddings.size() + failures.size() + pendingIndex.size();
    }

    /** True when the image was already embedded or failed in this or an earlier run. */
    public boolean isDone(String relativePath) {
        return embeddings.containsKey(relativePath) || failures.containsKey(relativePath)
                || pendingPaths.contains(relativePath);
    }

    /**
     * The dataset's images that still need processing, in dataset order: every image without an embedding.
     * Images that failed before are tried again (the data may have been fixed since; an image that fails the
     * same way again gives the same failure row, so a resumed run still ends as an uninterrupted one).
     */
    public List<ImageRecord> remaining(Dataset dataset) throws IOException {
        sync();
        List<ImageRecord> todo = new ArrayList<>();
        for (ImageRecord r : dataset.images()) {
            if (!embeddings.containsKey(r.relativePath())) {
                todo.add(r);
            }
        }
        return todo;
    }

    /**
     * The failures recorded so far for the dataset's images (those without an embedding), in dataset order:
     * what a run stopped before its end reports in {@code failures.csv}.
     */
    public List<Failure> recordedFailures(Dataset dataset) throws IOException {
        sync();
        List<Failure> out = new ArrayList<>();
        for (ImageRecord r : dataset.images()) {
            Failure f = embeddings.containsKey(r.relativePath()) ? null : failures.get(r.relativePath());
            if (f != null) {
                out.add(new Failure(r.accessionNumber(), r.relativePath(), f.stage(), f.errorClass(), f.message()));
            }
        }
        return out;
    }

    /** Buffers one finished embedding; durable after the next {@link #sync()}. */
    public void append(EmbeddedImage image, float[] feature) throws IOException {
        if (feature.length != dimension) {
            throw new IllegalArgumentException("feature has " + feature.length + " values, expected " + dimension);
        }
        frame(CheckpointRecords.embedding(image, feature), image.record().relativePath());
    }

    /** Buffers one failed image; durable after the next {@link #sync()}. */
    public void appendFailure(Failure failure) throws IOException {
        frame(CheckpointRecords.failure(failure), failure.relativePath());
    }

    /** Writes the buffered records at the end of the file and forces them to disk. */
    public void sync() throws IOException {
        if (pendingIndex.isEmpty()) {
            return;
        }
        byte[] bytes = pending.toByteArray();
        writeFully(ByteBuffer.wrap(bytes), end);
        channel.force(false);
        for (PendingRecord p : pendingIndex) {
            if (p.failure() == null) {
                embeddings.putIfAbsent(p.relativePath(), end + p.offsetInBuffer());
            } else {
                failures.put(p.relativePath(), p.failure());
            }
        }
        end += bytes.length;
        pending.reset();
        pendingIndex.clear();
        pendingPaths.clear();
    }

    /**
     * The finished run: one row per embedded image and one failure per failed image, in dataset order, row
     * indices from 0. Byte-for-byte the same whatever interruptions happened. Holds all N x D features in
     * memory; {@link #assembleTo(Dataset, NpyWriter)} streams them instead.
     *
     * @throws IllegalStateException when some images of the dataset are not recorded yet
     */
    public EmbeddingResult assemble(Dataset dataset) throws IOException {
        return assemble(dataset, done -> { });
    }

    /** {@link #assemble(Dataset)}, telling {@code imagesDone} how many of the dataset's images are through. */
    public EmbeddingResult assemble(Dataset dataset, java.util.function.LongConsumer imagesDone) throws IOException {
        int rows = countEmbedded(dataset);
        float[] features = new float[Math.multiplyExact(rows, dimension)];
        Assembled a = walk(dataset, (row, feature) -> System.arraycopy(feature, 0, features, row * dimension,
                dimension), imagesDone);
        return EmbeddingResult.wrap(dimension, features, a.index(), a.failures());
    }

    /**
     * Streaming form of {@link #assemble(Dataset)}: appends each embedded image's feature row to
     * {@code features} in dataset order, straight from the checkpoint file, one row in memory at a time, and
     * returns only the index and the failures. The caller commits the writer. Peak memory does not grow with
     * N x D, so this is what a run uses when nothing downstream needs the matrix in memory.
     *
     * @param features a writer of rows of {@link #dimension()} values
     * @throws IllegalStateException when some images of the dataset are not recorded yet
     */
    public Assembled assembleTo(Dataset dataset, NpyWriter features) throws IOException {
        return assembleTo(dataset, features, done -> { });
    }

    /** {@link #assembleTo(Dataset, NpyWriter)}, telling {@code imagesDone} how many images are through. */
    public Assembled assembleTo(Dataset dataset, NpyWriter features, java.util.function.LongConsumer imagesDone)
            throws IOException {
        if (features.columns() != dimension) {
            throw new IllegalArgumentException("features writer has " + features.columns() + " columns, expected "
                    + dimension);
        }
        countEmbedded(dataset);
        return walk(dataset, (row, feature) -> features.append(feature), imagesDone);
    }

    /**
     * What {@link #assembleTo} returns: the embedded images (row {@code i} of the written matrix is
     * {@code index.get(i)}) and the failed ones, both in dataset order.
     */
    public record Assembled(List<EmbeddedImage> index, List<Failure> failures) {
        public Assembled {
            index = List.copyOf(index);
            failures = List.copyOf(failures);
        }
    }

    /** Receives the feature rows of {@link #walk} in order. */
    private interface RowConsumer {
        void accept(int row, float[] feature) throws IOException;
    }

    /** Syncs, checks every image is recorded, and returns how many were embedded. */
    private int countEmbedded(Dataset dataset) throws IOException {
        sync();
        int embedded = 0;
        int missing = 0;
        for (ImageRecord r : dataset.images()) {
            if (embeddings.containsKey(r.relativePath())) {
                embedded++;
            } else if (!failures.containsKey(r.relativePath())) {
                missing++;
            }
        }
        if (missing > 0) {
            throw new IllegalStateException(missing + " of " + dataset.images().size()
                    + " images are not finished yet");
        }
        return embedded;
    }

    /** Reads the recorded images in dataset order, handing each feature row to {@code rows}. */
    private Assembled walk(Dataset dataset, RowConsumer rows, java.util.function.LongConsumer imagesDone)
            throws IOException {
        List<EmbeddedImage> index = new ArrayList<>();
        List<Failure> failed = new ArrayList<>();
        for (ImageRecord r : dataset.images()) {
            Long offset = embeddings.get(r.relativePath());
            if (offset != null) {
                CheckpointRecords.StoredEmbedding e = readEmbedding(offset);
                rows.accept(index.size(), e.feature());
                index.add(new EmbeddedImage(index.size(), r, e.view(), e.laterality()));
            } else {
                Failure f = failures.get(r.relativePath());
                failed.add(new Failure(r.accessionNumber(), r.relativePath(), f.stage(), f.errorClass(), f.message()));
            }
            imagesDone.accept(index.size() + failed.size());
        }
        return new Assembled(index, failed);
    }

    /** Syncs what is buffered and closes the file. */
    @Override
    public void close() throws IOException {
        try {
            sync();
        } finally {
            channel.close();
        }
    }

    private void frame(byte[] body, String relativePath) {
        CRC32 crc = new CRC32();
        crc.update(body);
        ByteBuffer rec = ByteBuffer.allocate(body.length + 8).order(ByteOrder.LITTLE_ENDIAN);
        rec.putInt(body.length).put(body).putInt((int) crc.getValue());
        long offsetInPending = pending.size();
        pending.writeBytes(rec.array());
        Failure failure = body[0] == CheckpointRecords.FAILURE ? CheckpointRecords.readFailure(ByteBuffer.wrap(body, 1, body.length - 1)
                .order(ByteOrder.LITTLE_ENDIAN)) : null;
        pendingIndex.add(new PendingRecord(relativePath, offsetInPending, failure));
        pendingPaths.add(relativePath);
    }

    private void checkHeader(byte[] expected, String runKey) throws IOException, MammoException {
        ByteBuffer actual = ByteBuffer.allocate((int) Math.min(channel.size(), expected.length));
        channel.read(actual, 0);
        if (!Arrays.equals(actual.array(), expected)) {
            throw new MammoException(Stage.WRITE, "checkpoint " + file + " was written by a run with other "
                    + "arguments, model or embedding size (expected dimension " + dimension + ", key '" + runKey
                    + "'); start again with overwrite, or resume with the original arguments");
        }
    }

    /** Indexes every complete record (see {@link CheckpointRecovery}); cuts off a torn tail. */
    private void recover(long start) throws IOException {
        CheckpointRecovery r = CheckpointRecovery.scan(channel, file, start, MAX_RECORD_BYTES);
        embeddings.putAll(r.embeddings());
        failures.putAll(r.failures());
        problems.addAll(r.corruption());
        long size = channel.size();
        if (r.end() < size) {
            if (problems.isEmpty()) {
                LOG.warn("checkpoint: dropping {} bytes of an incomplete last record (interrupted run)",
                        size - r.end());
            }
            channel.truncate(r.end());
            channel.force(true);
        }
        end = r.end();
        LOG.info("checkpoint: {} embeddings and {} failures recovered", embeddings.size(), failures.size());
    }

    /**
     * Corruption found when the store was opened (damaged records, not a torn tail from a crash), one message
     * each; empty for a healthy file. The images of damaged records are simply embedded again.
     */
    public List<String> corruption() {
        return List.copyOf(problems);
    }

    /** A buffered record: where it will be in the file relative to the buffer start; failure for type 2. */
    private record PendingRecord(String relativePath, long offsetInBuffer, Failure failure) {
    }

    private CheckpointRecords.StoredEmbedding readEmbedding(long offset) throws IOException {
        ByteBuffer len = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        readFully(len, offset);
        ByteBuffer body = ByteBuffer.allocate(len.getInt(0)).order(ByteOrder.LITTLE_ENDIAN);
        readFully(body, offset + 4);
        body.flip();
        return CheckpointRecords.readEmbedding(body, dimension);
    }

    private void writeFully(ByteBuffer b, long position) throws IOException {
        long p = position;
        while (b.hasRemaining()) {
            p += channel.write(b, p);
        }
    }

    private void readFully(ByteBuffer b, long position) throws IOException {
        readFully(channel, file, b, position);
    }

    static void readFully(FileChannel channel, Path file, ByteBuffer b, long position) throws IOException {
        long p = position;
        while (b.hasRemaining()) {
            int r = channel.read(b, p);
            if (r < 0) {
                throw new IOException("checkpoint " + file + " ended early");
            }
            p += r;
        }
    }
}
