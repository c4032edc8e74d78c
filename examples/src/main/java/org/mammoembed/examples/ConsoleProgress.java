package org.mammoembed.examples;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import org.mammoembed.core.Progress;
import org.mammoembed.core.ProgressListener;

/**
 * Shows progress on the console: a redrawn bar on a terminal, plain lines every few seconds otherwise (so CI
 * logs stay readable).
 */
final class ConsoleProgress implements ProgressListener {
    private static final long LINE_INTERVAL_NANOS = 5_000_000_000L;
    private final PrintStream out;
    private final boolean terminal;
    private long lastLine = Long.MIN_VALUE;

    ConsoleProgress(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    static ConsoleProgress forStdErr() {
        return new ConsoleProgress(System.err, System.console() != null);
    }

    @Override
    public synchronized void onProgress(Progress p) {
        boolean finished = p.done() >= p.total();
        if (terminal) {
            int width = 30;
            int filled = (int) Math.round(p.fraction() * width);
            out.print("\r[" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + describe(p));
            if (finished) {
                out.println();
            }
            out.flush();
            return;
        }
        long now = System.nanoTime();
        if (finished || lastLine == Long.MIN_VALUE || now - lastLine >= LINE_INTERVAL_NANOS) {
            lastLine = now;
            out.println("progress: " + describe(p));
        }
    }

    static String describe(Progress p) {
        String eta = p.eta().map(ConsoleProgress::format).orElse("?");
        return String.format(Locale.ROOT, "%d/%d images, %d failed, %.2f images/s, ETA %s",
                p.done(), p.total(), p.failed(), p.imagesPerSecond(), eta);
    }

    private static String format(Duration d) {
        long s = d.getSeconds();
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60)
                : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
}
