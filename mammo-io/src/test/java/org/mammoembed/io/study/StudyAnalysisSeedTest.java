package org.mammoembed.io.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mammoembed.core.CsvTable;
import org.mammoembed.io.NpyWriter;
import org.mammoembed.io.SplitAssignment;

/** An analysis of existing outputs keeps the run's splits: its seed defaults to the one run.json records. */
class StudyAnalysisSeedTest {
    private static final int EXAMS = 30;

    @TempDir
    Path tmp;

    private Path outputs(String runJson) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("run" + (runJson == null ? "-bare" : "")));
        NpyWriter.write(dir.resolve("features.npy"), new float[EXAMS * 2], EXAMS, 2);
        SplitAssignment runSplit = SplitAssignment.builder().seed(7).build();
        StringBuilder csv = new StringBuilder(String.join(",", org.mammoembed.io.JoinedCsvWriter.BASE_COLUMNS))
                .append('\n');
        for (int i = 0; i < EXAMS; i++) {
            csv.append("ACC").append(i).append(",1,ACC").append(i).append("/a.dcm,").append(i).append(',')
                    .append(runSplit.of("ACC" + i).label()).append(",CC,L\n");
        }
        Files.writeString(dir.resolve("joined.csv"), csv);
        if (runJson != null) {
            Files.writeString(dir.resolve("run.json"), runJson);
        }
        return dir;
    }

    private static List<String> splits(Path dir) throws Exception {
        CsvTable t = CsvTable.read(dir.resolve("joined.csv"));
        List<String> out = new ArrayList<>();
        for (CsvTable.Row r : t.rows()) {
            out.add(r.field(t.column("Split")));
        }
        return out;
    }

    private static List<String> expected(long seed) {
        SplitAssignment s = SplitAssignment.builder().seed(seed).build();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < EXAMS; i++) {
            out.add(s.of("ACC" + i).label());
        }
        return out;
    }

    @Test
    void theRunsSeedKeepsItsSplitsAndAnExplicitSeedWins() throws Exception {
        assertNotEquals(expected(7), expected(42), "the two seeds must split these exams differently");
        Path dir = outputs("{\"seed\": 7, \"options\": {\"seed\": 7}}");
        assertEquals(OptionalLong.of(7), StudyAnalysis.recordedSeed(dir));
        List<String> before = splits(dir);
        StudyAnalysis.onOutputs(dir).run();
        assertEquals(before, splits(dir), "joined.csv rewritten with the run's own splits");
        assertEquals(expected(7), splits(dir));

        StudyAnalysis.onOutputs(dir).seed(42).run();
        assertEquals(expected(42), splits(dir));
    }

    @Test
    void withoutARecordTheSeedIs42() throws Exception {
        Path bare = outputs(null);
        assertTrue(StudyAnalysis.recordedSeed(bare).isEmpty());
        StudyAnalysis.onOutputs(bare).run();
        assertEquals(expected(42), splits(bare));

        Path broken = outputs("{not json");
        assertTrue(StudyAnalysis.recordedSeed(broken).isEmpty(), "an unreadable run.json is no record");
        Files.writeString(broken.resolve("run.json"), "{\"seed\": \"seven\"}");
        assertTrue(StudyAnalysis.recordedSeed(broken).isEmpty());
    }

    @Test
    void theRunsPreprocessingIsReadBackAsRecorded() throws Exception {
        Path dir = outputs("{\"seed\": 7, \"preprocessing\": \"pixel-stats/v1{size=2x4}\"}");
        assertEquals(Optional.of("pixel-stats/v1{size=2x4}"), StudyAnalysis.recordedPreprocessing(dir));
        assertTrue(StudyAnalysis.recordedPreprocessing(outputs(null)).isEmpty(), "no run.json");
        assertTrue(StudyAnalysis.recordedPreprocessing(outputs("{\"seed\": 7}")).isEmpty(), "none recorded");
        assertTrue(StudyAnalysis.recordedPreprocessing(outputs("{not json")).isEmpty(), "unreadable");
    }
}
