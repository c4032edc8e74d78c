package org.mammoembed.core;

import java.nio.file.Path;

/** Builds a {@link Dataset} from a CSV and a DICOM root. (Being written: see issue 2 / 6.) */
final class DatasetScanner {
    Dataset scan(Path csv, Path dicomRoot) throws MammoException {
        throw new UnsupportedOperationException("DatasetScanner.scan not written yet");
    }

    Dataset scanFolder(Path folder) throws MammoException {
        throw new UnsupportedOperationException("DatasetScanner.scanFolder not written yet");
    }
}
