package org.mammoembed.core;

import java.nio.file.Path;

/**
 * The narrow door through which pixels enter mammo-embed: DICOM files ({@link DicomReader}, the default), or
 * image exports such as 16-bit PNG and TIFF. Find one by name with {@link ImageReaders#named(String)}, or pass
 * your own to {@code EmbeddingExtractor.builder().reader(...)} and {@code Dataset.fromCsv(csv, root, reader)}.
 * Implementations must be thread-safe: the extractor calls them from several worker threads at once.
 */
public interface ImageReader {

    /**
     * Whether this reader reads the file, judged by its content (never by its name alone). Cheap: reads at most
     * a few hundred bytes; false on any I/O problem. Dataset scanning asks this of every file under the root.
     */
    boolean isImage(Path file);

    /** Reads what the header says (stops before the pixel data where the format allows). */
    ImageMetadata readMetadata(Path file) throws MammoException;

    /**
     * Reads and decodes one frame (0-based): DICOM after the modality LUT; other formats as stored.
     *
     * @throws MammoException with stage {@link Stage#READ} for unreadable or malformed files and
     *                        {@link Stage#DECODE} for pixel data that cannot be decoded, never any other
     *                        exception type for bad input
     */
    DecodedImage read(Path file, int frame) throws MammoException;

    /**
     * {@link #read(Path, int)}, taking the frame's sample array from {@code buffers} where this reader can (the
     * default ignores them). A caller that reads many images and {@link FrameBuffers#recycle recycles} each one
     * when it is done with it saves a frame-sized allocation per image; the image is read exactly as without.
     */
    default DecodedImage read(Path file, int frame, FrameBuffers buffers) throws MammoException {
        return read(file, frame);
    }

    /** Reads frame 0. */
    default DecodedImage read(Path file) throws MammoException {
        return read(file, 0);
    }
}
