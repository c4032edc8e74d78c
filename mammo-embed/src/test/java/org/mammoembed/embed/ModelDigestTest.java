package org.mammoembed.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model's SHA-256, hashed beside the model load: the same digest, and the same errors, as before. */
class ModelDigestTest {
    @TempDir
    Path tmp;

    @Test
    void aFileDigestsToItsPublishedSha256() throws Exception {
        // FIPS 180-2's examples: "abc", and the 448-bit message that spans two blocks
        Path abc = Files.writeString(tmp.resolve("abc.onnx"), "abc", StandardCharsets.US_ASCII);
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                ModelDigest.start(ModelSource.of(abc)).await());
        Path two = Files.writeString(tmp.resolve("two.onnx"),
                "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", StandardCharsets.US_ASCII);
        assertEquals("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
                ModelDigest.start(ModelSource.of(two)).await());
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                ModelDigest.start(ModelSource.of("abc".getBytes(StandardCharsets.US_ASCII))).await());
    }

    @Test
    void aFileThatCannotBeReadIsAModelExceptionNamingIt() {
        Path missing = tmp.resolve("gone.onnx");
        ModelException e = assertThrows(ModelException.class, () -> ModelDigest.start(ModelSource.of(missing)).await());
        assertTrue(e.getMessage().startsWith("cannot read model file " + missing.toAbsolutePath()), e.getMessage());
    }

    @Test
    void aCancelledDigestSaysSo() throws Exception {
        Path big = tmp.resolve("big.onnx");
        Files.write(big, new byte[64 << 20]);
        ModelDigest d = ModelDigest.start(ModelSource.of(big));
        d.cancel();
        ModelException e = assertThrows(ModelException.class, d::await);
        assertEquals("the model digest was cancelled", e.getMessage());
    }

    @Test
    void anExtractorOverAFileReportsThatFilesDigest() throws Exception {
        byte[] bytes = TestImages.model("tiny_backbone.onnx");
        Path model = Files.write(tmp.resolve("tiny_backbone.onnx"), bytes);
        String expected = java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        try (EmbeddingExtractor ex = EmbeddingExtractor.builder().model(model)
                .preprocessing(NearestPreprocessor.tiny()).build()) {
            assertEquals(expected, ex.modelIdentity().sha256());
        }
    }
}
