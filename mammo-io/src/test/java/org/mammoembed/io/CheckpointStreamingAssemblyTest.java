package org.mammoembed.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mammoembed.core.BiRadsDensity;
import org.mammoembed.core.Dataset;
import org.mammoembed.core.EmbeddedImage;
import org.mammoembed.core.Failure;
import org.mammoembed.core.ImageRecord;
import org.mammoembed.core.Stage;

/** {@link CheckpointStore#assembleTo}: rows streamed to .npy in dataset order, whatever order they finished in. */
class CheckpointStreamingAssemblyTest {
    private static final int D = 5;

    @TempDir
    Path dir;

    private static float[] feature(int image) {
        float[] f = new float[D];
        for (int d = 0; d < D; d++) {
            f[d] = image * 10 + d + 0.25f;
        }
        return f;
    }

    private Dataset dataset(int n) {
        List<ImageRecord> images = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String rel = "E" + (i / 3) + "/img" + i + ".dcm";
            images.add(new ImageRecord("E" + (i / 3), BiRadsDensity.ofCode(1 + i % 4), dir.resolve(rel), rel,
                    Map.of()));
        }
        return new Dataset(dir, images, List.of());
    }

    @Test
    void streamsRowsInDatasetOrderAndSkipsFailures() throws Exception {
        Dataset ds = dataset(7);
        // finish order differs from dataset order (as with parallel decoding), image 2 and 5 fail
        int[] finishOrder = {6, 0, 3, 2, 1, 5, 4};
        try (CheckpointStore store = CheckpointStore.open(dir.resolve("chk"), D, "key")) {
            for (int i : finishOrder) {
                ImageRecord r = ds.images().get(i);
                if (i == 2 || i == 5) {
                    store.appendFailure(new Failure(r.accessionNumber(), r.relativePath(), Stage.DECODE,
                            "DicomException", "bad image " + i));
                } else {
                    store.append(new EmbeddedImage(-1, r, i % 2 == 0 ? "CC" : "MLO", "R"), feature(i));
                }
                if (i == 3) {
                    store.sync(); // part on disk, part still buffered when assembling
                }
            }
            Path npy = dir.resolve("features.npy");
            CheckpointStore.Assembled a;
            try (NpyWriter w = NpyWriter.create(npy, D)) {
                a = store.assembleTo(ds, w);
                w.commit();
            }
            int[] embedded = {0, 1, 3, 4, 6};
            NpyReader.NpyArray arr = NpyReader.read(npy);
            assertArrayEquals(new long[] {embedded.length, D}, arr.shape());
            assertEquals(embedded.length, a.index().size());
            for (int row = 0; row < embedded.length; row++) {
                float[] got = new float[D];
                System.arraycopy(arr.data(), row * D, got, 0, D);
                assertArrayEquals(feature(embedded[row]), got, "row " + row);
                EmbeddedImage e = a.index().get(row);
                assertEquals(row, e.index());
                assertEquals(ds.images().get(embedded[row]).relativePath(), e.record().relativePath());
                assertEquals(embedded[row] % 2 == 0 ? "CC" : "MLO", e.viewPosition());
            }
            assertEquals(List.of("E0/img2.dcm", "E1/img5.dcm"),
                    a.failures().stream().map(Failure::relativePath).toList());
            assertEquals("bad image 5", a.failures().get(1).message());
        }
    }

    @Test
    void refusesUnfinishedDatasetAndWrongWidth() throws Exception {
        Dataset ds = dataset(3);
        try (CheckpointStore store = CheckpointStore.open(dir.resolve("chk"), D, "key")) {
            store.append(new EmbeddedImage(-1, ds.images().get(0), "CC", "L"), feature(0));
            Path npy = dir.resolve("f.npy");
            try (NpyWriter w = NpyWriter.create(npy, D)) {
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> store.assembleTo(ds, w));
                assertEquals("2 of 3 images are not finished yet", e.getMessage());
                assertEquals(0, w.rows(), "nothing written before the check");
            }
            assertFalse(Files.exists(npy), "uncommitted writer leaves no file");
            try (NpyWriter w = NpyWriter.create(dir.resolve("g.npy"), D + 1)) {
                assertThrows(IllegalArgumentException.class, () -> store.assembleTo(ds, w));
            }
        }
    }
}
