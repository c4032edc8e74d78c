package org.mammoembed.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mammoembed.core.Dataset;
import org.mammoembed.core.DecodedImage;
import org.mammoembed.core.Failure;
import org.mammoembed.core.MammoException;
import org.mammoembed.core.Stage;

/** The per-image decode deadline and out-of-memory containment, with a reader that hangs or runs out of memory. */
class DecodeDeadlineTest {
    private static final Path ROOT = Path.of("/data");
    private final CountDownLatch release = new CountDownLatch(1);

    /** {@code hang-*} spins, ignoring interruption, until the test ends; {@code oom-*} runs out of memory. */
    private final class HostileReader extends ReadingOnlyReader {
        final SyntheticReader good = new SyntheticReader();

        @Override
        public DecodedImage read(Path file, int frame) throws MammoException {
            String name = file.getFileName().toString();
            if (name.startsWith("hang-")) {
                while (release.getCount() > 0) {
                    Thread.onSpinWait(); // like a codec loop that never checks for interruption
                }
                throw new IllegalStateException("released");
            }
            if (name.startsWith("oom-")) {
                // what a decoder's allocation throws when the heap is gone (not provoked for real: the test JVM's
                // heap is shared with the other tests)
                throw new OutOfMemoryError("Java heap space");
            }
            return good.read(file, frame);
        }
    }

    @AfterEach
    void releaseSpinningDecodes() {
        release.countDown();
    }

    private EmbeddingExtractor extractor(Duration timeout, int maxAbandoned) throws Exception {
        return EmbeddingExtractor.builder().model(TestImages.model("tiny_backbone.onnx")).reader(new HostileReader())
                .preprocessing(NearestPreprocessor.tiny()).batchSize(1).workers(1).intraOpThreads(1)
                .decodeTimeout(timeout).maxAbandonedDecodes(maxAbandoned).build();
    }

    private static Dataset dataset(String... names) {
        return new Dataset(ROOT, TestImages.records(ROOT, names), List.of());
    }

    @Test
    void aHangingAndAnOutOfMemoryDecodeFailTheirImagesAndTheRunGoesOn() throws Exception {
        RecordingSink sink = new RecordingSink(() -> 0);
        try (EmbeddingExtractor ex = extractor(Duration.ofMillis(400), 4)) {
            ExtractionSummary s = ex.extract(dataset("img-0.dcm", "hang-1.dcm", "img-2.dcm", "oom-3.dcm",
                    "img-4.dcm"), sink, p -> { });
            assertEquals(3, s.embedded());
            assertEquals(2, s.failed());
            assertEquals(1, s.abandonedDecodes());
        }
        List<Failure> f = sink.failures();
        assertEquals(List.of("ACC0/hang-1.dcm", "ACC0/oom-3.dcm"), f.stream().map(Failure::relativePath).toList());
        assertEquals(List.of(Stage.DECODE, Stage.DECODE), f.stream().map(Failure::stage).toList());
        assertEquals("decode exceeded 0.4 s (decodeTimeout); the decoder was abandoned", f.get(0).message());
        assertTrue(f.get(1).message().startsWith("out of memory while decoding"), f.get(1).message());
    }

    @Test
    void tooManyAbandonedDecodesStopTheRunWithAMessageNamingTheLimit() throws Exception {
        String[] names = new String[12];
        for (int i = 0; i < names.length; i++) {
            names[i] = (i < 2 ? "hang-" : "img-") + i + ".dcm";
        }
        RecordingSink sink = new RecordingSink(() -> 0);
        try (EmbeddingExtractor ex = extractor(Duration.ofMillis(200), 1)) {
            MammoException e = assertThrows(MammoException.class, () -> ex.extract(dataset(names), sink, p -> { }));
            assertEquals(Stage.DECODE, e.stage());
            assertTrue(e.getMessage().contains("(maxAbandonedDecodes 1)"), e.getMessage());
        }
    }

    @Test
    void builderValidatesTheOptions() {
        EmbeddingExtractorBuilder b = EmbeddingExtractor.builder();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> b.decodeTimeout(Duration.ZERO));
        assertEquals("decodeTimeout must be between 1 ms and 1 day, got PT0S", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> b.maxAbandonedDecodes(0));
        assertEquals("maxAbandonedDecodes must be between 1 and 256, got 0", e.getMessage());
        assertEquals(Duration.ofSeconds(120), b.decodeTimeout);
        assertEquals(4, b.maxAbandonedDecodes);
    }
}
