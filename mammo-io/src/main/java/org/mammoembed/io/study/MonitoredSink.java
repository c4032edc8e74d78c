package org.mammoembed.io.study;

import java.io.IOException;
import org.mammoembed.core.EmbeddedImage;
import org.mammoembed.core.EmbeddingSink;
import org.mammoembed.core.Failure;
import org.mammoembed.core.Stage;

/**
 * Between the embedder and the checkpoint: writes one run.log line per failed image, counts what this run
 * finished, and stops the run (by throwing {@link Exceeded}) once the {@link FailureBudget} is exceeded.
 */
final class MonitoredSink implements EmbeddingSink {
    private final EmbeddingSink next;
    private final FailureBudget budget;
    private final RunLogFile log;
    private long done;
    private long failed;

    MonitoredSink(EmbeddingSink next, FailureBudget budget, RunLogFile log) {
        this.next = next;
        this.budget = budget;
        this.log = log;
    }

    @Override
    public void accept(EmbeddedImage image, float[] feature) throws IOException {
        StudyFiles.write(".checkpoint/checkpoint.chk", "embedding", () -> next.accept(image, feature));
        done++;
    }

    @Override
    public void failed(Failure f) throws IOException {
        StudyFiles.write(".checkpoint/checkpoint.chk", "embedding", () -> next.failed(f));
        if (f.stage() == Stage.SCAN) {
            return;
        }
        log.failure("failed image: " + f.relativePath() + " (" + f.accessionNumber() + "): stage " + f.stage().label()
                + ", " + f.errorClass() + ": " + f.message());
        done++;
        failed++;
        String why = budget.exceeded(failed, done);
        if (why != null) {
            throw new Exceeded("stopped by the failure budget: " + why + " (last: " + f.relativePath() + ": "
                    + f.message() + ")", f.stage(), failed, done);
        }
    }

    long done() {
        return done;
    }

    long failed() {
        return failed;
    }

    /** The budget was exceeded; finished work is in the checkpoint. */
    static final class Exceeded extends IOException {
        private static final long serialVersionUID = 1L;
        final transient Stage stage;
        final long failed;
        final long done;

        Exceeded(String message, Stage stage, long failed, long done) {
            super(message);
            this.stage = stage;
            this.failed = failed;
            this.done = done;
        }
    }
}
