package org.mammoembed.core;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A small, bounded RFC 4180 CSV reader for label files such as {@code classificacao.csv}.
 *
 * <p>Tolerates what spreadsheets produce: a UTF-8 byte order mark, {@code ,} {@code ;} or tab separators (the
 * one used most often outside quotes on the header line wins; ties prefer {@code ,} then {@code ;}), quoted
 * fields with embedded separators, doubled quotes and line breaks, CRLF or LF line ends, blank lines (skipped),
 * and white space around unquoted fields (trimmed). Invalid UTF-8 is replaced, never fatal.
 *
 * <p>Memory is bounded: a record longer than {@link Builder#maxRecordChars(int)} is skipped (its characters are
 * read and dropped) and reported as a {@link Problem} with its line number, so a 10 MB field cannot exhaust
 * the heap. Rows whose quoted field never closes are reported the same way.
 *
 * <p>Immutable once read.
 */
public final class CsvTable {
    /** Default cap on the characters of one record (all fields and separators): 1 Mi. */
    public static final int DEFAULT_MAX_RECORD_CHARS = 1 << 20;

    private final char separator;
    private final List<String> header;
    private final List<Row> rows;
    private final List<Problem> problems;

    private CsvTable(char separator, List<String> header, List<Row> rows, List<Problem> problems) {
        this.separator = separator;
        this.header = List.copyOf(header);
        this.rows = List.copyOf(rows);
        this.problems = List.copyOf(problems);
    }

    /** One data record. */
    public record Row(int line, List<String> fields) {
        /**
         * @param line   1-based physical line on which the record starts
         * @param fields the record's fields, as many as the file had (may differ from the header's count)
         */
        public Row {
            fields = List.copyOf(fields);
        }

        /** Field {@code i}, or "" when the record is shorter. */
        public String field(int i) {
            return i < fields.size() ? fields.get(i) : "";
        }
    }

    /** A record that could not be read. */
    public record Problem(int line, String message) {
        /**
         * @param line    1-based physical line on which the record starts
         * @param message what was wrong, starting with "line N: "
         */
        public Problem {
            Objects.requireNonNull(message, "message");
        }
    }

    /** A reader with default limits. */
    public static Builder builder() {
        return new Builder();
    }

    /** Reads a file with the default limits. */
    public static CsvTable read(Path file) throws IOException {
        return builder().build().readFile(file);
    }

    /** The separator found on the header line ({@code ','} when the file is empty). */
    public char separator() {
        return separator;
    }

    /** Header names as written (trimmed), empty for an empty file. */
    public List<String> header() {
        return header;
    }

    /** Position of a header name, compared case-insensitively; -1 when absent. */
    public int column(String name) {
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Data records in file order (blank lines and unreadable records left out). */
    public List<Row> rows() {
        return rows;
    }

    /** Records that were skipped, in file order. */
    public List<Problem> problems() {
        return problems;
    }

    /** Options of a {@link CsvTable} read. */
    public static final class Builder {
        private int maxRecordChars = DEFAULT_MAX_RECORD_CHARS;

        private Builder() {
        }

        /**
         * Longest record kept, in characters. Default {@link #DEFAULT_MAX_RECORD_CHARS} (1,048,576). Must be at
         * least 16.
         */
        public Builder maxRecordChars(int maxRecordChars) {
            if (maxRecordChars < 16) {
                throw new IllegalArgumentException("maxRecordChars must be >= 16, got " + maxRecordChars);
            }
            this.maxRecordChars = maxRecordChars;
            return this;
        }

        /** An immutable reader with these options. */
        public TableReader build() {
            return new TableReader(maxRecordChars);
        }
    }

    /** A configured reader; thread-safe and reusable. */
    public static final class TableReader {
        private final int maxRecordChars;

        private TableReader(int maxRecordChars) {
            this.maxRecordChars = maxRecordChars;
        }

        /** Reads a UTF-8 file. */
        public CsvTable readFile(Path file) throws IOException {
            try (InputStream in = Files.newInputStream(file)) {
                Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPLACE)
                        .onUnmappableCharacter(CodingErrorAction.REPLACE));
                return read(reader);
            }
        }

