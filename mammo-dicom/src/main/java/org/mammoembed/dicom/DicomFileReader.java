package org.mammoembed.dicom;

import java.nio.file.Path;
import org.mammoembed.core.DecodedImage;
import org.mammoembed.core.DicomReader;
import org.mammoembed.core.DicomSniffer;
import org.mammoembed.core.ImageMetadata;
import org.mammoembed.core.MammoException;

/** The built-in pure-Java DICOM reader. (Stub: being written on the dicom branch.) */
public final class DicomFileReader implements DicomReader {
    @Override
    public boolean isDicom(Path file) {
        return DicomSniffer.looksLikeDicom(file);
    }

    @Override
    public ImageMetadata readMetadata(Path file) throws MammoException {
        throw new UnsupportedOperationException("DicomFileReader not written yet");
    }

    @Override
    public DecodedImage read(Path file, int frame) throws MammoException {
        throw new UnsupportedOperationException("DicomFileReader not written yet");
    }
}
