package org.mammoembed.core;

import java.util.Locale;

/** Pipeline stage at which an image failed; written in lower case to {@code failures.csv}. */
public enum Stage {
    /** Finding files: missing accession folders, unreadable directories, CSV rows. */
    SCAN,
    /** Reading bytes and parsing the DICOM header. */
    READ,
    /** Decoding pixel data (native or compressed). */
    DECODE,
    /** Windowing, resizing, normalising. */
    PREPROCESS,
    /** Running the network. */
    INFER,
    /** Writing outputs. */
    WRITE;

    /** The lower-case name used in reports. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