        /** Reads CSV text; the reader is not closed. */
        public CsvTable read(Reader source) throws IOException {
            return new Parser(new BufferedReader(source, 1 << 16), maxRecordChars).parse();
        }
    }

    /** One pass over the text; the header line is parsed twice (once raw to sniff the separator). */
    private static final class Parser {
        private static final int EOF = -1;
        private final BufferedReader in;
        private final int maxRecordChars;
        private int line = 1;
        private int pushedBack = Integer.MIN_VALUE;
        private char separator = ',';

        Parser(BufferedReader in, int maxRecordChars) {
            this.in = in;
            this.maxRecordChars = maxRecordChars;
        }

        CsvTable parse() throws IOException {
            in.mark(1);
            int first = in.read();
            if (first != '\uFEFF' && first != EOF) {
                in.reset();
            }
            List<Problem> problems = new ArrayList<>();
            List<String> header = null;
            List<Row> rows = new ArrayList<>();
            boolean sniffed = false;
            while (true) {
                if (!sniffed) {
                    separator = sniffSeparator();
                    sniffed = true;
                }
                int startLine = line;
                Record record = readRecord();
                if (record == null) {
                    break;
                }
                if (record.error != null) {
                    problems.add(new Problem(startLine, "line " + startLine + ": " + record.error));
                    if (header == null) {
                        // a header we cannot read makes every later row meaningless
                        return new CsvTable(separator, List.of(), List.of(), problems);
                    }
                    continue;
                }
                if (record.isBlank()) {
                    continue;
                }
                if (header == null) {
                    header = record.fields;
                } else {
                    rows.add(new Row(startLine, record.fields));
                }
            }
            return new CsvTable(separator, header == null ? List.of() : header, rows, problems);
        }

        /** Counts separators outside quotes on the first non-blank line, then rewinds. */
        private char sniffSeparator() throws IOException {
            int limit = maxRecordChars + 2;
            in.mark(limit);
            int commas = 0;
            int semicolons = 0;
            int tabs = 0;
            boolean quoted = false;
            boolean seenContent = false;
            for (int i = 0; i < limit; i++) {
                int c = in.read();
                if (c == EOF) {
                    break;
                }
                if (c == '"') {
                    quoted = !quoted;
                } else if (!quoted && (c == '\n' || c == '\r')) {
                    if (seenContent) {
                        break;
                    }
                } else if (!quoted) {
                    commas += c == ',' ? 1 : 0;
                    semicolons += c == ';' ? 1 : 0;
                    tabs += c == '\t' ? 1 : 0;
                }
                seenContent |= c != '\n' && c != '\r' && c != ' ';
            }
            in.reset();
            if (tabs > commas && tabs > semicolons) {
                return '\t';
            }
            return semicolons > commas ? ';' : ',';
        }

        private int next() throws IOException {
            int c;
            if (pushedBack != Integer.MIN_VALUE) {
                c = pushedBack;
                pushedBack = Integer.MIN_VALUE;
            } else {
                c = in.read();
            }
            if (c == '\n') {
                line++;
            }
            return c;
        }

        private void unread(int c) {
            if (c == '\n') {
                line--;
            }
            pushedBack = c;
        }

        /** Reads one record up to and including its line end; null at end of input. */
        private Record readRecord() throws IOException {
            int c = next();
            if (c == EOF) {
                return null;
            }
            unread(c);
            Record record = new Record();
            StringBuilder field = new StringBuilder();
            int chars = 0;
            boolean overflow = false;
            while (true) {
                boolean quotedField = false;
                boolean afterQuote = false;
                int closedLength = -1;
                field.setLength(0);
                int startLine = line;
                // leading white space before an opening quote is allowed and dropped
                while (true) {
                    c = next();
                    if (c == ' ' && separator != ' ') {
                        chars++;
                        field.append(' ');
                        continue;
                    }
                    break;
                }
                if (c == '"') {
                    quotedField = true;
                    field.setLength(0);
                    c = next();
                }
                while (true) {
                    if (c == EOF) {
                        if (quotedField && !afterQuote) {
                            record.error = "quoted field starting on line " + startLine
                                    + " is never closed; row skipped";
                            return record;
                        }
                        break;
                    }
                    if (quotedField && !afterQuote) {
                        if (c == '"') {
                            int d = next();
                            if (d == '"') {
                                c = '"';
                            } else {
                                afterQuote = true;
                                closedLength = field.length();
                                c = d;
                                continue;
                            }
                        }
                    } else if (c == separator || c == '\n' || c == '\r') {
                        break;
                    }
                    if (++chars > maxRecordChars) {
                        overflow = true;
                    } else if (!overflow) {
                        field.append((char) c);
                    }
                    c = next();
                }
                if (!overflow) {
                    record.fields.add(quotedField ? quotedValue(field, closedLength) : field.toString().strip());
                }
                if (c == separator) {
                    chars++;
                    continue;
                }
                if (c == '\r') {
                    int d = next();
                    if (d != '\n' && d != EOF) {
                        unread(d);
                    }
                }
                break;
            }
            if (overflow) {
                record.error = String.format(Locale.ROOT,
                        "record longer than %d characters (the limit); row skipped", maxRecordChars);
            }
            return record;
        }
    }

    /** A quoted field keeps its content; text after the closing quote is kept too unless it is white space. */
    private static String quotedValue(StringBuilder field, int closedLength) {
        if (closedLength >= 0 && field.substring(closedLength).isBlank()) {
            return field.substring(0, closedLength);
        }
        return field.toString();
    }

    private static final class Record {
        final List<String> fields = new ArrayList<>();
        String error;

        boolean isBlank() {
            for (String f : fields) {
                if (!f.isEmpty()) {
                    return false;
                }
            }
            return true;
        }
    }
}
