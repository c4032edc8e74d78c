package org.mammoembed.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;


import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mammoembed.core.BiRadsDensity;
import org.mammoembed.core.Dataset;
import org.mammoembed.core.EmbeddedImage;
import org.mammoembed.core.EmbeddingResult;
import org.mammoembed.core.ImageRecord;

/**
 * A child JVM appends to a checkpoint and is killed with SIGKILL (destroyForcibly) at several moments; the
 * run is then finished here and must assemble to exactly the uninterrupted result.
 */
class CheckpointKillTest {
    private static final int N = 600;
    private static final int D = 256;
    private static final String KEY = "kill-test";

    @TempDir
    Path dir;

    static Dataset dataset(Path root) {
        List<ImageRecord> images = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            String rel = "E" + (i / 3) + "/" + i + ".dcm";
            images.add(new ImageRecord("E" + (i / 3), BiRadsDensity.ofCode(1 + i % 4), root.resolve(rel), rel, Map.of()));
        }
        return new Dataset(root, images, List.of());
    }

    static float[] feature(int i) {
        float[] f = new float[D];
        for (int d = 0; d < D; d++) {
            f[d] = i + d / 1000f;
        }
        return f;
    }

    /** Child process: appends every unfinished image, syncing after each, until done or killed. */
    public static void main(String[] args) throws Exception {
        Path ck = Path.of(args[0]);
        Dataset ds = dataset(ck);
        try (CheckpointStore store = CheckpointStore.open(ck, D, KEY);
             CheckpointSink sink = new CheckpointSink(store, 1)) {
            for (int i = 0; i < N; i++) {
                ImageRecord r = ds.images().get(i);
                if (!store.isDone(r.relativePath())) {
                    sink.accept(new EmbeddedImage(-1, r, "CC", "R"), feature(i));
                }
            }
        }
    }

    @Test
    void killedRunsResumeToTheUninterruptedResult() throws Exception {
        Path ck = dir.resolve("ck");
        Path file = ck.resolve(CheckpointStore.FILE_NAME);
        long recordBytes = D * 4L + 40;
        int kills = 0;
        for (long target : new long[] {N / 8 * recordBytes, N / 3 * recordBytes, N / 2 * recordBytes}) {
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), CheckpointKillTest.class.getName(), ck.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
            while (child.isAlive() && (!Files.exists(file) || Files.size(file) < target)) {
                Thread.sleep(2);
            }
            if (child.isAlive()) {
                child.destroyForcibly();
                kills++;
            }
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        assertTrue(kills > 0, "at least one child must have been killed mid-run");
        System.out.println("children killed: " + kills + ", records before the final run: "
                + (Files.size(file) / recordBytes));
        main(new String[] {ck.toString()});
        Dataset ds = dataset(ck);
        try (CheckpointStore store = CheckpointStore.open(ck, D, KEY)) {
            EmbeddingResult r = store.assemble(ds);
            assertEquals(N, r.size());
            float[] expected = new float[N * D];
            for (int i = 0; i < N; i++) {
                System.arraycopy(feature(i), 0, expected, i * D, D);
            }
            assertArrayEquals(expected, r.toArray());
        }
    }
}
