package org.mammoembed.io.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mammoembed.core.CsvTable;
import org.mammoembed.core.Dataset;
import org.mammoembed.core.EmbeddingSink;
import org.mammoembed.core.ExtractionStats;
import org.mammoembed.core.MammoException;
import org.mammoembed.core.ProgressListener;
import org.mammoembed.io.CheckpointStore;
import org.mammoembed.io.JsonOutput;
import org.mammoembed.io.report.ReportThumbnails;

/** The study runner's promises about failures, refusals, leftovers and the figures it reports. */
class StudyTest {
    @TempDir
    Path tmp;
    Path csv;
    Path root;

    @BeforeEach
    void study() throws IOException {
        csv = StudyFixture.study(tmp.resolve("data"), 5);
        root = tmp.resolve("data/archive");
    }

    private EmbeddingStudy.Builder builder(Path out) {
        return EmbeddingStudy.builder().dataset(csv, root).embedder(new StudyFixture.PixelEmbedder(2, 0))
                .outputDir(out);
    }

    private static List<String> lines(Path f) throws IOException {
        return Files.readAllLines(f, StandardCharsets.UTF_8);
    }

    @Test
    void aRunStoppedByTheBudgetWritesFailuresCsvAndOneLogLinePerFailedImage() throws Exception {
        for (String v : StudyFixture.VIEWS) {
            StudyFixture.truncate(root.resolve("EX001/" + v + ".dcm"), 300);
        }
        Path out = tmp.resolve("out");
        StudyStoppedException e = assertThrows(StudyStoppedException.class,
                () -> builder(out).failureBudget(FailureBudget.maxCount(2)).run());
        assertEquals(3, e.failed());
        assertEquals(7, e.done());
        assertTrue(e.getMessage().contains("3 images failed, more than the budget's maxFailures 2"), e.getMessage());
        List<Map<String, String>> failures = rows(out.resolve("failures.csv"));
        assertEquals(3, failures.size());
        List<String> log = lines(out.resolve("run.log"));
        for (Map<String, String> f : failures) {
            assertEquals(1, log.stream().filter(l -> l.contains("failed image: " + f.get("ImagePath"))).count(),
                    f::toString);
        }
        assertTrue(log.stream().anyMatch(l -> l.contains("ERROR") && l.contains("stopped by the failure budget")));
        assertFalse(Files.exists(out.resolve("features.npy")), "no features.npy from a stopped run");
        assertTrue(Files.exists(out.resolve(".checkpoint").resolve(CheckpointStore.FILE_NAME)), "work kept");
        assertEquals(List.of(new StudyResult.FailureCount("read", "DicomException", 3)),
                e.result().failuresByKind());
        assertEquals(4, e.result().embedded(), "the first exam's four images");
        assertEquals(3, e.result().failed());
    }

    @Test
    void aFloodOfScanProblemsIsOneLogLineButEveryRowInFailuresCsv() throws Exception {
        for (int i = 0; i < 40; i++) {
            Files.writeString(root.resolve("EX002/junk" + i + ".dcm"), "not DICOM " + i);
        }
        Path out = tmp.resolve("out");
        StudyResult r = builder(out).run();
        assertEquals(40, r.scanProblems());
        assertEquals(40, rows(out.resolve("failures.csv")).size());
        List<String> scanLines = lines(out.resolve("run.log")).stream().filter(l -> l.contains("scan problems: scan "))
                .toList();
        assertEquals(1, scanLines.size(), scanLines::toString);
        assertTrue(scanLines.get(0).matches(".*scan NotDicom: 40 \\(first: EX002/junk\\d+\\.dcm, EX002/junk\\d+\\.dcm,"
                + " EX002/junk\\d+\\.dcm, \\.\\.\\.\\)"), scanLines.get(0));
    }

    @Test
    void aFailedStartLeavesTheOutputFolderAsItWas() throws Exception {
        Path noLabel = tmp.resolve("nolabel.csv");
        Files.writeString(noLabel, "AccessionNumber,Grade\nEX000,A\n");
        Path fresh = tmp.resolve("fresh");
        assertThrows(MammoException.class, () -> builder(fresh).dataset(noLabel, root).run());
        assertFalse(Files.exists(fresh), "nothing created");

        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertThrows(MammoException.class, () -> builder(empty).dataset(noLabel, root).run());
        assertEquals(0, Files.list(empty).count());

        // a failure after the folder was made up (the checkpoint cannot be created) cleans up too
        Files.createDirectories(tmp.resolve("blocked"));
        Path blocked = tmp.resolve("blocked");
        EmbeddingStudy.Builder b = builder(blocked);
        Files.writeString(tmp.resolve("blocker"), "");
        assertThrows(IOException.class, () -> b.cache(tmp.resolve("blocker").resolve("cache")).run());
        try (Stream<Path> s = Files.list(blocked)) {
            assertEquals(List.of(), s.toList(), "run.log and the checkpoint removed");
        }
        // and the same folder is then simply reused
        assertEquals(20, builder(blocked).run().embedded());
    }

