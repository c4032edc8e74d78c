package org.mammoembed.embed;

import java.nio.FloatBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.mammoembed.core.EmbeddingResult;
import org.mammoembed.core.NativeLoads;
import org.mammoembed.core.internal.DaemonThreads;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ND4J as the tensor layer: the batch tensor that ONNX Runtime reads (its off-heap buffer handed over as is) and
 * the embeddings as {@code INDArray} for Java users.
 *
 * <p>ND4J's start (loading its native backend, about a second of CPU) happens only when it is needed: the first
 * time an {@code INDArray} is asked for, on the asking thread, or at {@code build()} on a background daemon thread
 * when the builder says {@code prestartNd4j()}, so that it overlaps the model load and the decoding of the first
 * batch. Batches go through a plain direct buffer of the same layout until ND4J is up, and through its batch
 * tensor after: the same values reach ONNX Runtime either way, without a copy.
 */
public final class Nd4jTensors {
    private static final Logger LOG = LoggerFactory.getLogger(Nd4jTensors.class);
    private static volatile CompletableFuture<Void> ready;

    private Nd4jTensors() {
    }

    /**
     * Starts ND4J's initialisation in the background if nobody has; returns at once. While it runs, no other thread
     * may load a native library (see {@link NativeLoads}: the start holds its lock). So the extractor loads ONNX
     * Runtime's and the JVM's management libraries before calling this (and libawt, which ImageIO codecs would
     * load), and OpenCV's lazy load waits for the lock.
     */
    static CompletableFuture<Void> warmUp() {
        CompletableFuture<Void> f = ready;
        if (f != null) {
            return f;
        }
        synchronized (Nd4jTensors.class) {
            if (ready == null) {
                CompletableFuture<Void> started = new CompletableFuture<>();
                DaemonThreads.start("mammo-embed-nd4j-init", () -> {
                    long t0 = System.nanoTime();
                    try {
                        NativeLoads.exclusively(() -> Nd4j.create(DataType.FLOAT, 1).close());
                        LOG.debug("ND4J ready in {} ms (background)", (System.nanoTime() - t0) / 1_000_000);
                        started.complete(null);
                    } catch (Throwable e) {
                        started.completeExceptionally(e);
                    }
                });
                ready = started;
            }
            return ready;
        }
    }

    /**
     * If ND4J's start is under way, waits for it to be over, successfully or not, at most a minute; never starts it
     * and never throws. For an extractor that ends (closed, or its build failed) before any batch: a process that
     * exits while ND4J's native libraries are loading can hang.
     */
    static void awaitStartEnded() {
        CompletableFuture<Void> f = ready;
        if (f == null || f.isDone()) {
            return;
        }
        try {
            f.get(1, java.util.concurrent.TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.debug("ND4J's start did not end well or in time: {}", e.toString());
        }
    }

    /** Waits for ND4J (starting it if needed). */
    private static void awaitReady() {
        try {
            warmUp().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while ND4J was starting", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("ND4J cannot start on this machine: " + e.getCause(), e.getCause());
        }
    }

    /** Whether ND4J has started (successfully) by now; never waits and never starts it. */
    static boolean isStarted() {
        CompletableFuture<Void> f = ready;
        return f != null && f.isDone() && !f.isCompletedExceptionally();
    }

    /** Whether ND4J's start has been tried and failed. */
    static boolean hasFailed() {
        CompletableFuture<Void> f = ready;
        return f != null && f.isCompletedExceptionally();
    }

    /**
     * A new float32 tensor of {@code shape} outside any workspace (the caller owns it and closes it), zeroed.
     */
    static INDArray batch(long... shape) {
        awaitReady();
        return Nd4j.create(DataType.FLOAT, shape);
    }

    /**
     * The tensor's memory as a direct, native-order float buffer: the same bytes, no copy (what ONNX Runtime
     * reads without copying).
     */
    static FloatBuffer memoryOf(INDArray tensor) {
        FloatBuffer b = tensor.data().asNioFloat();
        if (!b.isDirect()) {
            throw new IllegalStateException("ND4J returned a heap buffer for a native tensor");
        }
        return b;
    }

    /** {@code rows x dim} row-major values as a new [rows, dim] float tensor. */
    static INDArray matrix(float[] values, int rows, int dim) {
        awaitReady();
        return Nd4j.create(values, new long[] {rows, dim}, DataType.FLOAT);
    }

    /**
     * The embeddings of a dataset as an N x D float {@code INDArray} (a copy). Empty results give [0, D]. Starts
     * ND4J if nothing has (about a second of CPU, see {@link EmbeddingExtractorBuilder#prestartNd4j()}).
     */
    public static INDArray features(EmbeddingResult result) {
        if (result.size() == 0) {
            awaitReady();
            return Nd4j.create(DataType.FLOAT, 0, result.dimension());
        }
        return matrix(result.toArray(), result.size(), result.dimension());
    }
}
