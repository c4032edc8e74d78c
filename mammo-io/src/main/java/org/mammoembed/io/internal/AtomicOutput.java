package org.mammoembed.io.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A file written under a temporary name in its final directory, then fsynced and renamed into place in one
 * atomic step by {@link #commit()}. Closing without committing deletes the temporary file, so an exception
 * in the middle of writing never leaves a file under the final name (and never replaces an older one).
 *
 * <p>Every writer of this module goes through this class. Typical use:
 * <pre>{@code
 * try (AtomicOutput out = AtomicOutput.create(path)) {
 *     out.stream().write(bytes);
 *     out.commit();
 * }
 * }</pre>
 * Not thread-safe.
 */
public final class AtomicOutput implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AtomicOutput.class);
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    /** Writes the content of a file to a stream; the stream must not be closed by the body. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private final OutputStream stream;
    private boolean committed;
    private boolean closed;

    private AtomicOutput(Path target, Path temp, FileChannel channel) {
        this.target = target;
        this.temp = temp;
        this.channel = channel;
        this.stream = new java.io.FilterOutputStream(Channels.newOutputStream(channel)) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() {
                // the AtomicOutput owns the channel
            }
        };
    }

    /**
     * Opens a temporary file beside {@code target} (a hidden {@code .<name>.<random>.tmp}). The parent folder
     * is created when missing.
     */
    public static AtomicOutput create(Path target) throws IOException {
        Path absolute = Objects.requireNonNull(target, "target").toAbsolutePath().normalize();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        // not Files.createTempFile: its 0600 mode would stick to the final file; CREATE_NEW honours the umask
        Path temp = dir.resolve("." + absolute.getFileName() + "." + Long.toUnsignedString(RANDOM.nextLong(), 36)
                + ".tmp");
        FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.READ);
        return new AtomicOutput(absolute, temp, ch);
    }

    /** Writes a whole file atomically: {@code body} writes the content, then it is committed. */
    public static void write(Path target, Body body) throws IOException {
        try (AtomicOutput out = create(target)) {
            java.io.BufferedOutputStream buffered = new java.io.BufferedOutputStream(out.stream(), 1 << 16);
            body.writeTo(buffered);
            buffered.flush();
            out.commit();
        }
    }

    /** Writes a UTF-8 text file atomically. */
    public static void writeString(Path target, String text) throws IOException {
        write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** The final path (absolute). */
    public Path target() {
        return target;
    }

    /** The temporary file's channel, for positioned writes (e.g. rewriting a header). */
    public FileChannel channel() {
        return channel;
    }

    /** An unbuffered stream appending at the channel's position; closing it does nothing. */
    public OutputStream stream() {
        return stream;
    }

    /** Writes all of {@code buffer} at the channel's current position. */
    public void write(ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /**
     * Flushes the data to disk, renames the temporary file to the target (replacing it) and syncs the folder.
     *
     * @throws IllegalStateException when already committed or closed
     */
    public void commit() throws IOException {
        if (committed || closed) {
            throw new IllegalStateException("AtomicOutput for " + target.getFileName() + " already "
                    + (committed ? "committed" : "closed"));
        }
        channel.force(true);
        channel.close();
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        committed = true;
        syncDirectory(target.getParent());
    }

    /** True once {@link #commit()} has succeeded. */
    public boolean committed() {
        return committed;
    }

    /** Deletes the temporary file unless committed. Idempotent. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (!committed) {
            try {
                channel.close();
            } finally {
                Files.deleteIfExists(temp);
            }
        }
    }

    /** Makes a rename durable; folders cannot be opened for sync on every platform, which is not an error. */
    public static void syncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            LOG.debug("folder sync not supported here: {}", e.toString());
        }
    }
}
