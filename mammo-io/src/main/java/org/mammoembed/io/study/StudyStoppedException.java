package org.mammoembed.io.study;

import org.mammoembed.core.MammoException;
import org.mammoembed.core.Stage;

/**
 * A study stopped by its {@link FailureBudget}. Its finished work is kept in the checkpoint, and
 * {@code failures.csv} and {@code run.log} are written; fix the data and run again with resume.
 */
public final class StudyStoppedException extends MammoException {
    private static final long serialVersionUID = 1L;
    private final transient StudyResult result;
    private final long failed;
    private final long done;

    StudyStoppedException(Stage stage, String message, StudyResult result, long failed, long done) {
        super(stage, message);
        this.result = result;
        this.failed = failed;
        this.done = done;
    }

    /** What the study did up to the stop (no features.npy was written). */
    public StudyResult result() {
        return result;
    }

    /** Images failed when the budget was exceeded. */
    public long failed() {
        return failed;
    }

    /** Images done (embedded or failed) when the budget was exceeded, in this run. */
    public long done() {
        return done;
    }
}
