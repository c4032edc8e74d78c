package org.mammoembed.embed;

import java.nio.file.Path;
import org.mammoembed.core.DicomReader;
import org.mammoembed.core.ImageMetadata;
import org.mammoembed.core.MammoException;

/**
 * The base of the tests' reader doubles: every file is DICOM, and its metadata are those of the image it decodes
 * to, so that a double defines {@link #read(Path, int)} alone.
 */
abstract class ReadingOnlyReader implements DicomReader {
    @Override
    public boolean isDicom(Path file) {
        return true;
    }

    @Override
    public ImageMetadata readMetadata(Path file) throws MammoException {
        return read(file, 0).metadata();
    }
}
