package org.mammoembed.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.mammoembed.core.CsvTable;
import org.mammoembed.core.Failure;
import org.mammoembed.core.Stage;

/**
 * Writes {@code failures.csv}: columns {@code AccessionNumber, ImagePath, Stage, ErrorClass, Message}, one row
 * per {@link Failure} in the order given, the stage in lower case ({@code scan}, {@code read}, ...). The file
 * is written (header only) even when nothing failed, so its absence always means the run did not finish.
 * {@link #read} reads it back.
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

    /**
     * Reads a failures.csv back: its rows as {@link Failure}s, in file order. The columns may come in any order
     * (a spreadsheet may have moved them), but all five must be there.
     *
     * @throws IOException when the file cannot be read, or naming the file and line of a malformed record, a
     *                     missing column or a stage that is not one of {@link Stage}'s labels
     */
    public static List<Failure> read(Path file) throws IOException {
        CsvTable t = CsvTable.read(file);
        String name = String.valueOf(file.getFileName());
        if (!t.problems().isEmpty()) {
            CsvTable.Problem p = t.problems().get(0);
            throw new IOException(name + ", " + p.message());
        }
        int[] c = new int[COLUMNS.size()];
        for (int k = 0; k < c.length; k++) {
            c[k] = t.column(COLUMNS.get(k));
            if (c[k] < 0) {
                throw new IOException(name + " has no column " + COLUMNS.get(k) + "; found " + t.header());
            }
        }
        List<Failure> out = new ArrayList<>(t.rows().size());
        for (CsvTable.Row r : t.rows()) {
            out.add(new Failure(r.field(c[0]), r.field(c[1]), stage(name, r, c[2]), r.field(c[3]), r.field(c[4])));
        }
        return out;
    }

    private static Stage stage(String name, CsvTable.Row r, int column) throws IOException {
        String label = r.field(column).trim();
        String lower = label.toLowerCase(Locale.ROOT);
        for (Stage s : Stage.values()) {
            if (s.label().equals(lower)) {
                return s;
            }
        }
        throw new IOException(name + " line " + r.line() + ": unknown stage '" + label + "' (one of "
                + Arrays.stream(Stage.values()).map(Stage::label).toList() + ")");
    }
}
