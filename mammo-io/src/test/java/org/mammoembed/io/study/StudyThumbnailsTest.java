package org.mammoembed.io.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mammoembed.core.CsvTable;
import org.mammoembed.io.report.ReportThumbnails;

/** The report shows a thumbnail for every embedded image, also those whose embedding came from the cache. */
class StudyThumbnailsTest {
    @TempDir
    Path tmp;
    Path csv;
    Path root;

    @BeforeEach
    void study() throws IOException {
        csv = StudyFixture.study(tmp.resolve("data"), 5);
        root = tmp.resolve("data/archive");
    }

    private EmbeddingStudy.Builder builder(Path out, org.mammoembed.core.Embedder embedder) {
        return EmbeddingStudy.builder().dataset(csv, root).embedder(embedder).outputDir(out).report(true)
                .cache(tmp.resolve("cache"));
    }

    private static List<String> imagePaths(Path out) throws IOException {
        CsvTable t = CsvTable.read(out.resolve("joined.csv"));
        return t.rows().stream().map(r -> r.field(t.column("ImagePath"))).toList();
    }

    private static long pngs(Path out) throws IOException {
        Path thumbs = out.resolve("report/thumbs");
        if (!Files.isDirectory(thumbs)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(thumbs)) {
            return s.filter(p -> p.toString().endsWith(".png")).count();
        }
    }

    @Test
    void cacheHitsGetTheirThumbnailsToo() throws Exception {
        StudyFixture.PixelEmbedder embedder = new StudyFixture.PixelEmbedder(2, 0);
        Path first = tmp.resolve("first");
        assertEquals(20, builder(first, embedder).run().computed());
        assertEquals(20, pngs(first), "computed images get theirs during extraction");

        Path second = tmp.resolve("second");
        StudyResult cached = builder(second, embedder).run();
        assertEquals(0, cached.computed());
        assertEquals(20, cached.reusedFromCache());
        ReportThumbnails thumbs = ReportThumbnails.in(second);
        for (String rel : imagePaths(second)) {
            assertTrue(thumbs.has(rel), rel);
            assertEquals(-1L, Files.mismatch(thumbs.file(rel), ReportThumbnails.in(first).file(rel)),
                    "the same picture as when it was computed: " + rel);
        }
        assertTrue(Files.readAllLines(second.resolve("run.log")).stream()
                .anyMatch(l -> l.contains("report: 20 of 20 thumbnails made for images reused from the cache")));
    }

    @Test
    void anEmbedderThatCannotShowItsInputLeavesThemOutWithoutFailing() throws Exception {
        StudyFixture.PixelEmbedder pixels = new StudyFixture.PixelEmbedder(2, 0);
        builder(tmp.resolve("first"), pixels).run();
        // DelegatingEmbedder keeps Embedder's default preprocessOnly, which shows nothing
        Path second = tmp.resolve("second");
        StudyResult cached = builder(second, new DelegatingEmbedder(pixels)).run();
        assertEquals(20, cached.reusedFromCache());
        assertEquals(0, pngs(second));
        assertTrue(Files.isRegularFile(second.resolve("report.html")));
    }
}
