package org.mammoembed.core;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One native library load at a time, across every thread of the modules. JavaCPP's loader (ND4J's start) calls
 * {@code dlclose} inside {@code dl_iterate_phdr}, which takes glibc's two loader locks in the opposite order to
 * {@code dlopen}: a library that another thread loads at that moment hangs both threads for good (a hung run,
 * caught with gdb). ND4J's start and the loads that happen lazily on a worker (OpenCV's, on the first JPEG 2000
 * frame) run through {@link #exclusively}; the extractor loads the others on its caller's thread before ND4J
 * starts. A reader of your own whose codecs load native code on first use should load it through here too.
 */
public final class NativeLoads {
    private static final ReentrantLock LOCK = new ReentrantLock();

    private NativeLoads() {
    }

    /** Runs {@code load} while no other load that goes through here runs. */
    public static void exclusively(Runnable load) {
        exclusively(() -> {
            load.run();
            return null;
        });
    }

    /** Runs {@code load} while no other load that goes through here runs, and returns what it returns. */
    public static <T> T exclusively(Supplier<T> load) {
        LOCK.lock();
        try {
            return load.get();
        } finally {
            LOCK.unlock();
        }
    }
}
