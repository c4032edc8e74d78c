package org.mammoembed.embed;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.mammoembed.core.DecodedImage;
import org.mammoembed.core.FrameBuffers;
import org.mammoembed.core.ImageReader;
import org.mammoembed.core.MammoException;
import org.mammoembed.core.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last line of defence around one image's read and decode: a deadline, and out-of-memory containment.
 *
 * <p>A decode that runs past the deadline fails its image ("decode exceeded N s", stage DECODE) and the run goes
 * on. Java cannot stop a thread that does not check for interruption (image codecs do not), so the decode is
 * interrupted and abandoned on its own daemon thread: it keeps one core busy and holds at most one image's
 * memory (the reader's per-image budget) until it ends by itself. That cost is bounded: once
 * {@code maxAbandoned} abandoned decodes are still running at once, the run stops with a {@link MammoException}
 * naming the cause, rather than letting runaway decoders take every core. Each abandoned decode is logged.
 *
 * <p>An {@link OutOfMemoryError} thrown inside one image's decode becomes that image's failure (stage DECODE);
 * its buffers are unreachable once the decode has unwound, so the collector gets them back.
 */
final class DecodeDeadline implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DecodeDeadline.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final ImageReader reader;
    private final Duration limit;
    private final int maxAbandoned;
    private final ExecutorService decoders;
    private final AtomicInteger abandonedRunning = new AtomicInteger();
    private final AtomicInteger abandonedTotal = new AtomicInteger();
    // CPU time of the decodes themselves (they run on the decode threads, not on the workers), for CpuProfile
    private final CpuClock clock = new CpuClock();
    private final java.util.concurrent.atomic.LongAdder cpuNanos = new java.util.concurrent.atomic.LongAdder();

    DecodeDeadline(ImageReader reader, Duration limit, int maxAbandoned) {
        this.reader = reader;
        this.limit = limit;
        this.maxAbandoned = maxAbandoned;
        this.decoders = Executors.newCachedThreadPool(task -> {
            Thread t = new Thread(task, "mammo-embed-decode-" + THREADS.incrementAndGet());
            t.setDaemon(true); // an abandoned decode never keeps the JVM alive
            clock.watch(t);
            return t;
        });
    }

    /** CPU nanoseconds the decode threads spent in {@code ImageReader.read} so far. */
    long cpuNanos() {
        return cpuNanos.sum();
    }

    /** CPU nanoseconds used so far by the decode threads (for subtracting them from process CPU). */
    long threadsCpuNanos() {
        return clock.watched();
    }

    /**
     * Reads frame {@code frame} of {@code file} within the deadline, its samples in {@code buffers}' arrays where
     * the reader takes them (an abandoned decode keeps its array, which {@code buffers} never gets back).
     */
    DecodedImage read(Path file, int frame, FrameBuffers buffers) throws MammoException {
        Attempt attempt = new Attempt(file, frame, buffers);
        Future<DecodedImage> future = decoders.submit(attempt);
        try {
            return future.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            if (!attempt.abandon()) {
                return read(future); // it finished just now
            }
            future.cancel(true);
            throw new MammoException(Stage.DECODE, "decode exceeded " + seconds() + " s (decodeTimeout); the"
                    + " decoder was abandoned");
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new MammoException(Stage.DECODE, "decode interrupted", e);
        } catch (ExecutionException e) {
            throw TaskFailures.cause(e, MammoException.class);
        }
    }

    private static DecodedImage read(Future<DecodedImage> finished) throws MammoException {
        try {
            return finished.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MammoException(Stage.DECODE, "decode interrupted", e);
        } catch (ExecutionException e) {
            throw TaskFailures.cause(e, MammoException.class);
        }
    }

    /**
     * Called before each new image is started: ends the run once {@code maxAbandoned} abandoned decodes are
     * still running at once.
     */
    void checkAbandoned() throws MammoException {
        int still = abandonedRunning.get();
        if (still >= maxAbandoned) {
            throw new MammoException(Stage.DECODE, still + " decodes that exceeded the " + seconds()
                    + " s deadline are still running (maxAbandonedDecodes " + maxAbandoned
                    + "); the run stops so that they do not take every core");
        }
    }

    /** Decodes abandoned so far because they ran past the deadline. */
    int abandoned() {
        return abandonedTotal.get();
    }

    private String seconds() {
        double s = limit.toMillis() / 1000.0;
        return s == Math.rint(s) ? Long.toString((long) s) : Double.toString(s);
    }

    /** Stops taking new decodes; abandoned ones run on (daemon threads) until they end by themselves. */
    @Override
    public void close() {
        decoders.shutdownNow();
    }

    private final class Attempt implements java.util.concurrent.Callable<DecodedImage> {
        private final Path file;
        private final int frame;
        private final FrameBuffers buffers;
        private final Object lock = new Object();
        private boolean done;
        private boolean abandoned;

        Attempt(Path file, int frame, FrameBuffers buffers) {
            this.file = file;
            this.frame = frame;
            this.buffers = buffers;
        }

        @Override
        public DecodedImage call() throws MammoException {
            long c0 = clock.thread();
            try {
                return reader.read(file, frame, buffers);
            } catch (OutOfMemoryError e) {
                // the frame and codec buffers of this image are unreachable from here on
                throw new MammoException(Stage.DECODE, "out of memory while decoding (the image needs more memory"
                        + " than the heap has free; raise -Xmx or lower the number of workers)");
            } finally {
                cpuNanos.add(clock.thread() - c0);
                synchronized (lock) {
                    done = true;
                    if (abandoned) {
                        abandonedRunning.decrementAndGet();
                        LOG.warn("an abandoned decode of {} ended after all", file.getFileName());
                    }
                }
            }
        }

        /** Marks the attempt abandoned; false when it has already finished. */
        boolean abandon() {
            synchronized (lock) {
                if (done) {
                    return false;
                }
                abandoned = true;
                abandonedRunning.incrementAndGet();
                abandonedTotal.incrementAndGet();
                LOG.warn("decode of {} exceeded {} s; abandoned on its thread ({} abandoned decodes running)",
                        file.getFileName(), seconds(), abandonedRunning.get());
                return true;
            }
        }
    }
}
