package org.mammoembed.dicom;

import org.mammoembed.core.ImageReader;
import org.mammoembed.core.ImageReaderProvider;

/** Registers {@link DicomFileReader} as the {@code "dicom"} reader of {@code ImageReaders}. */
public final class DicomReaderProvider implements ImageReaderProvider {
    @Override
    public String name() {
        return "dicom";
    }

    @Override
    public ImageReader create() {
        return DicomFileReader.create();
    }
}
