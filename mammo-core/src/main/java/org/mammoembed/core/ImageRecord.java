package org.mammoembed.core;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One image to embed: the exam it belongs to, its density label, where it is.
 *
 * @param accessionNumber the exam's AccessionNumber (the folder name under the DICOM root)
 * @param density         the exam's label, or {@code null} for unlabelled data
 * @param path            absolute, normalised path of the file
 * @param relativePath    path relative to the DICOM root with '/' separators, as written to outputs
 * @param extraColumns    the CSV row's other columns, in CSV order (kept, never interpreted)
 */
public record ImageRecord(String accessionNumber, BiRadsDensity density, Path path, String relativePath,
                          Map<String, String> extraColumns) {

    public ImageRecord {
        Objects.requireNonNull(accessionNumber, "accessionNumber");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(relativePath, "relativePath");
        extraColumns = Collections.unmodifiableMap(new LinkedHashMap<>(extraColumns));
    }

    /** BI-RADS code 1-4, or 0 when unlabelled. */
    public int biRads() {
        return density == null ? 0 : density.code();
    }
}
