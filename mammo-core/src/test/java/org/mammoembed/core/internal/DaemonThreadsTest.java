package org.mammoembed.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class DaemonThreadsTest {
    @Test
    void theTaskRunsOnANamedDaemonThreadAtThePriorityAsked() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        Thread t = DaemonThreads.start("test-background", Thread.MIN_PRIORITY, () -> {
            ranOn.set(Thread.currentThread());
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        // still running: a daemon, so it would not keep the JVM alive
        assertTrue(t.isAlive());
        assertTrue(t.isDaemon());
        assertEquals("test-background", t.getName());
        assertEquals(Thread.MIN_PRIORITY, t.getPriority());
        release.countDown();
        t.join(TimeUnit.SECONDS.toMillis(10));
        assertEquals(t, ranOn.get());
        Thread normal = DaemonThreads.start("test-normal", () -> { });
        normal.join(TimeUnit.SECONDS.toMillis(10));
        assertTrue(normal.isDaemon());
        assertEquals(Thread.NORM_PRIORITY, normal.getPriority());
    }
}
