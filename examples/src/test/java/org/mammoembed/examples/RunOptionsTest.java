package org.mammoembed.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The options of {@code embed} that protect a long study: the failure budget, the embedding cache and the
 * explicit opt-in for header tags (the only way patient identifiers reach an output).
 */
class RunOptionsTest {
    @TempDir
    static Path tmp;
    static Path root;
    static Path csv;
    static Path model;

    @BeforeAll
    static void study() throws Exception {
        csv = CliFixture.study(tmp.resolve("data"), 1); // DEMO0000..DEMO0003, 4 views each
        root = tmp.resolve("data/archive");
        model = CliFixture.tinyModel(tmp, CliFixture.MODEL_SEED);
    }

    private static CliFixture.Result embed(Path labels, Path out, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("embed", "--csv", labels.toString(), "--dicom-root",
                root.toString(), "--outdir", out.toString(), "--model", model.toString(), "--save-csv",
                "--batch-size", "4", "--workers", "1"));
        args.addAll(List.of(extra));
        return CliFixture.run(args.toArray(new String[0]));
    }

    @Test
    void failureBudgetStopsTheRunKeepsFinishedWorkAndResumeFinishesIt() throws Exception {
        Path broken = tmp.resolve("broken");
        CliFixture.copyTree(root, broken);
        // the third exam's four images are cut short: 4 of 16 images fail
        try (Stream<Path> files = Files.list(broken.resolve("DEMO0002"))) {
            for (Path f : (Iterable<Path>) files::iterator) {
                byte[] b = Files.readAllBytes(f);
                Files.write(f, java.util.Arrays.copyOf(b, b.length - 600));
            }
        }
        Path out = tmp.resolve("out-budget");
        CliFixture.Result r = CliFixture.run("embed", "--csv", csv.toString(), "--dicom-root", broken.toString(),
                "--outdir", out.toString(), "--model", model.toString(), "--batch-size", "4", "--workers", "1",
                "--max-failures", "2");
        assertEquals(EmbedJob.EXIT_STOPPED, r.status(), r::all);
        assertTrue(r.out().contains("stopped: 3 images failed, more than --max-failures 2"), r.out());
        assertTrue(r.out().contains("--resume"), r.out());
        assertFalse(Files.exists(out.resolve("features.npy")), "no half-made features.npy");
        assertTrue(Files.exists(out.resolve(".checkpoint")), "finished work kept");
        // the stopped run still reports what failed: failures.csv and one run.log line per failed image
        List<Map<String, String>> stoppedFailures = CliFixture.readCsv(out.resolve("failures.csv"));
        assertEquals(3, stoppedFailures.size(), stoppedFailures::toString);
        String stoppedLog = Files.readString(out.resolve("run.log"));
        for (Map<String, String> f : stoppedFailures) {
            assertTrue(stoppedLog.contains("failed image: " + f.get("ImagePath")), stoppedLog);
        }

        // the data fixed, --resume keeps the 8 images embedded before the stop and retries the 3 that failed
        CliFixture.copyTree(root, broken);
        CliFixture.Result resumed = CliFixture.run("embed", "--csv", csv.toString(), "--dicom-root",
                broken.toString(), "--outdir", out.toString(), "--model", model.toString(), "--batch-size", "4",
                "--workers", "1", "--resume");
        assertEquals(0, resumed.status(), resumed::all);
        assertTrue(resumed.out().contains("reused 8 (checkpoint 8, cache 0)"), resumed.out());
        assertEquals(List.of(16L, (long) org.mammoembed.embed.OnnxModels.TINY_FEATURES),
                List.of(org.mammoembed.io.NpyReader.read(out.resolve("features.npy")).shape()[0],
                        org.mammoembed.io.NpyReader.read(out.resolve("features.npy")).shape()[1]));
    }

    @Test
    void theCacheComputesOnlyTheNewExam() throws Exception {
        Path cache = tmp.resolve("cache");
        Path three = tmp.resolve("three.csv");
        Files.writeString(three, "AccessionNumber,Classification\nDEMO0000,A\nDEMO0001,B\nDEMO0002,C\n");
        CliFixture.Result first = embed(three, tmp.resolve("out-c1"), "--cache", cache.toString());
        assertEquals(0, first.status(), first::all);
        CliFixture.Result second = embed(csv, tmp.resolve("out-c2"), "--cache", cache.toString());
        assertEquals(0, second.status(), second::all);
        String log = Files.readString(tmp.resolve("out-c2/run.log"));
        assertTrue(log.contains("embedding cache: 12 hits, 4 to compute"), log);
        CliFixture.Result plain = embed(csv, tmp.resolve("out-c3"));
        assertEquals(0, plain.status(), plain::all);
        assertTrue(java.util.Arrays.equals(Files.readAllBytes(tmp.resolve("out-c3/features.npy")),
                Files.readAllBytes(tmp.resolve("out-c2/features.npy"))), "cached rows equal computed ones");
    }

    @Test
    void headerTagsReachJoinedCsvOnlyWhenAsked() throws Exception {
        CliFixture.Result without = embed(csv, tmp.resolve("out-t1"));
        assertEquals(0, without.status(), without::all);
        assertFalse(Files.readString(tmp.resolve("out-t1/joined.csv")).contains("PHI-ID-"));

        CliFixture.Result with = embed(csv, tmp.resolve("out-t2"), "--include-tags", "00100020,(0008,0060)");
        assertEquals(0, with.status(), with::all);
        List<Map<String, String>> rows = CliFixture.readCsv(tmp.resolve("out-t2/joined.csv"));
        assertEquals(16, rows.size());
        assertEquals("PHI-ID-100000", rows.get(0).get("Tag00100020"), rows.get(0)::toString);
        assertEquals("MG", rows.get(0).get("Tag00080060"), rows.get(0)::toString);

        CliFixture.Result bad = embed(csv, tmp.resolve("out-t3"), "--include-tags", "PatientName");
        assertEquals(2, bad.status(), bad::all);
        assertTrue(bad.err().contains("--include-tags wants tag numbers like 00100020 or (0010,0020), got"
                + " 'PatientName'"), bad.err());
    }
}
