package org.mammoembed.embed;

import java.util.concurrent.ExecutionException;

/** What a task run on another thread threw, as the caller should see it. */
final class TaskFailures {
    private TaskFailures() {
    }

    /**
     * The task's own checked failure of {@code type}, to be thrown by the caller; unchecked exceptions and errors
     * are rethrown as they were, and any other checked exception (which the task's signature rules out) as an
     * {@link IllegalStateException}.
     */
    static <X extends Exception> X cause(ExecutionException e, Class<X> type) {
        Throwable cause = e.getCause();
        if (type.isInstance(cause)) {
            return type.cast(cause);
        }
        if (cause instanceof RuntimeException r) {
            throw r;
        }
        if (cause instanceof Error err) {
            throw err;
        }
        throw new IllegalStateException(cause);
    }
}
