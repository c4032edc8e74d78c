package org.mammoembed.core;

import java.time.Duration;
import java.util.Optional;

/**
 * Progress of one named stage of a study: {@code scan}, {@code embedding}, {@code assembly}, {@code pca},
 * {@code tsne}, {@code umap}, {@code kmeans}, {@code baselines}...
 *
 * @param stage   the stage's name
 * @param done    units finished (images, iterations, folds: see {@code unit})
 * @param total   units planned
 * @param unit    what is counted, e.g. "images", "iterations", "k", "folds"
 * @param failed  units that failed so far (images), 0 where meaningless
 * @param elapsed time since the stage started
 * @param eta     estimated time left, empty until it can be estimated
 */
public record StageProgress(String stage, long done, long total, String unit, long failed, Duration elapsed,
                            Optional<Duration> eta) {

    /** Share done, 0..1 (1 for an empty stage). */
    public double fraction() {
        return total <= 0 ? 1.0 : Math.min(1.0, (double) done / total);
    }

    /** True for the stage's last event. */
    public boolean finished() {
        return done >= total;
    }

    /** Units per second since the stage started, 0 before any time passed. */
    public double perSecond() {
        double s = elapsed.toNanos() / 1e9;
        return s > 0 ? done / s : 0.0;
    }

    /**
     * A snapshot with the ETA extrapolated linearly from the time taken so far.
     *
     * @param startNanos {@link System#nanoTime()} when the stage started
     */
    public static StageProgress of(String stage, long done, long total, String unit, long failed, long startNanos) {
        long elapsedNanos = Math.max(0, System.nanoTime() - startNanos);
        Optional<Duration> eta = done > 0 && done < total
                ? Optional.of(Duration.ofNanos((long) ((double) elapsedNanos / done * (total - done))))
                : done >= total ? Optional.of(Duration.ZERO) : Optional.empty();
        return new StageProgress(stage, done, total, unit, failed, Duration.ofNanos(elapsedNanos), eta);
    }
}
