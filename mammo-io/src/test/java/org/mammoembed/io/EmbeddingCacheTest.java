package org.mammoembed.io;

import org.mammoembed.io.internal.Sha256;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingCacheTest {
    @TempDir
    Path dir;

    @Test
    void hitsOnlyForTheSameContentModelAndPreprocessing() throws Exception {
        Path image = dir.resolve("a.dcm");
        Files.writeString(image, "pixels");
        Path copy = dir.resolve("renamed");
        Files.writeString(copy, "pixels");
        String model = Sha256.of("model-1".getBytes());
        EmbeddingCache cache = EmbeddingCache.open(dir.resolve("cache"), model, "resize=224");
        float[] f = {1f, -2.5f, Float.MIN_VALUE};
        cache.put(Sha256.of(image), f);
        assertArrayEquals(f, cache.get(Sha256.of(copy)).orElseThrow(), "same content under another name hits");
        assertEquals(Optional.empty(), EmbeddingCache.open(dir.resolve("cache"), model, "resize=256")
                .get(Sha256.of(image)));
        assertEquals(Optional.empty(), EmbeddingCache.open(dir.resolve("cache"), Sha256.of("model-2".getBytes()),
                "resize=224").get(Sha256.of(image)));
        assertEquals(Optional.empty(), cache.get(Sha256.of("other".getBytes())));
    }

    @Test
    void damagedEntryIsAMissAndIsRemoved() throws Exception {
        String model = Sha256.of("m".getBytes());
        EmbeddingCache cache = EmbeddingCache.open(dir, model, "p");
        String key = Sha256.of("img".getBytes());
        cache.put(key, new float[] {1, 2, 3});
        Path entry = cache.entry(key);
        byte[] b = Files.readAllBytes(entry);
        b[14] ^= 1;
        Files.write(entry, b);
        assertEquals(Optional.empty(), cache.get(key));
        assertFalse(Files.exists(entry));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> cache.get("not-hex")).getMessage()
                .startsWith("fileSha256 must be 64 lower-case hex digits"));
    }
}
