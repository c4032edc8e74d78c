package org.mammoembed.core;

import java.nio.file.Path;

/**
 * An {@link ImageReader} for DICOM files. {@code org.mammoembed.dicom.DicomFileReader} is the built-in
 * pure-Java implementation, found through {@link ImageReaders#named(String) ImageReaders.named("dicom")}; a
 * reader backed by another toolkit (dcm4che, GDCM) only has to implement three methods. Implementations must
 * be thread-safe: the extractor calls them from several worker threads at once.
 */
public interface DicomReader extends ImageReader {

    /**
     * Whether the file looks like DICOM by its content (the "DICM" marker after the preamble, or a plausible
     * first data element), never by its name. Reads at most a few hundred bytes; false on any I/O problem.
     */
    boolean isDicom(Path file);

    /** A DICOM reader reads the files that look like DICOM. */
    @Override
    default boolean isImage(Path file) {
        return isDicom(file);
    }
}
