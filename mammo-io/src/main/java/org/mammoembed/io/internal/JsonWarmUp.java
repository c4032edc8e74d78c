package org.mammoembed.io.internal;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.mammoembed.core.Failure;
import org.mammoembed.core.Stage;
import org.mammoembed.core.internal.DaemonThreads;
import org.mammoembed.io.JsonOutput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts Jackson before a study needs it. Its first write builds the mapper's serializers: 0.2 s of CPU and 0.37 s
 * of wall time measured on this project's 2-core machine. A study's first write is its run.json after the last
 * image, where nothing else runs beside it, so a study starts this when it starts.
 */
public final class JsonWarmUp {
    private static final Logger LOG = LoggerFactory.getLogger(JsonWarmUp.class);
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private JsonWarmUp() {
    }

    /**
     * Writes a sample on a daemon thread, once per process, and returns at once. A failure here is only logged; the
     * real write reports its own.
     */
    public static void startInBackground() {
        if (STARTED.compareAndSet(false, true)) {
            DaemonThreads.start("mammo-io-json-warmup", Thread.MIN_PRIORITY, () -> {
                long t0 = System.nanoTime();
                try {
                    // the kinds of value run.json holds: a (public) record, text, numbers of each kind, a flag
                    JsonOutput.toJson(Map.of("record", new Failure("A", "a.dcm", Stage.DECODE, "Sample", "text"),
                            "numbers", List.of(0.5, 1.5f, 2L, 3), "flag", true));
                    LOG.debug("JSON writer warmed up in {} ms", (System.nanoTime() - t0) / 1_000_000);
                } catch (IOException | RuntimeException | LinkageError e) {
                    LOG.debug("JSON warm-up failed (no effect on the run): {}", e.toString());
                }
            });
        }
    }
}