    @Test
    void aRunWithNoImageFailsWithTheReasonAndARunThatEmbedsNothingFailsAfterReportingIt() throws Exception {
        Path empty = tmp.resolve("empty.csv");
        Files.writeString(empty, "AccessionNumber,Classification\n");
        Path out = tmp.resolve("none");
        MammoException e = assertThrows(MammoException.class, () -> builder(out).dataset(empty, root).run());
        assertTrue(e.getMessage().startsWith("no image to embed: the scan found 0 images (6 scan problems; first:"
                + " EmptyCsv: empty.csv has a header but no data rows"), e.getMessage());
        assertFalse(Files.exists(out));

        Path one = tmp.resolve("one.csv");
        Files.writeString(one, "AccessionNumber,Classification\nEX003,D\n");
        for (String v : StudyFixture.VIEWS) {
            StudyFixture.truncate(root.resolve("EX003/" + v + ".dcm"), 300);
        }
        Path broken = tmp.resolve("broken");
        MammoException all = assertThrows(MammoException.class,
                () -> builder(broken).dataset(one, root).failureBudget(FailureBudget.unlimited()).run());
        assertTrue(all.getMessage().startsWith("no image was embedded: all 4 images failed"), all.getMessage());
        assertEquals(4, rows(broken.resolve("failures.csv")).stream().filter(f -> f.get("Stage").equals("read")).count());
    }

    @Test
    void resumeRemovesTheTemporaryFilesOfAKilledFinalWrite() throws Exception {
        Path out = tmp.resolve("out");
        builder(out).run();
        Path leftover = out.resolve(".features.npy.3k2j4h5.tmp");
        Path previewLeftover = Files.createDirectories(out.resolve("preview")).resolve(".pca_2d.png.x1.tmp");
        Files.write(leftover, new byte[100]);
        Files.write(previewLeftover, new byte[10]);
        builder(out).resume(true).run();
        assertFalse(Files.exists(leftover));
        assertFalse(Files.exists(previewLeftover));
        assertTrue(lines(out.resolve("run.log")).stream().anyMatch(l -> l.contains("removed 2 temporary files")));
    }

    @Test
    void aFailedFinalWriteNamesTheFileAndTheStage() throws Exception {
        Path out = tmp.resolve("out");
        // features.npy cannot be renamed into place: a non-empty folder holds its name
        Files.createDirectories(out.resolve("features.npy").resolve("x"));
        IOException e = assertThrows(IOException.class, () -> builder(out).overwrite(true).run());
        assertTrue(e.getMessage().startsWith("writing features.npy (stage assembly) failed: "), e.getMessage());
        assertTrue(lines(out.resolve("run.log")).stream().anyMatch(l -> l.contains("ERROR")
                && l.contains("writing features.npy (stage assembly) failed")));
        try (Stream<Path> s = Files.list(out)) {
            assertEquals(List.of(), s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList());
        }
    }

    @Test
    void aFatalErrorIsRecordedInRunLog() throws Exception {
        Path out = tmp.resolve("out");
        StudyFixture.PixelEmbedder real = new StudyFixture.PixelEmbedder(2, 0);
        org.mammoembed.core.Embedder dying = new DelegatingEmbedder(real) {
            @Override
            public ExtractionStats extract(Dataset d, EmbeddingSink s, ProgressListener l) {
                throw new OutOfMemoryError("Java heap space");
            }
        };
        assertThrows(OutOfMemoryError.class, () -> builder(out).embedder(dying).run());
        assertTrue(lines(out.resolve("run.log")).stream().anyMatch(l -> l.contains("ERROR")
                && l.contains("run failed (OutOfMemoryError): Java heap space")));
    }

