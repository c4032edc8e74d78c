package org.mammoembed.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class NativeLoadsTest {

    @Test
    void aSecondLoadWaitsUntilTheFirstHasEnded() throws Exception {
        assertASecondLoadWaits(blocking -> assertEquals("first", NativeLoads.exclusively(() -> {
            blocking.run();
            return "first";
        })));
    }

    @Test
    void aLoadWithoutAResultHoldsTheSameLock() throws Exception {
        assertASecondLoadWaits(NativeLoads::exclusively);
    }

    /** {@code first} runs a load of its own around the blocking step given; a second load must wait for it. */
    private static void assertASecondLoadWaits(Consumer<Runnable> first) throws Exception {
        CountDownLatch firstInside = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        AtomicBoolean firstEnded = new AtomicBoolean();
        Runnable blocking = () -> {
            firstInside.countDown();
            try {
                releaseFirst.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            firstEnded.set(true);
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> firstDone = pool.submit(() -> first.accept(blocking));
            assertTrue(firstInside.await(10, TimeUnit.SECONDS));
            Future<Boolean> second = pool.submit(() -> NativeLoads.exclusively(firstEnded::get));
            // the second cannot have run while the first holds the lock
            Thread.sleep(200);
            assertFalse(second.isDone(), "the second load ran beside the first");
            releaseFirst.countDown();
            firstDone.get(10, TimeUnit.SECONDS);
            assertTrue(second.get(10, TimeUnit.SECONDS), "the second load ran before the first ended");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailedLoadLetsTheNextOneRun() throws Exception {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> NativeLoads.exclusively(() -> {
            throw new IllegalStateException("no such library");
        }));
        assertEquals("no such library", e.getMessage());
        // on another thread: the lock is reentrant, so this thread would get it even if the failure had kept it
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            assertEquals(42, other.submit(() -> NativeLoads.exclusively(() -> 42)).get(10, TimeUnit.SECONDS));
        } finally {
            other.shutdownNow();
        }
    }
}
