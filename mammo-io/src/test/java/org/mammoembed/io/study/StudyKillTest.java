package org.mammoembed.io.study;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A study run through the library API in a child JVM is killed with SIGKILL twice mid-run, then resumed: its
 * features.npy, joined.csv and failures.csv are byte-identical to an uninterrupted run's.
 */
class StudyKillTest {
    private static final int EXAMS = 15;

    @TempDir
    Path tmp;

    /** Child: a resumable study, slowed down so that it can be killed in the middle. */
    public static void main(String[] args) throws Exception {
        study(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]), Long.parseLong(args[3]));
    }

    static StudyResult study(Path out, Path csv, Path root, long delayMillis) throws Exception {
        return EmbeddingStudy.builder()
                .dataset(csv, root)
                .embedder(new StudyFixture.PixelEmbedder(2, delayMillis))
                .outputDir(out)
                .resume(true)
                .failureBudget(FailureBudget.unlimited())
                .run();
    }

    @Test
    void killedTwiceThenResumedGivesTheUninterruptedOutputs() throws Exception {
        Path csv = StudyFixture.study(tmp.resolve("data"), EXAMS);
        Path root = tmp.resolve("data/archive");
        StudyFixture.truncate(root.resolve("EX004/R_CC.dcm"), 300);
        StudyFixture.truncate(root.resolve("EX011/L_MLO.dcm"), 300);
        Files.write(root.resolve("EX007/notes.dcm"), "not a DICOM file".getBytes());

        Path reference = tmp.resolve("reference");
        StudyResult ref = study(reference, csv, root, 0);
        assertEquals(EXAMS * 4 - 2, ref.embedded());
        assertEquals(2, ref.failed());

        Path out = tmp.resolve("killed");
        long first = runAndKill(out, csv, root, 0);
        long second = runAndKill(out, csv, root, 600);
        assertTrue(second > first, first + " -> " + second);

        StudyResult resumed = study(out, csv, root, 0);
        assertTrue(resumed.reusedFromCheckpoint() > 0 && resumed.reusedFromCheckpoint() < EXAMS * 4,
                resumed::summary);
        assertEquals(EXAMS * 4 - resumed.reusedFromCheckpoint(), resumed.computed(), resumed::summary);
        for (String f : List.of("features.npy", "joined.csv", "failures.csv")) {
            assertArrayEquals(Files.readAllBytes(reference.resolve(f)), Files.readAllBytes(out.resolve(f)), f);
        }
        assertTrue(Files.notExists(out.resolve(".checkpoint")));
        String log = Files.readString(out.resolve("run.log"));
        assertTrue(log.contains("resume: " + resumed.reusedFromCheckpoint() + " images already done"), log);
    }

    private long runAndKill(Path out, Path csv, Path root, long growthBytes) throws Exception {
        return KillPoint.runAndKill(StudyKillTest.class, List.of(out.toString(), csv.toString(), root.toString(),
                "40"), out, growthBytes, tmp.resolve("child-" + growthBytes + ".log"));
    }
}