    @Test
    void runJsonHasTypedEffectiveOptionsAndTheCountsOfThisRun() throws Exception {
        Path out = tmp.resolve("out");
        StudyResult first = builder(out).run();
        assertEquals(20, first.computed());
        StudyResult again = builder(out).resume(true).cache(tmp.resolve("cache")).run();
        assertEquals(20, again.computed(), "a finished run's checkpoint is gone: everything is computed again");
        StudyResult cached = builder(tmp.resolve("out2")).cache(tmp.resolve("cache")).run();
        assertEquals(0, cached.computed());
        assertEquals(20, cached.reusedFromCache());
        Map<String, Object> run = JsonOutput.readObject(tmp.resolve("out2/run.json"));
        @SuppressWarnings("unchecked")
        Map<String, Object> options = (Map<String, Object>) run.get("options");
        assertEquals("new", options.get("mode"));
        assertEquals(true, options.get("joinedCsv"));
        assertEquals(42, options.get("seed"));
        assertEquals(List.of(), options.get("includeTags"));
        Map<String, Object> budget = new java.util.HashMap<>();
        budget.put("maxFailures", null);
        budget.put("maxFailureRate", 0.2);
        budget.put("minImages", 50);
        assertEquals(budget, options.get("failureBudget"));
        @SuppressWarnings("unchecked")
        Map<String, Object> counts = (Map<String, Object>) run.get("counts");
        assertEquals(0, counts.get("computed"));
        assertEquals(20, counts.get("reusedFromCache"));
        assertEquals(cached.imagesPerSecond(), ((Number) run.get("imagesPerSecond")).doubleValue(), 1e-9);
    }

    @Test
    void progressIsReportedPerStageWithCountsThatReachTheirTotal() throws Exception {
        List<org.mammoembed.core.StageProgress> events = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        StudyFixture.truncate(root.resolve("EX002/R_CC.dcm"), 300);
        builder(tmp.resolve("out")).progress(events::add).run();
        assertEquals(List.of("scan", "embedding", "assembly"),
                new java.util.ArrayList<>(new java.util.LinkedHashSet<>(events.stream()
                        .map(org.mammoembed.core.StageProgress::stage).toList())));
        List<org.mammoembed.core.StageProgress> embedding = events.stream()
                .filter(e -> e.stage().equals("embedding")).toList();
        assertEquals(20, embedding.size(), "one event per image from this embedder");
        org.mammoembed.core.StageProgress last = embedding.get(embedding.size() - 1);
        assertEquals(20, last.done());
        assertEquals(20, last.total());
        assertEquals(1, last.failed());
        assertEquals("images", last.unit());
    }

    private static List<Map<String, String>> rows(Path csvFile) throws IOException {
        CsvTable t = CsvTable.read(csvFile);
        return t.rows().stream().map(r -> {
            Map<String, String> m = new java.util.LinkedHashMap<>();
            for (int c = 0; c < t.header().size(); c++) {
                m.put(t.header().get(c), r.field(c));
            }
            return m;
        }).toList();
    }

    // the report shows a thumbnail for every embedded image, also those whose embedding came from the cache

    private EmbeddingStudy.Builder reportingWithCache(Path out, org.mammoembed.core.Embedder embedder) {
        return EmbeddingStudy.builder().dataset(csv, root).embedder(embedder).outputDir(out).report(true)
                .cache(tmp.resolve("cache"));
    }

    @Test
    void cacheHitsGetTheirThumbnailsToo() throws Exception {
        StudyFixture.PixelEmbedder embedder = new StudyFixture.PixelEmbedder(2, 0);
        Path first = tmp.resolve("first");
        assertEquals(20, reportingWithCache(first, embedder).run().computed());
        assertEquals(20, StudyFixture.thumbnailCount(first), "computed images get theirs during extraction");

        Path second = tmp.resolve("second");
        StudyResult cached = reportingWithCache(second, embedder).run();
        assertEquals(0, cached.computed());
        assertEquals(20, cached.reusedFromCache());
        ReportThumbnails thumbs = ReportThumbnails.in(second);
        for (String rel : StudyFixture.imagePaths(second)) {
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
        reportingWithCache(tmp.resolve("first"), pixels).run();
        // DelegatingEmbedder keeps Embedder's default preprocessOnly, which shows nothing
        Path second = tmp.resolve("second");
        StudyResult cached = reportingWithCache(second, new DelegatingEmbedder(pixels)).run();
        assertEquals(20, cached.reusedFromCache());
        assertEquals(0, StudyFixture.thumbnailCount(second));
        assertTrue(Files.isRegularFile(second.resolve("report.html")));
    }
}
