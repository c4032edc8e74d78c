package org.mammoembed.examples;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.Logger;

/**
 * The CLI's logging, set up in code (found by logback through {@code META-INF/services}): the console shows warnings
 * only, since the CLI prints its own progress and summary; run.log is written by the library (EmbeddingStudy)
 * itself, whatever the binding. Configuring in code, with a plain layout instead of a pattern, spares every start
 * the XML parser, logback's configuration model and its pattern converters: about 0.4 s of class loading.
 * {@code -Dlogback.configurationFile=F} still wins: this configurator then steps aside.
 */
public final class CliLogging extends ContextAwareBase implements Configurator {
    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        ConsoleLayout layout = new ConsoleLayout();
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        ThresholdFilter warnings = new ThresholdFilter();
        warnings.setLevel("WARN");
        warnings.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("console");
        console.setTarget("System.err");
        console.setEncoder(encoder);
        console.addFilter(warnings);
        console.start();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(console);
        // per-iteration chatter of the native and numeric libraries
        for (String chatty : new String[] {"smile", "org.nd4j", "org.reflections", "org.bytedeco"}) {
            context.getLogger(chatty).setLevel(Level.WARN);
        }
        // the CLI says "RANDOM weights" itself, once, on the console and in run.log
        context.getLogger("org.mammoembed.embed.OnnxModels").setLevel(Level.ERROR);
        // logistic regression on 2048 standardised features of separable classes stops at its iteration cap by
        // design (the weights keep growing); the baselines report carries the scores, so this is noise here
        context.getLogger("smile.math.BFGS").setLevel(Level.ERROR);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** {@code LEVEL Logger - message}, then the stack trace if any (what {@code %-5level %logger{0} - %msg%n} gives). */
    static final class ConsoleLayout extends LayoutBase<ILoggingEvent> {
        @Override
        public String doLayout(ILoggingEvent event) {
            String level = event.getLevel().toString();
            String logger = event.getLoggerName();
            StringBuilder line = new StringBuilder(96).append(level);
            for (int i = level.length(); i < 5; i++) {
                line.append(' ');
            }
            line.append(' ').append(logger.substring(logger.lastIndexOf('.') + 1)).append(" - ")
                    .append(event.getFormattedMessage()).append(System.lineSeparator());
            IThrowableProxy thrown = event.getThrowableProxy();
            if (thrown != null) {
                line.append(ThrowableProxyUtil.asString(thrown)).append(System.lineSeparator());
            }
            return line.toString();
        }
    }
}
