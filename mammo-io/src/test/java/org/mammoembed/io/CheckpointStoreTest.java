package org.mammoembed.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mammoembed.core.BiRadsDensity;
import org.mammoembed.core.Dataset;
import org.mammoembed.core.EmbeddedImage;
import org.mammoembed.core.EmbeddingResult;
import org.mammoembed.core.Failure;
import org.mammoembed.core.ImageRecord;
import org.mammoembed.core.MammoException;
import org.mammoembed.core.Stage;

class CheckpointStoreTest {
    private static final int D = 16;
    private static final String KEY = "model=abc;prep=resnet50-224";

    @TempDir
    Path dir;

    private Dataset dataset(int n) {
        List<ImageRecord> images = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String acc = "E" + (i / 2);
            String rel = acc + "/img" + i + ".dcm";
            images.add(new ImageRecord(acc, BiRadsDensity.ofCode(1 + i % 4), dir.resolve("dicom").resolve(rel), rel,
                    Map.of("Site", "s" + i)));
        }
        return new Dataset(dir.resolve("dicom"), images, List.of());
    }

    /** The fake engine: image i embeds to a deterministic vector, every 5th image fails. */
    private static void process(ImageRecord r, int i, CheckpointSink sink) throws IOException {
        if (i % 5 == 3) {
            sink.failed(new Failure(r.accessionNumber(), r.relativePath(), Stage.DECODE, "DicomException",
                    "truncated pixel data in image " + i));
            return;
        }
        float[] f = new float[D];
        for (int d = 0; d < D; d++) {
            f[d] = i * 100 + d + 0.5f;
        }
        sink.accept(new EmbeddedImage(-1, r, i % 2 == 0 ? "CC" : "MLO", "L"), f);
    }

    private void runAll(Path folder, Dataset ds, int from, int to) throws Exception {
        try (CheckpointStore store = CheckpointStore.open(folder, D, KEY);
             CheckpointSink sink = new CheckpointSink(store, 2)) {
            for (int i = from; i < to; i++) {
                ImageRecord r = ds.images().get(i);
                if (!store.isDone(r.relativePath())) {
                    process(r, i, sink);
                }
            }
        }
    }

    /** Outputs as the CLI would write them, concatenated. */
    private byte[] outputs(EmbeddingResult result, Path out) throws IOException {
        try (NpyWriter npy = NpyWriter.create(out.resolve("embeddings.npy"), D)) {
            npy.appendRows(result.toArray(), 0, result.size());
            npy.commit();
        }
        JoinedCsvWriter.builder().build().write(out.resolve("joined.csv"), result.index());
        FailuresCsv.write(out.resolve("failures.csv"), result.failures());
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        for (String f : List.of("embeddings.npy", "joined.csv", "failures.csv")) {
            all.writeBytes(Files.readAllBytes(out.resolve(f)));
        }
        return all.toByteArray();
    }

    @Test
    void assemblesRowsAndFailuresInDatasetOrder() throws Exception {
        Dataset ds = dataset(10);
        runAll(dir.resolve("ck"), ds, 0, 10);
        try (CheckpointStore store = CheckpointStore.open(dir.resolve("ck"), D, KEY)) {
            EmbeddingResult r = store.assemble(ds);
            assertEquals(8, r.size());
            assertEquals(List.of("E1/img3.dcm", "E4/img8.dcm"),
                    r.failures().stream().map(Failure::relativePath).toList());
            assertEquals("truncated pixel data in image 8", r.failures().get(1).message());
            assertEquals(Stage.DECODE, r.failures().get(1).stage());
            assertEquals("E2/img4.dcm", r.index().get(3).record().relativePath());
            assertEquals(3, r.index().get(3).index());
            assertEquals("CC", r.index().get(3).viewPosition());
            assertEquals(400.5f, r.row(3)[0]);
            assertEquals(415.5f, r.row(3)[15]);
        }
    }

    @Test
    void tornTailAtEveryByteOfTheLastRecordIsDropped() throws Exception {
        Dataset ds = dataset(6);
        Path ck = dir.resolve("ck");
        runAll(ck, ds, 0, 5);
        long lastStart = Files.size(ck.resolve(CheckpointStore.FILE_NAME));
        runAll(ck, ds, 5, 6);
        byte[] full = Files.readAllBytes(ck.resolve(CheckpointStore.FILE_NAME));
        EmbeddingResult reference;
        try (CheckpointStore store = CheckpointStore.open(ck, D, KEY)) {
            reference = store.assemble(ds);
        }
        assertTrue(full.length - lastStart > D * 4, "the last record holds a feature row");
        for (long cut = lastStart; cut < full.length; cut++) {
            Path copy = dir.resolve("cut" + cut);
            Files.createDirectories(copy);
            Files.write(copy.resolve(CheckpointStore.FILE_NAME), Arrays.copyOf(full, (int) cut));
            try (CheckpointStore store = CheckpointStore.open(copy, D, KEY)) {
                assertEquals(5, store.size(), "cut at " + cut);
                assertFalse(store.isDone("E2/img5.dcm"));
                assertTrue(store.isDone("E2/img4.dcm"));
                assertEquals(lastStart, Files.size(copy.resolve(CheckpointStore.FILE_NAME)), "tail cut off");
                assertEquals(List.of(), store.corruption(), "a torn tail is not corruption, cut at " + cut);
            }
            runAll(copy, ds, 0, 6);
            try (CheckpointStore store = CheckpointStore.open(copy, D, KEY)) {
                EmbeddingResult r = store.assemble(ds);
                assertArrayEquals(reference.toArray(), r.toArray());
                assertEquals(reference.index(), r.index());
                assertEquals(reference.failures(), r.failures());
            }
            assertArrayEquals(full, Files.readAllBytes(copy.resolve(CheckpointStore.FILE_NAME)), "cut at " + cut);
        }
    }

    @Test
    void aFlippedByteMidFileIsReportedAsCorruptionAndOnlyThatImageIsRedone() throws Exception {
        Dataset ds = dataset(6);
        Path ck = dir.resolve("ck");
        runAll(ck, ds, 0, 6);
        EmbeddingResult reference;
        try (CheckpointStore store = CheckpointStore.open(ck, D, KEY)) {
            reference = store.assemble(ds);
        }
        Path clean = dir.resolve("clean");
        runAll(clean, ds, 0, 2);
        long secondRecord = Files.size(clean.resolve(CheckpointStore.FILE_NAME));
        byte[] bytes = Files.readAllBytes(ck.resolve(CheckpointStore.FILE_NAME));
        bytes[(int) secondRecord + 20] ^= 0x40;
        Files.write(ck.resolve(CheckpointStore.FILE_NAME), bytes);
        try (CheckpointStore store = CheckpointStore.open(ck, D, KEY)) {
            assertEquals(5, store.size());
            assertEquals(List.of("E1/img2.dcm", "E1/img3.dcm"),
                    store.remaining(ds).stream().map(ImageRecord::relativePath).toList());
            assertEquals(1, store.corruption().size());
            assertTrue(store.corruption().get(0).contains("is corrupt at offset " + secondRecord)
                    && store.corruption().get(0).contains("not an interrupted write"), store.corruption()::toString);
        }
        runAll(ck, ds, 0, 6);
        try (CheckpointStore store = CheckpointStore.open(ck, D, KEY)) {
            EmbeddingResult r = store.assemble(ds);
            assertArrayEquals(reference.toArray(), r.toArray());
            assertEquals(reference.index(), r.index());
            assertEquals(reference.failures(), r.failures());
        }
    }

    @Test
    void aCorruptLengthFieldMidFileIsReportedAsCorruption() throws Exception {
        Dataset ds = dataset(6);
        Path ck = dir.resolve("ck");
        runAll(ck, ds, 0, 2);
        long secondHalf = Files.size(ck.resolve(CheckpointStore.FILE_NAME));
        runAll(ck, ds, 2, 6);
        byte[] bytes = Files.readAllBytes(ck.resolve(CheckpointStore.FILE_NAME));
        bytes[(int) secondHalf + 3] ^= 0x40;
        Files.write(ck.resolve(CheckpointStore.FILE_NAME), bytes);
        try (CheckpointStore store = CheckpointStore.open(ck, D, KEY)) {
            assertEquals(2, store.size());
            assertEquals(List.of("E1/img2.dcm", "E1/img3.dcm", "E2/img4.dcm", "E2/img5.dcm"),
                    store.remaining(ds).stream().map(ImageRecord::relativePath).toList());
            assertEquals(1, store.corruption().size(), store.corruption()::toString);
            assertTrue(store.corruption().get(0).contains("record length"), store.corruption()::toString);
        }
    }

    @Test
    void resumedRunWritesByteIdenticalOutputs() throws Exception {
        Dataset ds = dataset(12);
        runAll(dir.resolve("a/ck"), ds, 0, 12);
        byte[] uninterrupted;
        try (CheckpointStore store = CheckpointStore.open(dir.resolve("a/ck"), D, KEY)) {
            uninterrupted = outputs(store.assemble(ds), Files.createDirectories(dir.resolve("a/out")));
        }
        // run b: stops after 7 images with half a record written, then resumes
        Path ck = dir.resolve("b/ck");
        runAll(ck, ds, 0, 7);
        byte[] partial = Files.readAllBytes(ck.resolve(CheckpointStore.FILE_NAME));
        runAll(ck, ds, 7, 8);
        byte[] withNext = Files.readAllBytes(ck.resolve(CheckpointStore.FILE_NAME));
        Files.write(ck.resolve(CheckpointStore.FILE_NAME),
                Arrays.copyOf(withNext, partial.length + (withNext.length - partial.length) / 2));
        try (CheckpointStore store = CheckpointStore.open(ck, D, KEY)) {
            assertEquals(7, store.size());
            // the 5 never started, plus image 3, which failed and gets another chance
            assertEquals(6, store.remaining(ds).size());
            assertEquals("E1/img3.dcm", store.remaining(ds).get(0).relativePath());
        }
        runAll(ck, ds, 0, 12);
        try (CheckpointStore store = CheckpointStore.open(ck, D, KEY)) {
            byte[] resumed = outputs(store.assemble(ds), Files.createDirectories(dir.resolve("b/out")));
            assertArrayEquals(uninterrupted, resumed);
        }
    }

    @Test
    void storeOfAnotherRunIsRefusedAndIncompleteAssemblyFails() throws Exception {
        Dataset ds = dataset(4);
        runAll(dir.resolve("ck"), ds, 0, 2);
        MammoException e = assertThrows(MammoException.class,
                () -> CheckpointStore.open(dir.resolve("ck"), D, "model=other"));
        assertEquals(Stage.WRITE, e.stage());
        assertTrue(e.getMessage().contains("written by a run with other arguments"), e.getMessage());
        assertThrows(MammoException.class, () -> CheckpointStore.open(dir.resolve("ck"), D + 1, KEY));
        try (CheckpointStore store = CheckpointStore.open(dir.resolve("ck"), D, KEY)) {
            assertEquals("2 of 4 images are not finished yet",
                    assertThrows(IllegalStateException.class, () -> store.assemble(ds)).getMessage());
        }
    }
}
