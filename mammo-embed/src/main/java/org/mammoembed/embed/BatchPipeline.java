package org.mammoembed.embed;

import ai.onnxruntime.OrtException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.mammoembed.core.DecodedImage;
import org.mammoembed.core.FrameBuffers;
import org.mammoembed.core.EmbeddedImage;
import org.mammoembed.core.EmbeddingSink;
import org.mammoembed.core.Failure;
import org.mammoembed.core.ImageMetadata;
import org.mammoembed.core.ImageRecord;
import org.mammoembed.core.MammoException;
import org.mammoembed.core.Progress;
import org.mammoembed.core.ProgressListener;
import org.mammoembed.core.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One streaming run: workers decode and preprocess images ahead of the network, the calling thread gathers
 * batches (after the first few, full ones), runs them and hands results to the sink in input order.
 *
 * <p>Memory is bounded by a sliding window: at most {@link #window} images are submitted to the workers and not
 * yet taken by the batcher, so while one batch runs the next ones are already being prepared, and the number of
 * images held never depends on the dataset size (at most {@link #maxImagesHeld} preprocessed inputs).
 */
final class BatchPipeline {
    private static final Logger LOG = LoggerFactory.getLogger(BatchPipeline.class);
    private static final AtomicInteger RUNS = new AtomicInteger();

    private final OnnxEncoder encoder;
    private final ImagePreprocessor preprocessor;
    private final int frame;
    private final int workers;
    private final DecodeDeadline deadline;

    private final LongAdder decodeNanos = new LongAdder();
    private final LongAdder preprocessNanos = new LongAdder();
    private final LongAdder preprocessCpuNanos = new LongAdder();
    private final CpuClock clock = new CpuClock();
    private final ConcurrentLinkedQueue<float[]> freeInputs = new ConcurrentLinkedQueue<>();
    // each worker holds one decoded image at a time and recycles it before reading the next
    private final FrameBuffers frames;

    /** @param deadline reads and decodes each image (with the reader it wraps); closed at the end of the run */
    BatchPipeline(OnnxEncoder encoder, DecodeDeadline deadline, ImagePreprocessor preprocessor, int frame,
                  int workers) {
        this.encoder = encoder;
        this.preprocessor = preprocessor;
        this.frame = frame;
        this.workers = workers;
        this.deadline = deadline;
        this.frames = new FrameBuffers(workers);
    }

    /** Images submitted to the workers ahead of the batcher: two batches plus one per worker. */
    static int window(int batchSize, int workers) {
        return 2 * batchSize + workers;
    }

    /** Most images read and not yet handed to the sink at any time: the window plus the batch being gathered. */
    static int maxImagesHeld(int batchSize, int workers) {
        return window(batchSize, workers) + batchSize;
    }

    /** An image ready for the network, or the reason it is not. */
    private record Prepared(ImageRecord record, float[] input, Failure failure, String view, String laterality) {
    }

    ExtractionSummary run(List<ImageRecord> images, List<Failure> scanProblems, EmbeddingSink sink,
                          ProgressListener listener) throws MammoException {
        long start = System.nanoTime();
        for (Failure f : scanProblems) {
            deliverFailure(sink, f);
        }
        Batcher batcher = new Batcher(sink, listener, images.size(), start);
        ExecutorService pool = Executors.newFixedThreadPool(workers, workerThreads());
        ArrayDeque<Future<Prepared>> window = new ArrayDeque<>();
        long waitNanos = 0;
        try {
            Iterator<ImageRecord> next = images.iterator();
            int limit = window(encoder.batchSize(), workers);
            while (true) {
                while (window.size() < limit && next.hasNext()) {
                    ImageRecord r = next.next();
                    deadline.checkAbandoned();
                    window.add(pool.submit(() -> prepare(r, sink)));
                }
                if (window.isEmpty()) {
                    break;
                }
                long t = System.nanoTime();
                Prepared p = await(window.poll());
                waitNanos += System.nanoTime() - t;
                batcher.add(p);
            }
            batcher.flush();
        } finally {
            window.forEach(f -> f.cancel(true));
            pool.shutdownNow();
            deadline.close();
        }
        return new ExtractionSummary(images.size(), batcher.embedded, batcher.failed, scanProblems.size(),
                seconds(decodeNanos.sum()), seconds(preprocessNanos.sum()), seconds(batcher.inferNanos),
                seconds(waitNanos), seconds(System.nanoTime() - start), encoder.batchSize(),
                encoder.executionProvider(), deadline.abandoned(), new CpuProfile(seconds(deadline.cpuNanos()),
                seconds(preprocessCpuNanos.sum()), seconds(batcher.inferCpuNanos), batcher.firstBatchMillis));
    }

    /** Runs on a worker: read and decode, then preprocess. Never throws for a bad image. */
    private Prepared prepare(ImageRecord r, EmbeddingSink sink) {
        long t0 = System.nanoTime();
        DecodedImage image;
        try {
            image = deadline.read(r.path(), frame, frames);
        } catch (MammoException e) {
            return failed(r, Failure.of(r, e));
        } catch (RuntimeException e) {
            return failed(r, unexpected(r, Stage.READ, e));
        } finally {
            decodeNanos.add(System.nanoTime() - t0);
        }
        long t1 = System.nanoTime();
        long c1 = clock.thread();
        float[] input = takeInputBuffer();
        try {
            preprocessor.apply(image, input, 0);
        } catch (MammoException e) {
            freeInputs.add(input);
            return failed(r, Failure.of(r, e));
        } catch (RuntimeException e) {
            freeInputs.add(input);
            return failed(r, unexpected(r, Stage.PREPROCESS, e));
        } finally {
            frames.recycle(image);
            preprocessNanos.add(System.nanoTime() - t1);
            preprocessCpuNanos.add(clock.thread() - c1);
        }
        observe(sink, r, input);
        ImageMetadata m = image.metadata();
        return new Prepared(r, input, null, m.viewPosition(), m.laterality());
    }

    /** Shows the sink the network input (e.g. for report thumbnails); a failing observer never costs the image. */
    private void observe(EmbeddingSink sink, ImageRecord r, float[] input) {
        try {
            sink.preprocessed(r, input, preprocessor.channels(), preprocessor.height(), preprocessor.width());
        } catch (IOException | RuntimeException e) {
            LOG.warn("input observer failed for {}: {}", r.relativePath(), e.toString());
        }
    }

    private static Prepared failed(ImageRecord r, Failure f) {
        return new Prepared(r, null, f, null, null);
    }

    /** A bug in a reader or preprocessor must not end the run; it is reported as that image's failure. */
    private static Failure unexpected(ImageRecord r, Stage stage, RuntimeException e) {
        LOG.warn("unexpected {} at stage {} for {}", e.getClass().getSimpleName(), stage.label(), r.relativePath(), e);
        return new Failure(r.accessionNumber(), r.relativePath(), stage, e.getClass().getSimpleName(),
                "unexpected error: " + e.getMessage());
    }

    private float[] takeInputBuffer() {
        float[] b = freeInputs.poll();
        return b != null ? b : new float[encoder.imageValues()];
    }

    private static Prepared await(Future<Prepared> f) throws MammoException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MammoException(Stage.INFER, "extraction interrupted", e);
        } catch (ExecutionException e) {
            // prepare() turns every exception into a Failure; only Errors get here
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static void deliverFailure(EmbeddingSink sink, Failure f) throws MammoException {
        try {
            sink.failed(f);
        } catch (IOException e) {
            throw new MammoException(Stage.WRITE, "the embedding sink failed: " + e.getMessage(), e);
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private ThreadFactory workerThreads() {
        int run = RUNS.incrementAndGet();
        AtomicInteger n = new AtomicInteger();
        return task -> {
            Thread t = new Thread(task, "mammo-embed-" + run + "-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            clock.watch(t);
            return t;
        };
    }

    /** Gathers prepared images into batches, runs them, and delivers every image in input order. */
    private final class Batcher {
        private final EmbeddingSink sink;
        private final ProgressListener listener;
        private final int total;
        private final long start;
        private final List<Prepared> pending = new ArrayList<>();
        private final List<float[]> inputs = new ArrayList<>();
        private final float[] features;
        private final float[] row;
        // the batch being gathered runs at this many images: 1, 2, 4, ... up to the batch size (see add)
        private int target;
        int embedded;
        int failed;
        long inferNanos;
        long inferCpuNanos;
        long firstBatchMillis = -1;

        Batcher(EmbeddingSink sink, ProgressListener listener, int total, long start) {
            this.sink = sink;
            this.listener = listener;
            this.total = total;
            this.start = start;
            int dim = encoder.signature().dimension();
            this.features = new float[encoder.batchSize() * dim];
            this.row = new float[dim];
            this.target = encoder.signature().fixedBatch() ? encoder.batchSize() : 1;
        }

        /**
         * Adds one image in input order. The first batches grow 1, 2, 4, ... to the batch size, so that the network
         * starts as soon as the first image is ready instead of waiting for a whole batch to be decoded (a second
         * or more on a small machine); the features do not depend on the batch they ran in (bit for bit on the
         * CPU). A model with a fixed batch axis runs full (padded) batches from the start.
         */
        void add(Prepared p) throws MammoException {
            pending.add(p);
            if (p.input() != null) {
                inputs.add(p.input());
                if (inputs.size() >= target) {
                    flush();
                    target = Math.min(encoder.batchSize(), 2 * target);
                }
            }
        }

        void flush() throws MammoException {
            if (pending.isEmpty()) {
                return;
            }
            OrtException inferError = null;
            if (!inputs.isEmpty()) {
                if (firstBatchMillis < 0) {
                    firstBatchMillis = System.currentTimeMillis();
                }
                long t = System.nanoTime();
                long process = clock.process();
                long workersCpu = clock.watched() + deadline.threadsCpuNanos();
                try {
                    encoder.infer(inputs, features);
                } catch (OrtException e) {
                    inferError = e;
                    LOG.warn("inference of a batch of {} images failed: {}", inputs.size(), e.getMessage());
                }
                inferNanos += System.nanoTime() - t;
                inferCpuNanos += (clock.process() - process)
                        - (clock.watched() + deadline.threadsCpuNanos() - workersCpu);
            }
            int dim = row.length;
            int k = 0;
            try {
                for (Prepared p : pending) {
                    if (p.failure() != null) {
                        failed++;
                        sink.failed(p.failure());
                    } else if (inferError != null) {
                        failed++;
                        sink.failed(new Failure(p.record().accessionNumber(), p.record().relativePath(), Stage.INFER,
                                inferError.getClass().getSimpleName(), "inference failed: " + inferError.getMessage()));
                    } else {
                        System.arraycopy(features, k++ * dim, row, 0, dim);
                        sink.accept(new EmbeddedImage(embedded++, p.record(), p.view(), p.laterality()), row);
                    }
                }
            } catch (IOException e) {
                throw new MammoException(Stage.WRITE, "the embedding sink failed: " + e.getMessage(), e);
            } finally {
                freeInputs.addAll(inputs);
                pending.clear();
                inputs.clear();
            }
            report();
        }

        private void report() {
            long done = (long) embedded + failed;
            double elapsed = (System.nanoTime() - start) / 1e9;
            double rate = elapsed > 0 ? done / elapsed : 0.0;
            Optional<Duration> eta = rate > 0
                    ? Optional.of(Duration.ofMillis(Math.round((total - done) / rate * 1000)))
                    : Optional.empty();
            try {
                listener.onProgress(new Progress(done, total, failed, rate, eta));
            } catch (RuntimeException e) {
                LOG.warn("the progress listener threw {}; ignored", e.toString());
            }
        }
    }
}
