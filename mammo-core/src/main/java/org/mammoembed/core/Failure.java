package org.mammoembed.core;

import java.util.Objects;

/**
 * One input that could not be used: a row of {@code failures.csv}.
 *
 * @param accessionNumber exam, or "" when the problem is not tied to one
 * @param relativePath    path relative to the DICOM root, or "" (e.g. a missing accession folder)
 * @param stage           where it failed
 * @param errorClass      short name of the error type (e.g. {@code DicomException}, {@code MissingFolder})
 * @param message         specific, human-readable reason (no patient identifiers)
 */
public record Failure(String accessionNumber, String relativePath, Stage stage, String errorClass, String message) {

    public Failure {
        accessionNumber = accessionNumber == null ? "" : accessionNumber;
        relativePath = relativePath == null ? "" : relativePath;
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(errorClass, "errorClass");
        message = message == null ? "" : message;
    }

    /** A failure of one image, from the exception that stopped it. */
    public static Failure of(ImageRecord image, MammoException e) {
        return new Failure(image.accessionNumber(), image.relativePath(), e.stage(),
                e.getClass().getSimpleName(), e.getMessage());
    }
}
