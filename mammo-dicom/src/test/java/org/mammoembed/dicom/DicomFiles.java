package org.mammoembed.dicom;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small helpers for tests that write DICOM files with {@link DicomWriter}. */
final class DicomFiles {
    static final String MG_SOP_CLASS = "1.2.840.10008.5.1.4.1.1.1.2";

    private DicomFiles() {
    }

    /** An MG header without pixel data. */
    static DicomAttributes mgHeader() {
        return new DicomAttributes()
                .setString(Tag.SOP_CLASS_UID, Vr.UI, MG_SOP_CLASS)
                .setString(Tag.SOP_INSTANCE_UID, Vr.UI, "2.25.120204628008360295948290251082320229764")
                .setString(Tag.MODALITY, Vr.CS, "MG")
                .setString(Tag.PATIENT_NAME, Vr.PN, "Doe^Jane")
                .setString(Tag.PATIENT_ID, Vr.LO, "PID-0001");
    }

    static Path write(Path dir, String name, DicomWriter writer, DicomAttributes attributes) {
        Path file = dir.resolve(name);
        try {
            writer.write(file, attributes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    static Path writeBytes(Path dir, String name, byte[] bytes) {
        Path file = dir.resolve(name);
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    static DicomWriter writer(String tsUid) {
        return DicomWriter.builder().transferSyntax(tsUid).build();
    }
}
