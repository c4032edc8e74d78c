package org.mammoembed.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {
    @TempDir
    Path dir;

    static Path fixture(String name) throws URISyntaxException {
        return Path.of(NpyTest.class.getResource("/npy/" + name).toURI());
    }

    @Test
    void readsMatrixWrittenByNumpy() throws Exception {
        NpyReader.NpyArray a = NpyReader.read(fixture("matrix_3x4.npy"));
        assertArrayEquals(new long[] {3, 4}, a.shape());
        float[][] m = a.toMatrix();
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                assertEquals((4 * i + j) * 0.5f - 1f, m[i][j]);
            }
        }
    }

    @Test
    void readsTensorsAndVectorsOfAnyRank() throws Exception {
        NpyReader.NpyArray t = NpyReader.read(fixture("tensor_1x2x2x3.npy"));
        assertArrayEquals(new long[] {1, 2, 2, 3}, t.shape());
        for (int k = 0; k < 12; k++) {
            assertEquals(k * 0.25f, t.data()[k]);
        }
        NpyReader.NpyArray v = NpyReader.read(fixture("vector_5.npy"));
        assertArrayEquals(new long[] {5}, v.shape());
        assertArrayEquals(new float[] {-0f, -1f, Float.POSITIVE_INFINITY, -3f, -4f}, v.data());
    }

    @Test
    void refusesOtherDtypesAndDamagedFiles() throws Exception {
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> NpyReader.read(fixture("float64_2x2.npy")));
        assertEquals("float64_2x2.npy: unsupported .npy dtype '<f8' (only '<f4' float32)", e.getMessage());
        Path truncated = dir.resolve("t.npy");
        byte[] full = Files.readAllBytes(fixture("matrix_3x4.npy"));
        Files.write(truncated, Arrays.copyOf(full, full.length - 4));
        assertEquals("t.npy: shape [3, 4] needs 176 bytes but the file has 172",
                assertThrows(NpyFormatException.class, () -> NpyReader.read(truncated)).getMessage());
        Path text = dir.resolve("x.npy");
        Files.writeString(text, "hello, not numpy");
        assertEquals("x.npy: not a .npy file (missing the \\x93NUMPY magic)",
                assertThrows(NpyFormatException.class, () -> NpyReader.read(text)).getMessage());
    }

    @Test
    void parsesInMemoryBytesLikeFiles() throws Exception {
        NpyReader.NpyArray t = NpyReader.parse("t", Files.readAllBytes(fixture("tensor_1x2x2x3.npy")));
        assertArrayEquals(new long[] {1, 2, 2, 3}, t.shape());
        for (int k = 0; k < 12; k++) {
            assertEquals(k * 0.25f, t.data()[k]);
        }
        byte[] full = Files.readAllBytes(fixture("matrix_3x4.npy"));
        assertEquals("m: shape [3, 4] needs 176 bytes but the file has 180",
                assertThrows(NpyFormatException.class, () -> NpyReader.parse("m", Arrays.copyOf(full, 180)))
                        .getMessage());
        assertEquals("f: unsupported .npy dtype '<f8' (only '<f4' float32)", assertThrows(NpyFormatException.class,
                () -> NpyReader.parse("f", Files.readAllBytes(fixture("float64_2x2.npy")))).getMessage());
    }

    @Test
    void writerHeaderFollowsTheNpySpec() throws Exception {
        Path f = dir.resolve("e.npy");
        try (NpyWriter w = NpyWriter.create(f, 3)) {
            w.append(new float[] {1, 2, 3});
            w.append(new float[] {4, 5, 6});
            w.commit();
        }
        byte[] b = Files.readAllBytes(f);
        assertArrayEquals(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}, Arrays.copyOf(b, 8));
        int headerLength = (b[8] & 0xFF) | (b[9] & 0xFF) << 8;
        assertEquals(0, (10 + headerLength) % 64, "data must start on a 64-byte boundary");
        String dict = new String(b, 10, headerLength, StandardCharsets.US_ASCII);
        assertTrue(dict.endsWith("\n"));
        assertEquals("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", dict.strip());
        ByteBuffer data = ByteBuffer.wrap(b, 10 + headerLength, 24).order(ByteOrder.LITTLE_ENDIAN);
        for (int k = 1; k <= 6; k++) {
            assertEquals((float) k, data.getFloat());
        }
        assertEquals(10 + headerLength + 24, b.length);
    }

    @Test
    void streamedRowsRoundTrip() throws Exception {
        SplittableRandom rnd = new SplittableRandom(7);
        int n = 1000;
        int d = 2048;
        float[] all = new float[n * d];
        for (int i = 0; i < all.length; i++) {
            all[i] = (float) rnd.nextGaussian();
        }
        Path f = dir.resolve("big.npy");
        try (NpyWriter w = NpyWriter.create(f, d)) {
            w.appendRows(all, 0, 3);
            for (int i = 3; i < n; i++) {
                w.append(Arrays.copyOfRange(all, i * d, (i + 1) * d));
            }
            assertEquals(n, w.rows());
            w.commit();
        }
        NpyReader.NpyArray a = NpyReader.read(f);
        assertArrayEquals(new long[] {n, d}, a.shape());
        assertArrayEquals(all, a.data());
    }

    @Test
    void anyShapeRoundTripsThroughOneCallWrite() throws Exception {
        float[] v = new float[2 * 3 * 4];
        for (int i = 0; i < v.length; i++) {
            v[i] = i - 7.25f;
        }
        Path f = dir.resolve("t.npy");
        NpyWriter.write(f, v, 2, 3, 4);
        NpyReader.NpyArray a = NpyReader.read(f);
        assertArrayEquals(new long[] {2, 3, 4}, a.shape());
        assertArrayEquals(v, a.data());
        Path g = dir.resolve("v.npy");
        NpyWriter.write(g, new float[] {1, 2, 3}, 3);
        byte[] b = Files.readAllBytes(g);
        assertEquals("{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }",
                new String(b, 10, 118, StandardCharsets.US_ASCII).strip());
        assertArrayEquals(new float[] {1, 2, 3}, NpyReader.read(g).data());
        assertEquals("shape [2, 2] holds 4 values, got 3", assertThrows(IllegalArgumentException.class,
                () -> NpyWriter.write(dir.resolve("bad.npy"), new float[3], 2, 2)).getMessage());
        assertFalse(Files.exists(dir.resolve("bad.npy")));
    }

    @Test
    void uncommittedWriterLeavesNothing() throws Exception {
        Path f = dir.resolve("gone.npy");
        assertThrows(IllegalStateException.class, () -> {
            try (NpyWriter w = NpyWriter.create(f, 2)) {
                w.append(new float[] {1, 2});
                throw new IllegalStateException("engine failed");
            }
        });
        assertFalse(Files.exists(f));
        try (var s = Files.list(dir)) {
            assertEquals(0, s.count(), "the temporary file is removed too");
        }
    }

    @Test
    void numpyLoadsWhatWeWrite() throws Exception {
        assumeTrue(pythonHasNumpy(), "python3 with numpy not installed");
        Path f = dir.resolve("py.npy");
        try (NpyWriter w = NpyWriter.create(f, 2)) {
            w.append(new float[] {1.5f, -2f});
            w.append(new float[] {Float.MAX_VALUE, 0.1f});
            w.append(new float[] {3f, 4f});
            w.commit();
        }
        String script = "import numpy as np,sys; a=np.load(sys.argv[1]); "
                + "print(a.dtype, a.shape, a[0,0], a[0,1], a[1,1], a[2].sum())";
        Process p = new ProcessBuilder("python3", "-c", script, f.toString()).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals("float32 (3, 2) 1.5 -2.0 0.1 7.0", out);
    }

    private static boolean pythonHasNumpy() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import numpy").redirectErrorStream(true).start();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
