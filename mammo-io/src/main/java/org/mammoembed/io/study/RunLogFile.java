package org.mammoembed.io.study;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code run.log}: a timestamped line per event of the study (one per failed image, the summaries, fatal
 * errors), written by the library itself so that it exists whatever logging backend the application uses.
 * Each line also goes to SLF4J (per-image lines at DEBUG, so consoles stay quiet). Lines are flushed at once:
 * a killed run keeps its log. Thread-safe.
 */
final class RunLogFile implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("org.mammoembed.study");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
    private final BufferedWriter out;
    private boolean broken;

    private RunLogFile(BufferedWriter out) {
        this.out = out;
    }

    /** Opens {@code file}, appending (resume) or replacing. */
    static RunLogFile open(Path file, boolean append) throws IOException {
        return new RunLogFile(Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING));
    }

    void info(String message) {
        LOG.info(message);
        line("INFO ", message);
    }

    void warn(String message) {
        LOG.warn(message);
        line("WARN ", message);
    }

    /**
     * An error the caller learns from an exception (or another logger already reported): ERROR in the file,
     * DEBUG on SLF4J, so that a console does not show it twice.
     */
    void errorInFile(String message) {
        LOG.debug(message);
        line("ERROR", message);
    }

    /** A warning for run.log that the caller shows its user itself: WARN in the file, INFO on SLF4J. */
    void warnInFile(String message) {
        LOG.info(message);
        line("WARN ", message);
    }

    /** One failed image: always in run.log, at DEBUG on SLF4J. */
    void failure(String message) {
        LOG.debug(message);
        line("WARN ", message);
    }

    private synchronized void line(String level, String message) {
        if (broken) {
            return;
        }
        try {
            out.write(TIME.format(OffsetDateTime.now(ZoneOffset.UTC)) + " " + level + " " + message.replace('\n', ' ')
                    .replace('\r', ' '));
            out.newLine();
            out.flush();
        } catch (IOException e) {
            // a full disk must not turn the log into the run's failure: the outputs say what happened
            broken = true;
            LOG.warn("run.log cannot be written any more: {}", e.toString());
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            LOG.warn("run.log: {}", e.toString());
        }
    }
}
