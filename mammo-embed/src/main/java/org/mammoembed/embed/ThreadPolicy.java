package org.mammoembed.embed;

/**
 * The library's one thread policy for decode workers and ONNX Runtime intra-op threads (see
 * {@link EmbeddingExtractorBuilder#workers(int)}): workers = half the cores, at least 2 and at most 8;
 * intra-op threads = all cores.
 *
 * <p>Why: when this policy was set, reading, decoding and preprocessing a detector-size mammogram cost about as
 * much CPU as ResNet50 inference on it (bench: 75 ms against 72 CPU-ms per image), so each stage got half the
 * machine; inference runs in bursts (one batch at a time) and its threads sleep while the network waits for
 * input, so it may use every core during a burst. A second worker keeps the CPU busy while the first waits on
 * file I/O: on a 2-core machine 2 workers ran 1.12x (ThreadPolicyBenchmark, median of 4 alternating rounds) and
 * 1.46x (bench) the images/s of 1. Decoding and preprocessing now cost about a third of inference's CPU, and 2
 * workers still won: a whole 57-image {@code embed} with 1 worker took 0.91 to 1.21x the time with 2 (median
 * 1.08x, 6 alternating rounds, README Benchmarks). More than 8 workers only adds images held in memory (one per
 * worker).
 */
final class ThreadPolicy {
    static final int MIN_WORKERS = 2;
    static final int MAX_DEFAULT_WORKERS = 8;

    private ThreadPolicy() {
    }

    static int defaultWorkers(int cores) {
        return Math.max(MIN_WORKERS, Math.min(MAX_DEFAULT_WORKERS, cores / 2));
    }

    static int defaultIntraOpThreads(int cores) {
        return Math.max(1, cores);
    }
}
