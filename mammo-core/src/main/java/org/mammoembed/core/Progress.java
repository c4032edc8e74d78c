package org.mammoembed.core;

import java.time.Duration;
import java.util.Optional;

/**
 * A snapshot of a run's progress.
 *
 * @param done           images finished (embedded or failed)
 * @param total          images planned
 * @param failed         images that failed so far
 * @param imagesPerSecond throughput since the start
 * @param eta            estimated time left, empty until it can be estimated
 */
public record Progress(long done, long total, long failed, double imagesPerSecond, Optional<Duration> eta) {
    public double fraction() {
        return total <= 0 ? 1.0 : Math.min(1.0, (double) done / total);
    }
}
