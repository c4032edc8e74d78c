package org.mammoembed.examples;

import java.io.IOException;
import org.mammoembed.core.EmbeddedImage;
import org.mammoembed.core.EmbeddingSink;
import org.mammoembed.core.Failure;
import org.mammoembed.core.Stage;

/**
 * Passes everything on to {@code next} and stops the run (by throwing {@link Exceeded}) once the data are
 * clearly wrong: more than {@code maxFailures} failed images, or a failed share above {@code maxRate} once at
 * least {@code minImages} images are done. Scan problems (missing folders, CSV rows) do not count: they are
 * already known before the first image is read.
 */
final class FailureBudget implements EmbeddingSink {
    private final EmbeddingSink next;
    private final long maxFailures;
    private final double maxRate;
    private final int minImages;
    private long done;
    private long failed;

    FailureBudget(EmbeddingSink next, long maxFailures, double maxRate, int minImages) {
        this.next = next;
        this.maxFailures = maxFailures;
        this.maxRate = maxRate;
        this.minImages = minImages;
    }

    @Override
    public void accept(EmbeddedImage image, float[] feature) throws IOException {
        next.accept(image, feature);
        done++;
    }

    @Override
    public void failed(Failure failure) throws IOException {
        next.failed(failure);
        if (failure.stage() == Stage.SCAN) {
            return;
        }
        done++;
        failed++;
        if (failed > maxFailures) {
            throw new Exceeded(String.format(java.util.Locale.ROOT,
                    "stopped: %d images failed, more than --max-failures %d (last: %s: %s)",
                    failed, maxFailures, failure.relativePath(), failure.message()));
        }
        if (done >= minImages && (double) failed / done > maxRate) {
            throw new Exceeded(String.format(java.util.Locale.ROOT,
                    "stopped: %d of %d images failed (%.1f%%), more than --max-failure-rate %.3f;"
                            + " the data look wrong: see failures.csv",
                    failed, done, 100.0 * failed / done, maxRate));
        }
    }

    /** The run was stopped by the budget; finished work is kept in the checkpoint. */
    static final class Exceeded extends IOException {
        private static final long serialVersionUID = 1L;

        Exceeded(String message) {
            super(message);
        }
    }
}
