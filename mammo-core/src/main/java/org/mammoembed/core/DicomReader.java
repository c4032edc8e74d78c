package org.mammoembed.core;

import java.nio.file.Path;

/**
 * The narrow door through which pixels enter mammo-embed. {@code org.mammoembed.dicom.DicomFileReader} is
 * the built-in pure-Java implementation; a reader backed by another toolkit (dcm4che, GDCM) only has to
 * implement these three methods. Implementations must be thread-safe: the extractor calls them from several
 * worker threads at once.
 */
public interface DicomReader {

    /**
     * Whether the file looks like DICOM by its content (the "DICM" marker after the preamble, or a plausible
     * first data element), never by its name. Reads at most a few hundred bytes; false on any I/O problem.
     */
    boolean isDicom(Path file);

    /** Reads the header only (stops before the pixel data). */
    ImageMetadata readMetadata(Path file) throws MammoException;

    /**
     * Reads and decodes one frame (0-based) after the modality LUT.
     *
     * @throws MammoException with stage {@link Stage#READ} for unreadable or malformed files and
     *                        {@link Stage#DECODE} for pixel data that cannot be decoded (naming the
     *                        transfer syntax), never any other exception type for bad input
     */
    DecodedImage read(Path file, int frame) throws MammoException;

    /** Reads frame 0. */
    default DecodedImage read(Path file) throws MammoException {
        return read(file, 0);
    }
}
