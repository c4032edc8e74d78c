package org.mammoembed.io;

import org.mammoembed.io.internal.AtomicOutput;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes an RFC 4180 CSV file (UTF-8, no byte order mark, {@code ,} separator, LF line ends) atomically:
 * the file appears under its name only at {@link #commit()}; closing without a commit discards it.
 *
 * <p>A field is quoted when it contains a comma, a quote, a line break, or starts or ends with white space
 * (which readers would otherwise trim); quotes inside are doubled. Not thread-safe.
 */
public final class CsvRowWriter implements AutoCloseable {
    private final AtomicOutput out;
    private final Writer writer;
    private final int columns;

    private CsvRowWriter(AtomicOutput out, List<String> header) throws IOException {
        this.out = out;
        this.writer = new BufferedWriter(new OutputStreamWriter(out.stream(), StandardCharsets.UTF_8), 1 << 16);
        this.columns = header.size();
        row(header);
    }

    /** Opens {@code target} and writes the header line. */
    public static CsvRowWriter create(Path target, List<String> header) throws IOException {
        AtomicOutput out = AtomicOutput.create(target);
        try {
            return new CsvRowWriter(out, header);
        } catch (IOException | RuntimeException e) {
            out.close();
            throw e;
        }
    }

    /** Writes one record; it must have as many fields as the header. */
    public void row(List<String> fields) throws IOException {
        if (fields.size() != columns) {
            throw new IllegalArgumentException("record has " + fields.size() + " fields, header has " + columns);
        }
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                writer.write(',');
            }
            writer.write(quote(fields.get(i)));
        }
        writer.write('\n');
    }

    /** Flushes and makes the file appear under its name. */
    public void commit() throws IOException {
        writer.flush();
        out.commit();
    }

    /** Discards the file unless committed. */
    @Override
    public void close() throws IOException {
        out.close();
    }

    /** The field as written to a CSV file: unchanged, or quoted with inner quotes doubled. */
    public static String quote(String field) {
        String s = field == null ? "" : field;
        boolean needs = !s.isEmpty() && (Character.isWhitespace(s.charAt(0))
                || Character.isWhitespace(s.charAt(s.length() - 1)));
        for (int i = 0; i < s.length() && !needs; i++) {
            char c = s.charAt(i);
            needs = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        return needs ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
