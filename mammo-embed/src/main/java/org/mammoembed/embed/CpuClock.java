package org.mammoembed.embed;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * CPU-time readings for {@link CpuProfile}: the current thread's, the whole process's, and the sum over a set of
 * watched threads (the pipeline's workers). Each reading is 0 where the JVM cannot measure it, so the profile then
 * shows zeros rather than failing a run.
 */
final class CpuClock {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final boolean THREAD_CPU = THREADS.isThreadCpuTimeSupported() && enable();
    private final List<Thread> watched = new CopyOnWriteArrayList<>();

    private static boolean enable() {
        try {
            if (!THREADS.isThreadCpuTimeEnabled()) {
                THREADS.setThreadCpuTimeEnabled(true);
            }
            return true;
        } catch (UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    /**
     * Makes the JVM load the native libraries behind these readings (libmanagement and libmanagement_ext) now: see
     * {@link Nd4jTensors#warmUp()} for why no library may be loaded while ND4J starts.
     */
    static void loadNatives() {
        CpuClock clock = new CpuClock();
        clock.thread();
        clock.process();
    }

    /** CPU nanoseconds of the calling thread. */
    long thread() {
        return THREAD_CPU ? THREADS.getCurrentThreadCpuTime() : 0;
    }

    /** CPU nanoseconds of the whole process (all threads, native ones included). */
    long process() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            long t = os.getProcessCpuTime();
            return Math.max(t, 0);
        }
        return 0;
    }

    /** Adds {@code t} to the watched threads. */
    void watch(Thread t) {
        watched.add(t);
    }

    /** CPU nanoseconds used so far by the watched threads (ended threads keep their last reading out). */
    long watched() {
        if (!THREAD_CPU) {
            return 0;
        }
        long sum = 0;
        for (Thread t : watched) {
            long c = THREADS.getThreadCpuTime(t.getId());
            sum += Math.max(c, 0);
        }
        return sum;
    }
}
