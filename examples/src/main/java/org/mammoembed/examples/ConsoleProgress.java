package org.mammoembed.examples;

import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.mammoembed.core.StageListener;
import org.mammoembed.core.StageProgress;

/**
 * Shows the progress of every stage on the console: a redrawn bar on a terminal, plain lines every few seconds
 * otherwise (so CI logs stay readable). A stage shorter than about 2 s prints nothing.
 */
final class ConsoleProgress implements StageListener {
    private static final long LINE_INTERVAL_NANOS = 5_000_000_000L;
    private static final Duration QUIET_BELOW = Duration.ofSeconds(2);
    private final PrintStream out;
    private final boolean terminal;
    private final Map<String, Long> lastLine = new HashMap<>();

    ConsoleProgress(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    static ConsoleProgress forStdErr() {
        return new ConsoleProgress(System.err, System.console() != null);
    }

    @Override
    public synchronized void onStage(StageProgress p) {
        if (p.elapsed().compareTo(QUIET_BELOW) < 0) {
            return;
        }
        if (terminal) {
            int width = 30;
            int filled = (int) Math.round(p.fraction() * width);
            out.print("\r[" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + describe(p));
            if (p.finished()) {
                out.println();
            }
            out.flush();
            return;
        }
        long now = System.nanoTime();
        Long last = lastLine.get(p.stage());
        if (p.finished() || last == null || now - last >= LINE_INTERVAL_NANOS) {
            lastLine.put(p.stage(), now);
            out.println("progress: " + describe(p));
        }
    }

    static String describe(StageProgress p) {
        String eta = p.eta().map(ConsoleProgress::format).orElse("?");
        String failed = p.failed() > 0 ? ", " + p.failed() + " failed" : "";
        return String.format(Locale.ROOT, "%s %d/%d %s%s, %.2f %s/s, ETA %s", p.stage(), p.done(), p.total(),
                p.unit(), failed, p.perSecond(), p.unit(), eta);
    }

    private static String format(Duration d) {
        long s = d.getSeconds();
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60)
                : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
}
