package org.mammoembed.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.mammoembed.core.Failure;

/**
 * Writes {@code failures.csv}: columns {@code AccessionNumber, ImagePath, Stage, ErrorClass, Message}, one row
 * per {@link Failure} in the order given, the stage in lower case ({@code scan}, {@code read}, ...). The file
 * is written (header only) even when nothing failed, so its absence always means the run did not finish.
 */
public final class FailuresCsv {
    /** The columns, in order. */
    public static final List<String> COLUMNS = List.of("AccessionNumber", "ImagePath", "Stage", "ErrorClass",
            "Message");

    private FailuresCsv() {
    }

    /** Writes the file atomically. */
    public static void write(Path target, List<Failure> failures) throws IOException {
        try (CsvRowWriter csv = CsvRowWriter.create(target, COLUMNS)) {
            for (Failure f : failures) {
                csv.row(List.of(f.accessionNumber(), f.relativePath(), f.stage().label(), f.errorClass(),
                        f.message()));
            }
            csv.commit();
        }
    }
}
