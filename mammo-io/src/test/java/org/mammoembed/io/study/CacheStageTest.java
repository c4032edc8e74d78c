package org.mammoembed.io.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mammoembed.core.Dataset;
import org.mammoembed.core.DecodedImage;
import org.mammoembed.core.EmbeddedImage;
import org.mammoembed.core.EmbeddingSink;
import org.mammoembed.core.Failure;
import org.mammoembed.core.ImageMetadata;
import org.mammoembed.core.ImageReader;
import org.mammoembed.core.ImageRecord;
import org.mammoembed.core.MammoException;
import org.mammoembed.core.Stage;
import org.mammoembed.io.EmbeddingCache;

/** Cache hits are read like the extractor reads images: inside the DICOM root only, one bad header one failure. */
class CacheStageTest {
    private static final String MODEL = "0123456789abcdef".repeat(4);

    @TempDir
    Path tmp;

    /** Records every path it opens; a file named "bug.dcm" makes it throw as a buggy reader would. */
    private static final class RecordingReader implements ImageReader {
        final List<Path> opened = new ArrayList<>();

        @Override
        public boolean isImage(Path file) {
            return true;
        }

        @Override
        public ImageMetadata readMetadata(Path file) {
            opened.add(file);
            if (file.getFileName().toString().equals("bug.dcm")) {
                throw new IllegalStateException("reader bug");
            }
            return new ImageMetadata("1.2", "MG", 1, 1, 1, 1, 16, 12, 0, "MONOCHROME2", "1.2.840.10008.1.2.1", "L",
                    "CC", "FOR PRESENTATION", "", Optional.empty(), Map.of());
        }

        @Override
        public DecodedImage read(Path file, int frame) throws MammoException {
            throw new MammoException(Stage.DECODE, "not used here");
        }
    }

    private static final class CollectingSink implements EmbeddingSink {
        final List<String> served = new ArrayList<>();
        final List<Failure> failed = new ArrayList<>();

        @Override
        public void accept(EmbeddedImage image, float[] feature) {
            served.add(image.record().relativePath() + "=" + feature[0]);
        }

        @Override
        public void failed(Failure failure) {
            failed.add(failure);
        }
    }

    private static ImageRecord record(Path root, String rel) {
        return new ImageRecord("E1", null, root.resolve(rel), rel, Map.of());
    }

    @Test
    void hitsAreServedFromInsideTheRootAndAReaderBugFailsOneImage() throws IOException {
        Path root = Files.createDirectories(tmp.resolve("root/E1"));
        Path outside = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.writeString(root.resolve("a.dcm"), "image a");
        Files.writeString(root.resolve("bug.dcm"), "image b");
        Files.writeString(root.resolve("new.dcm"), "image c");
        Files.writeString(outside.resolve("secret.dcm"), "image a"); // the same bytes as a.dcm: a cache hit if read
        Path cacheDir = tmp.resolve("cache");
        EmbeddingCache cache = EmbeddingCache.open(cacheDir, MODEL, "prep");
        cache.put(EmbeddingCache.contentSha256(root.resolve("a.dcm")), new float[] {1});
        cache.put(EmbeddingCache.contentSha256(root.resolve("bug.dcm")), new float[] {2});

        RecordingReader reader = new RecordingReader();
        Path studyRoot = tmp.resolve("root");
        List<ImageRecord> images = List.of(record(studyRoot, "E1/a.dcm"), record(studyRoot, "E1/bug.dcm"),
                record(studyRoot, "E1/new.dcm"));
        CollectingSink sink = new CollectingSink();
        Dataset misses = CacheStage.open(cacheDir, MODEL, "prep", reader)
                .serveHits(new Dataset(studyRoot, images, List.of()), sink);
        assertEquals(List.of("E1/a.dcm=1.0"), sink.served);
        assertEquals(1, sink.failed.size());
        Failure bug = sink.failed.get(0);
        assertEquals("E1/bug.dcm", bug.relativePath());
        assertEquals(Stage.READ, bug.stage());
        assertEquals("header unreadable (IllegalStateException)", bug.message());
        assertEquals(List.of("E1/new.dcm"), misses.images().stream().map(ImageRecord::relativePath).toList());

        // a.dcm swapped for a link to a file outside the root after the scan: neither hashed nor read here
        Files.delete(root.resolve("a.dcm"));
        Files.createSymbolicLink(root.resolve("a.dcm"), outside.resolve("secret.dcm"));
        reader.opened.clear();
        CollectingSink second = new CollectingSink();
        Dataset left = CacheStage.open(cacheDir, MODEL, "prep", reader)
                .serveHits(new Dataset(studyRoot, List.of(record(studyRoot, "E1/a.dcm")), List.of()), second);
        assertTrue(second.served.isEmpty(), "served from a file outside the root: " + second.served);
        assertFalse(reader.opened.stream().anyMatch(p -> p.toString().contains("elsewhere")), reader.opened::toString);
        assertEquals(List.of("E1/a.dcm"), left.images().stream().map(ImageRecord::relativePath).toList(),
                "left to the extractor, which refuses it with its own message");
    }
}
