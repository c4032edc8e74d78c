package org.mammoembed.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Every builder option is checked at once, with a message naming the option and the bad value. */
class EmbeddingExtractorBuilderTest {

    private static void assertRejected(Consumer<EmbeddingExtractorBuilder> setter, String option, String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> setter.accept(EmbeddingExtractor.builder()));
        assertTrue(e.getMessage().startsWith(option + " "), e.getMessage());
        assertTrue(e.getMessage().endsWith("got " + value), e.getMessage());
    }

    @Test
    void batchSizeOutOfRange() {
        assertRejected(b -> b.batchSize(0), "batchSize", "0");
        assertRejected(b -> b.batchSize(-3), "batchSize", "-3");
        assertRejected(b -> b.batchSize(1025), "batchSize", "1025");
    }

    @Test
    void threadCountsOutOfRange() {
        assertRejected(b -> b.workers(0), "workers", "0");
        assertRejected(b -> b.workers(257), "workers", "257");
        assertRejected(b -> b.intraOpThreads(0), "intraOpThreads", "0");
        assertRejected(b -> b.intraOpThreads(-1), "intraOpThreads", "-1");
    }

    @Test
    void negativeFrame() {
        assertRejected(b -> b.frame(-1), "frame", "-1");
    }

    @Test
    void emptyModelBytes() {
        assertRejected(b -> b.model(new byte[0]), "model", "0 bytes");
    }

    @Test
    void nullsNameTheOption() {
        EmbeddingExtractorBuilder b = EmbeddingExtractor.builder();
        assertEquals("model", assertThrows(NullPointerException.class, () -> b.model((byte[]) null)).getMessage());
        assertEquals("model", assertThrows(NullPointerException.class, () -> b.model((java.nio.file.Path) null))
                .getMessage());
        assertEquals("device", assertThrows(NullPointerException.class, () -> b.device(null)).getMessage());
        assertEquals("preprocessing", assertThrows(NullPointerException.class, () -> b.preprocessing(null))
                .getMessage());
        assertEquals("reader", assertThrows(NullPointerException.class, () -> b.reader(null)).getMessage());
        assertEquals("progressListener", assertThrows(NullPointerException.class, () -> b.progressListener(null))
                .getMessage());
    }

    @Test
    void buildWithoutModel() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> EmbeddingExtractor.builder().batchSize(4).build());
        assertTrue(e.getMessage().contains("model is required"), e.getMessage());
    }

    @Test
    void validValuesAreKeptAndDefaultsApply() throws Exception {
        NearestPreprocessor pre = NearestPreprocessor.tiny();
        try (EmbeddingExtractor ex = EmbeddingExtractor.builder().model(TestImages.model("tiny_backbone.onnx"))
                .preprocessing(pre).batchSize(5).build()) {
            assertEquals(5, ex.batchSize());
            assertSame(pre, ex.preprocessing());
            assertEquals(Device.cpu(), ex.device());
            assertEquals("CPUExecutionProvider", ex.executionProvider());
            assertEquals(24, ex.dimension());
            assertTrue(ex.describe().contains("batchSize=5"), ex.describe());
        }
        try (EmbeddingExtractor ex = EmbeddingExtractor.builder().model(TestImages.model("tiny_backbone.onnx"))
                .preprocessing(pre).build()) {
            assertEquals(32, ex.batchSize(), "default batch size");
        }
    }

    @Test
    void changingTheBuilderLaterDoesNotChangeABuiltExtractor() throws Exception {
        EmbeddingExtractorBuilder b = EmbeddingExtractor.builder().model(TestImages.model("tiny_backbone.onnx"))
                .preprocessing(NearestPreprocessor.tiny()).batchSize(3);
        try (EmbeddingExtractor ex = b.build()) {
            b.batchSize(9);
            assertEquals(3, ex.batchSize());
        }
    }

    @Test
    void deviceParsing() {
        assertEquals(Device.cpu(), Device.parse("CPU"));
        assertEquals(Device.auto(), Device.parse(" auto "));
        assertEquals(Device.cuda(0), Device.parse("cuda"));
        assertEquals(Device.cuda(3), Device.parse("cuda:3"));
        assertEquals("cuda:3", Device.cuda(3).toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Device.parse("tpu"));
        assertTrue(e.getMessage().contains("'tpu'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Device.cuda(-1));
        assertTrue(e.getMessage().contains("-1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Device.parse("cuda:x"));
    }
}
