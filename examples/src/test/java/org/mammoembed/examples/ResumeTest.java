package org.mammoembed.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mammoembed.io.CheckpointStore;
import org.mammoembed.io.RunDirectory;
import org.mammoembed.io.study.KillPoint;

/**
 * Crash safety: {@code embed} in a child JVM is killed with SIGKILL at two points, each time restarted with
 * {@code --resume}; the final outputs are byte-identical to an uninterrupted run. Also the refusals that keep
 * two runs from mixing: a checkpoint of another run, and a non-empty folder without --overwrite/--resume.
 */
class ResumeTest {
    private static final long CHILD_TIMEOUT_S = KillPoint.CHILD_TIMEOUT_S;

    @TempDir
    static Path tmp;
    static Path csv;
    static Path root;
    static Path model;

    @BeforeAll
    static void study() throws Exception {
        csv = CliFixture.study(tmp.resolve("data"), 3); // 12 exams, 48 images
        root = tmp.resolve("data/archive");
        model = CliFixture.tinyModel(tmp, CliFixture.MODEL_SEED);
    }

    private static List<String> embedArgs(Path out, String... extra) {
        List<String> a = new ArrayList<>(List.of("embed", "--csv", csv.toString(), "--dicom-root", root.toString(),
                "--outdir", out.toString(), "--model", model.toString(), "--save-csv", "--batch-size", "2",
                "--workers", "1"));
        a.addAll(List.of(extra));
        return a;
    }

    private static Process child(List<String> args, Path log) throws IOException {
        return KillPoint.start(Mammography.class, args, log);
    }

    private static long runAndKill(List<String> args, Path out, long growthBytes, Path log) throws Exception {
        return KillPoint.runAndKill(Mammography.class, args, out, growthBytes, log);
    }

    private static String read(Path f) {
        return KillPoint.read(f);
    }

    @Test
    void killedTwiceThenResumedGivesTheUninterruptedOutputs() throws Exception {
        Path reference = tmp.resolve("reference");
        CliFixture.Result ref = CliFixture.run(embedArgs(reference).toArray(String[]::new));
        assertEquals(0, ref.status(), ref::all);

        Path out = tmp.resolve("resumed");
        // first kill: right after the first records reach the file; second: some batches into the resumed run
        long first = runAndKill(embedArgs(out), out, 0, tmp.resolve("run1.log"));
        long second = runAndKill(embedArgs(out, "--resume"), out, 2_000, tmp.resolve("run2.log"));
        assertTrue(second > first, first + " -> " + second);

        Path log = tmp.resolve("run3.log");
        Process last = child(embedArgs(out, "--resume"), log);
        assertTrue(last.waitFor(CHILD_TIMEOUT_S, TimeUnit.SECONDS), "resumed run did not finish");
        assertEquals(0, last.exitValue(), () -> read(log));
        String printed = read(log);
        int done = Integer.parseInt(printed.replaceAll("(?s).*reused \\d+ \\(checkpoint (\\d+),.*", "$1"));
        assertTrue(done > 0 && done < 48, printed);
        assertTrue(printed.contains("embedded 48 of 48 images (0 failed, 0 scan problems)"), printed);

        for (String f : List.of("features.npy", "joined.csv", "failures.csv")) {
            assertArrayEquals(Files.readAllBytes(reference.resolve(f)), Files.readAllBytes(out.resolve(f)), f);
        }
        assertTrue(Files.notExists(out.resolve(".checkpoint")));
    }

    @Test
    void resumeOfAnotherRunsCheckpointIsRefused() throws Exception {
        Path out = tmp.resolve("other-key");
        try (CheckpointStore other = CheckpointStore.open(RunDirectory.prepare(out, RunDirectory.Mode.NEW)
                .checkpoint(), 64, "a run with another model")) {
            assertEquals(0, other.size());
        }
        CliFixture.Result r = CliFixture.run(embedArgs(out, "--resume").toArray(String[]::new));
        assertEquals(1, r.status(), r::all);
        assertTrue(r.err().startsWith("error (write): cannot --resume: checkpoint "), r.err());
        assertTrue(r.err().contains("was written by a run with other arguments, model or embedding size"), r.err());
        assertTrue(r.err().contains("--overwrite"), r.err());
        // the foreign checkpoint is left alone
        assertTrue(Files.exists(out.resolve(".checkpoint").resolve(CheckpointStore.FILE_NAME)));

        CliFixture.Result again = CliFixture.run(embedArgs(out, "--overwrite").toArray(String[]::new));
        assertEquals(0, again.status(), again::all);
    }

    @Test
    void nonEmptyOutdirIsRefusedWithoutOverwriteOrResume() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("busy"));
        Files.writeString(out.resolve("keep.txt"), "someone's results");
        CliFixture.Result r = CliFixture.run(embedArgs(out).toArray(String[]::new));
        assertEquals(1, r.status(), r::all);
        assertTrue(r.err().contains("is not empty") && r.err().contains("--overwrite")
                && r.err().contains("--resume"), r.err());
        assertEquals("someone's results", Files.readString(out.resolve("keep.txt")));
        assertEquals(1, Files.list(out).count(), "nothing written");
    }
}
