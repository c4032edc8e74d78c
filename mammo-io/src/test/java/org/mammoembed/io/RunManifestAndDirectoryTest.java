package org.mammoembed.io;

import org.mammoembed.io.internal.Sha256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mammoembed.core.MammoException;
import org.mammoembed.core.Stage;

class RunManifestAndDirectoryTest {
    @TempDir
    Path dir;

    @Test
    void runJsonHasTheDocumentedKeysInOrder() throws Exception {
        Path model = dir.resolve("m.onnx");
        Files.writeString(model, "abc");
        RunManifest m = RunManifest.builder()
                .gitCommit("0123abc")
                .onnxRuntimeVersion("1.23.2")
                .executionProvider("CPU")
                .model(new RunManifest.Model("models/m.onnx", Sha256.of(model), "input", List.of(-1L, 3L, 224L, 224L),
                        "features", List.of(-1L, 2048L)))
                .preprocessing("resize=224;voi=window;norm=imagenet")
                .argument("csv", "classificacao.csv")
                .argument("batch", "16")
                .seed(7)
                .startedAt(Instant.parse("2026-01-01T10:00:00Z"))
                .finishedAt(Instant.parse("2026-01-01T10:00:10Z"))
                .counts(new RunManifest.Counts(25, 18, 2, 3))
                .build();
        Path f = dir.resolve("run.json");
        m.write(f);
        Map<String, Object> json = JsonOutput.readObject(f);
        assertEquals(List.of("libraryVersion", "gitCommit", "java", "os", "cpu", "onnxRuntimeVersion", "executionProvider",
                "model", "preprocessing", "arguments", "options", "seed", "startedAt", "finishedAt", "counts",
                "imagesPerSecond"), new ArrayList<>(json.keySet()));
        @SuppressWarnings("unchecked")
        Map<String, Object> modelJson = (Map<String, Object>) json.get("model");
        // SHA-256("abc"), the FIPS 180-2 test vector
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", modelJson.get("sha256"));
        assertEquals(List.of(-1, 3, 224, 224), modelJson.get("inputShape"));
        assertEquals(Map.of("csv", "classificacao.csv", "batch", "16"), json.get("arguments"));
        assertEquals(Map.of("images", 25, "embedded", 18, "failed", 2, "scanProblems", 3, "computed", 20,
                "reusedFromCheckpoint", 0, "reusedFromCache", 0), json.get("counts"));
        assertEquals(2.0, json.get("imagesPerSecond"));
        assertEquals("2026-01-01T10:00:10Z", json.get("finishedAt"));
        assertEquals(System.getProperty("java.version"), ((String) json.get("java")).split(" ")[0]);
        assertEquals(HostCpu.describe(), json.get("cpu"));
        assertTrue(Files.readString(f, StandardCharsets.UTF_8).startsWith("{\n  \"libraryVersion\" : "));
    }

    @Test
    void builderRejectsEndBeforeStart() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunManifest.builder()
                .startedAt(Instant.parse("2026-01-01T10:00:00Z")).finishedAt(Instant.parse("2026-01-01T09:00:00Z"))
                .build());
        assertTrue(e.getMessage().startsWith("finishedAt must not precede startedAt"));
    }

    @Test
    void nonEmptyFolderIsRefusedUnlessOverwriteOrResume() throws Exception {
        Path out = dir.resolve("out");
        RunDirectory fresh = RunDirectory.prepare(out, RunDirectory.Mode.NEW);
        assertTrue(Files.isDirectory(fresh.root()));
        Files.writeString(fresh.joinedCsv(), "old");
        Files.createDirectories(fresh.checkpoint());
        Files.writeString(fresh.checkpoint().resolve(CheckpointStore.FILE_NAME), "old checkpoint");
        MammoException e = assertThrows(MammoException.class, () -> RunDirectory.prepare(out, RunDirectory.Mode.NEW));
        assertEquals(Stage.WRITE, e.stage());
        assertEquals("output folder " + out.toAbsolutePath() + " is not empty; use the overwrite option to replace "
                + "its outputs or the resume option to continue the run that wrote them", e.getMessage());
        RunDirectory.prepare(out, RunDirectory.Mode.RESUME);
        assertTrue(Files.exists(fresh.checkpoint().resolve(CheckpointStore.FILE_NAME)), "resume keeps the checkpoint");
        RunDirectory.prepare(out, RunDirectory.Mode.OVERWRITE);
        assertFalse(Files.exists(fresh.checkpoint().resolve(CheckpointStore.FILE_NAME)), "overwrite starts afresh");
        assertEquals(out.toAbsolutePath().resolve("preview/pca_2d.png"), fresh.preview2d("pca"));
        Files.writeString(dir.resolve("file"), "x");
        assertThrows(MammoException.class, () -> RunDirectory.prepare(dir.resolve("file"), RunDirectory.Mode.OVERWRITE));
    }

    @Test
    void aTextOutputIsWrittenWholeInsideTheFolderOnly() throws Exception {
        RunDirectory run = RunDirectory.prepare(dir.resolve("run"), RunDirectory.Mode.NEW);
        Path md = run.writeString("report.md", "# one\n");
        assertEquals(run.root().resolve("report.md"), md);
        assertEquals("# one\n", Files.readString(md));
        run.writeString("report.md", "# two\n");
        assertEquals("# two\n", Files.readString(md), "replaced");
        try (var s = Files.list(run.root())) {
            assertEquals(List.of(md), s.toList(), "no temporary file left");
        }
        for (String bad : List.of("../escape.md", "sub/report.md", "")) {
            assertThrows(IllegalArgumentException.class, () -> run.writeString(bad, "x"), bad);
        }
    }
}
