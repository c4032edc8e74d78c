package org.mammoembed.examples;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * Sends every log line of a run (INFO and above, timestamped) to {@code <outdir>/run.log}, beside the console
 * appender of {@code logback.xml}. Closing detaches and flushes it.
 */
final class RunLog implements AutoCloseable {
    private final FileAppender<ILoggingEvent> appender;
    private final Logger root;

    private RunLog(FileAppender<ILoggingEvent> appender, Logger root) {
        this.appender = appender;
        this.root = root;
    }

    static RunLog open(Path file, boolean append) {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(ctx);
        encoder.setPattern("%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{36} - %msg%n");
        encoder.start();
        FileAppender<ILoggingEvent> fa = new FileAppender<>();
        fa.setContext(ctx);
        fa.setName("run-log");
        fa.setFile(file.toString());
        fa.setAppend(append);
        fa.setEncoder(encoder);
        fa.setImmediateFlush(true);
        fa.start();
        Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(fa);
        if (root.getLevel() == null || root.getLevel().isGreaterOrEqual(Level.WARN)) {
            root.setLevel(Level.INFO);
        }
        return new RunLog(fa, root);
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
    }
}
