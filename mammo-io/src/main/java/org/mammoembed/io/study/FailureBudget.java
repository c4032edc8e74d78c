package org.mammoembed.io.study;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * When a study stops because its data are clearly wrong: more than {@code maxCount} failed images, or a failed
 * share above {@code maxRate} once at least {@code minImages} images are done. Scan problems (missing folders,
 * CSV rows) do not count: they are known before the first image is read. A stopped study keeps its finished
 * work in the checkpoint and writes {@code failures.csv} and {@code run.log}; rerun with resume once the data
 * are fixed. Immutable.
 *
 * <pre>{@code
 * FailureBudget.maxRate(0.20)                    // the default
 * FailureBudget.maxCount(100).andMaxRate(0.05)   // whichever is hit first
 * FailureBudget.unlimited()
 * }</pre>
 */
public final class FailureBudget {
    /** The default rate: the original tool stopped at 5%, but real archives hold SR, presentation states... */
    public static final double DEFAULT_MAX_RATE = 0.20;
    /** The rate is judged only after this many images, so that two bad files first do not stop a run. */
    public static final int DEFAULT_MIN_IMAGES = 50;

    private final long maxCount;
    private final double maxRate;
    private final int minImages;

    private FailureBudget(long maxCount, double maxRate, int minImages) {
        if (maxCount < 0) {
            throw new IllegalArgumentException("maxCount must be >= 0, got " + maxCount);
        }
        if (!(maxRate >= 0 && maxRate <= 1)) {
            throw new IllegalArgumentException("maxRate must be in [0, 1], got " + maxRate);
        }
        if (minImages < 1) {
            throw new IllegalArgumentException("minImages must be >= 1, got " + minImages);
        }
        this.maxCount = maxCount;
        this.maxRate = maxRate;
        this.minImages = minImages;
    }

    /** The default: at most 20% failed images (judged after 50), no count limit. */
    public static FailureBudget defaults() {
        return maxRate(DEFAULT_MAX_RATE);
    }

    /** Never stops. */
    public static FailureBudget unlimited() {
        return new FailureBudget(Long.MAX_VALUE, 1.0, DEFAULT_MIN_IMAGES);
    }

    /** At most this share (0..1) of failed images, judged after {@value #DEFAULT_MIN_IMAGES} images; no count limit. */
    public static FailureBudget maxRate(double rate) {
        return new FailureBudget(Long.MAX_VALUE, rate, DEFAULT_MIN_IMAGES);
    }

    /** At most this many failed images; no rate limit. */
    public static FailureBudget maxCount(long count) {
        return new FailureBudget(count, 1.0, DEFAULT_MIN_IMAGES);
    }

    /** This budget with a count limit as well. */
    public FailureBudget andMaxCount(long count) {
        return new FailureBudget(count, maxRate, minImages);
    }

    /** This budget with a rate limit as well. */
    public FailureBudget andMaxRate(double rate) {
        return new FailureBudget(maxCount, rate, minImages);
    }

    /** This budget judging the rate only once {@code images} images are done (default 50). */
    public FailureBudget minImages(int images) {
        return new FailureBudget(maxCount, maxRate, images);
    }

    /** The count limit, {@link Long#MAX_VALUE} when none. */
    public long maxFailures() {
        return maxCount;
    }

    /** The rate limit, 1.0 when none. */
    public double maxFailureRate() {
        return maxRate;
    }

    /** Images done before the rate is judged. */
    public int minImages() {
        return minImages;
    }

    /** For run.json: maxFailures (null when unlimited), maxFailureRate, minImages. */
    Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("maxFailures", maxCount == Long.MAX_VALUE ? null : maxCount);
        m.put("maxFailureRate", maxRate);
        m.put("minImages", minImages);
        return m;
    }

    /** Null while within budget, else why the run must stop. */
    String exceeded(long failed, long done) {
        if (failed > maxCount) {
            return String.format(Locale.ROOT, "%d images failed, more than the budget's maxFailures %d",
                    failed, maxCount);
        }
        if (done >= minImages && (double) failed / done > maxRate) {
            return String.format(Locale.ROOT, "%d of %d images failed (%.1f%%), more than the budget's"
                    + " maxFailureRate %.3f; the data look wrong", failed, done, 100.0 * failed / done, maxRate);
        }
        return null;
    }

    @Override
    public String toString() {
        return "FailureBudget" + describe();
    }
}
