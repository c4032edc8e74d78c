package org.mammoembed.core;

/** Told about progress by the extractor after each batch; must be cheap and must not throw. */
@FunctionalInterface
public interface ProgressListener {
    void onProgress(Progress progress);

    /** Ignores everything. */
    ProgressListener NONE = p -> { };
}
