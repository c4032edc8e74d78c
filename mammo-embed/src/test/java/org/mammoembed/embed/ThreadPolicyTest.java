package org.mammoembed.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The documented thread policy: workers = cores / 2 within [2, 8], intra-op threads = cores. */
class ThreadPolicyTest {

    @Test
    void workersAreHalfTheCoresBetweenTwoAndEight() {
        assertEquals(2, ThreadPolicy.defaultWorkers(1));
        assertEquals(2, ThreadPolicy.defaultWorkers(2));
        assertEquals(2, ThreadPolicy.defaultWorkers(5));
        assertEquals(3, ThreadPolicy.defaultWorkers(6));
        assertEquals(8, ThreadPolicy.defaultWorkers(16));
        assertEquals(8, ThreadPolicy.defaultWorkers(128));
    }

    @Test
    void intraOpThreadsAreAllCores() {
        assertEquals(1, ThreadPolicy.defaultIntraOpThreads(1));
        assertEquals(16, ThreadPolicy.defaultIntraOpThreads(16));
    }

    @Test
    void theBuilderStartsFromThePolicy() {
        EmbeddingExtractorBuilder b = EmbeddingExtractor.builder();
        int cores = Runtime.getRuntime().availableProcessors();
        assertEquals(ThreadPolicy.defaultWorkers(cores), b.workers);
        assertEquals(ThreadPolicy.defaultIntraOpThreads(cores), b.intraOpThreads);
        assertEquals(b.workers, EmbeddingExtractorBuilder.defaultWorkers());
    }
}
