package org.mammoembed.core.internal;

/**
 * The background starts of the library's modules (the model digest, ND4J's start, the JIT and JSON warm-ups): each
 * runs on a named daemon thread of its own, so that it never keeps a finished program alive and shows up by name in
 * thread dumps and profiles.
 */
public final class DaemonThreads {
    private DaemonThreads() {
    }

    /** Starts {@code task} on a new daemon thread called {@code name} and returns the thread. */
    public static Thread start(String name, Runnable task) {
        return start(name, Thread.NORM_PRIORITY, task);
    }

    /**
     * As {@link #start(String, Runnable)}, at {@code priority} (a hint: the JVM honours it only where the operating
     * system lets it).
     */
    public static Thread start(String name, int priority, Runnable task) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.setPriority(priority);
        t.start();
        return t;
    }
}
