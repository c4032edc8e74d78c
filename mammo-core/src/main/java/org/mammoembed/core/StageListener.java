package org.mammoembed.core;

/**
 * Told about the progress of each stage of a study (and of long analysis steps) as it goes: at the start
 * ({@code done == 0}), now and then, and at the end ({@code done == total}). Must be cheap and must not throw;
 * may be called from any thread, one call at a time per stage.
 */
@FunctionalInterface
public interface StageListener {
    void onStage(StageProgress progress);

    /** Ignores everything. */
    StageListener NONE = p -> { };
}
