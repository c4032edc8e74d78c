package org.mammoembed.embed;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.mammoembed.core.internal.DaemonThreads;

/**
 * The model's SHA-256 (provenance and cache keys), computed on a daemon thread of its own while ONNX Runtime loads
 * the same model on the building thread. Why: hashing a 100 MB ResNet50 takes 0.15 to 0.45 s at start-up, before
 * the JIT has compiled the digest's intrinsic, and ORT's session creation uses one core, so on the critical path it
 * added that much to every {@code build()} (measured with {@code bench}'s start-up line).
 */
final class ModelDigest {
    private final FutureTask<String> task;

    private ModelDigest(ModelSource model) {
        this.task = new FutureTask<>(model::sha256);
    }

    /** Starts hashing {@code model} and returns at once. */
    static ModelDigest start(ModelSource model) {
        ModelDigest d = new ModelDigest(model);
        DaemonThreads.start("mammo-embed-model-digest", d.task);
        return d;
    }

    /** The hex digest, waiting for it; a read failure comes back as the {@link ModelException} it was. */
    String await() throws ModelException {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelException("interrupted while hashing the model");
        } catch (CancellationException e) {
            throw new ModelException("the model digest was cancelled");
        } catch (ExecutionException e) {
            throw TaskFailures.cause(e, ModelException.class);
        }
    }

    /** Stops the hashing (the build failed): the thread ends at its next read. */
    void cancel() {
        task.cancel(true);
    }
}
