package org.mammoembed.io.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mammoembed.core.MammoException;
import org.mammoembed.core.Stage;
import org.mammoembed.io.report.ReportThumbnails;

/** A report made after the run ({@code analyze --report}) with the thumbnails that run did not make. */
class StudyAnalysisThumbnailsTest {
    @TempDir
    Path tmp;
    Path csv;
    Path root;

    @BeforeEach
    void study() throws IOException {
        csv = StudyFixture.study(tmp.resolve("data"), 5);
        root = tmp.resolve("data/archive");
    }

    private void runWithoutReport(Path out) throws Exception {
        EmbeddingStudy.builder().dataset(csv, root).embedder(new StudyFixture.PixelEmbedder(2, 0)).outputDir(out)
                .joinedCsv(true).run();
    }

    @Test
    void theImagesAreReadAgainForTheThumbnailsARunWithItsReportWouldHaveMade() throws Exception {
        Path withReport = tmp.resolve("with-report");
        EmbeddingStudy.builder().dataset(csv, root).embedder(new StudyFixture.PixelEmbedder(2, 0))
                .outputDir(withReport).report(true).run();
        Path out = tmp.resolve("out");
        runWithoutReport(out);
        assertEquals(0, StudyFixture.thumbnailCount(out));

        StudyAnalysis.onOutputs(out).report(true).thumbnails(new StudyFixture.PixelEmbedder(2, 0), root).run();
        assertTrue(Files.isRegularFile(out.resolve("report.html")));
        List<String> rels = StudyFixture.imagePaths(out);
        assertEquals(20, rels.size());
        assertEquals(20, StudyFixture.thumbnailCount(out));
        for (String rel : rels) {
            assertEquals(-1L, Files.mismatch(ReportThumbnails.in(out).file(rel),
                    ReportThumbnails.in(withReport).file(rel)), "the picture the run itself makes: " + rel);
        }
    }

    @Test
    void anEmbedderWithAnotherRecipeIsRefusedBeforeAnythingIsWritten() throws Exception {
        Path out = tmp.resolve("out");
        runWithoutReport(out);
        DelegatingEmbedder other = new DelegatingEmbedder(new StudyFixture.PixelEmbedder(2, 0)) {
            @Override
            public String preprocessingSpec() {
                return "pixel-stats/v2";
            }
        };
        MammoException e = assertThrows(MammoException.class,
                () -> StudyAnalysis.onOutputs(out).report(true).thumbnails(other, root).run());
        assertEquals(Stage.PREPROCESS, e.stage());
        assertEquals("thumbnails: the run preprocessed with pixel-stats/v1 but the inputs given for its thumbnails"
                + " with pixel-stats/v2; a thumbnail must show what the network saw", e.getMessage());
        assertFalse(Files.exists(out.resolve("report.html")));
        assertEquals(0, StudyFixture.thumbnailCount(out));
    }

    @Test
    void anImagePathLeadingOutOfTheRootGetsNoThumbnailAndTheOthersDo() throws Exception {
        Path out = tmp.resolve("out");
        runWithoutReport(out);
        String first = StudyFixture.imagePaths(out).get(0);
        // a copy of the first image outside the root, which joined.csv now names through ".."
        Files.copy(root.resolve(first), tmp.resolve("data/outside.dcm"));
        Path joined = out.resolve("joined.csv");
        Files.writeString(joined, Files.readString(joined).replaceFirst(java.util.regex.Pattern.quote(first),
                "../outside.dcm"));
        StudyAnalysis.onOutputs(out).report(true).thumbnails(new StudyFixture.PixelEmbedder(2, 0), root).run();
        assertFalse(ReportThumbnails.in(out).has("../outside.dcm"));
        assertEquals(19, StudyFixture.thumbnailCount(out));
        assertTrue(Files.isRegularFile(out.resolve("report.html")));
    }
}
