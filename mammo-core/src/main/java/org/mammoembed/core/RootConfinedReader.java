package org.mammoembed.core;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A reader that checks, when a file is opened and not only when the dataset was scanned, that it still lies
 * inside the DICOM root: a file swapped for a symbolic link to somewhere else after the scan is refused (stage
 * READ), never followed. The file's real path (links resolved) is checked and then handed to the wrapped reader,
 * so what is read is what was checked; only a swap in the microseconds between the two remains possible.
 *
 * <p>Everything of a study that opens its images goes through one: the extractor's decoding and the embedding
 * cache's hashing and header reads. Immutable; as thread-safe as the wrapped reader.
 */
public final class RootConfinedReader implements ImageReader {
    private final ImageReader reader;
    private final Path root;
    private final Path rootReal;

    private RootConfinedReader(ImageReader reader, Path root, Path rootReal) {
        this.reader = reader;
        this.root = root;
        this.rootReal = rootReal;
    }

    /** Confines {@code reader} to {@code root} (a root that is not a folder here confines nothing). */
    public static RootConfinedReader of(ImageReader reader, Path root) {
        Path abs = root.toAbsolutePath().normalize();
        Path real;
        try {
            real = abs.toRealPath();
        } catch (IOException e) {
            real = null;
        }
        return new RootConfinedReader(reader, abs, real);
    }

    /**
     * The real path of {@code file} (links resolved), to open instead of {@code file}; {@code file} itself when it
     * does not exist (opening it then fails and says so).
     *
     * @throws MammoException (stage READ) when it resolves to a location outside the root
     */
    public Path confined(Path file) throws MammoException {
        if (rootReal == null) {
            return file; // not a folder on this file system (a reader of its own kind of paths): nothing to escape
        }
        Path real;
        try {
            real = file.toRealPath();
        } catch (IOException e) {
            return file; // gone or dangling: the reader's open fails and says so; nothing outside is read
        }
        if (!real.startsWith(rootReal)) {
            throw new MammoException(Stage.READ, "'" + shown(file) + "' now resolves to a location outside the DICOM root"
                    + " (replaced by a symbolic link after the scan?); refused, not read");
        }
        return real;
    }

    private String shown(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        return abs.startsWith(root) ? root.relativize(abs).toString().replace('\\', '/')
                : String.valueOf(file.getFileName());
    }

    @Override
    public boolean isImage(Path file) {
        try {
            return reader.isImage(confined(file));
        } catch (MammoException e) {
            return false;
        }
    }

    @Override
    public ImageMetadata readMetadata(Path file) throws MammoException {
        return reader.readMetadata(confined(file));
    }

    @Override
    public DecodedImage read(Path file, int frame) throws MammoException {
        return reader.read(confined(file), frame);
    }

    @Override
    public DecodedImage read(Path file, int frame, FrameBuffers buffers) throws MammoException {
        return reader.read(confined(file), frame, buffers);
    }
}
