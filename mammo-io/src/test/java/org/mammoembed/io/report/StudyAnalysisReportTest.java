package org.mammoembed.io.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mammoembed.io.study.StudyAnalysis;

/** {@code analyze --report}'s library path: the report of outputs that already exist, thumbnails kept. */
class StudyAnalysisReportTest {
    @TempDir
    Path out;

    @Test
    void analysisOnExistingOutputsWritesTheReport() throws Exception {
        SyntheticStudy study = new SyntheticStudy(24, 8, 6);
        study.writeRunFolder(out);
        study.writeThumbnails(ReportThumbnails.in(out), 2);
        StudyAnalysis.onOutputs(out).report(true).run();
        assertTrue(Files.isRegularFile(out.resolve("report.html")));
        Map<String, Object> d = StudyReportTest.data(out);
        assertEquals(24, d.get("points"));
        @SuppressWarnings("unchecked")
        Map<String, Object> columns = (Map<String, Object>) d.get("columns");
        assertEquals(ReportThumbnails.fileName(study.images.get(3).record().relativePath()),
                ((java.util.List<?>) columns.get("thumb")).get(3));
    }
}
