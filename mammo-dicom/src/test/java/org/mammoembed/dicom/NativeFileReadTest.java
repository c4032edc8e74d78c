package org.mammoembed.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mammoembed.core.Stage;

/**
 * Pixel data read from an open file ({@link FileRangeReader}): a native frame's words by
 * {@link NativeFrameReader#readWords16}, chunk by chunk through the staging buffer, in either byte order, and a
 * compressed frame's fragment bytes; a file shorter than its pixel data (one that shrank after it was parsed) is a
 * clean error naming the byte where it ended, never a fault.
 */
class NativeFileReadTest {
    @TempDir
    Path dir;

    private static ImagePixelModule module(int rows, int columns) throws DicomException {
        DicomAttributes a = DicomFiles.mgHeader();
        NativePixels.grayscale(rows, columns, 16, 12, false, "MONOCHROME2", new int[rows * columns]).writeTo(a);
        DicomDataSet ds = new DicomParser(8, 1 << 20).parse("m.dcm", ByteBuffer.wrap(writeToBytes(a))
                .order(ByteOrder.LITTLE_ENDIAN), true).dataSet();
        return ImagePixelModule.of(ds, false, "m.dcm");
    }

    private static byte[] writeToBytes(DicomAttributes a) {
        try {
            Path tmp = Files.createTempFile("module", ".dcm");
            DicomWriter.builder().build().write(tmp, a);
            byte[] bytes = Files.readAllBytes(tmp);
            Files.delete(tmp);
            return bytes;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void wordsAreReadFromTheFileInEitherByteOrderAcrossChunks() throws Exception {
        // 300 x 500 words: 300,000 bytes, more than one 256 KB chunk, after a 10-byte offset
        int rows = 300;
        int columns = 500;
        int n = rows * columns;
        ByteBuffer content = ByteBuffer.allocate(10 + 2 * n);
        for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            content.clear().order(order).position(10);
            for (int i = 0; i < n; i++) {
                content.putShort((short) (i * 7 + 0xF000));
            }
            Path f = dir.resolve(order + ".raw");
            Files.write(f, content.array());
            try (FileChannel ch = FileChannel.open(f)) {
                short[] words = NativeFrameReader.readWords16(null, ch, 10, 2 * n, order, module(rows, columns), 0,
                        "f.dcm", null);
                short[] expected = new short[n];
                for (int i = 0; i < n; i++) {
                    expected[i] = (short) (i * 7 + 0xF000);
                }
                assertArrayEquals(expected, words, order.toString());
            }
        }
    }

    @Test
    void aFileShorterThanItsPixelDataIsACleanDecodeError() throws Exception {
        int rows = 300;
        int columns = 500;
        Path f = dir.resolve("short.raw");
        Files.write(f, new byte[10 + 200_000]); // the frame needs 300,000 bytes after the 10
        try (FileChannel ch = FileChannel.open(f)) {
            DicomException e = assertThrows(DicomException.class, () -> NativeFrameReader.readWords16(null, ch, 10,
                    2 * rows * columns, ByteOrder.LITTLE_ENDIAN, module(rows, columns), 0, "short.dcm", null));
            assertEquals(Stage.DECODE, e.stage());
            assertTrue(e.getMessage().startsWith("short.dcm: the file ended at byte 200010, inside the pixel data"),
                    e.getMessage());
        }
    }

    @Test
    void fragmentBytesAreReadFromTheFileAcrossChunks() throws Exception {
        // 600,001 bytes from offset 13 into an array at 5: three 256 KB chunks, the last odd
        byte[] content = new byte[700_000];
        new java.util.Random(3).nextBytes(content);
        Path f = dir.resolve("fragments.raw");
        Files.write(f, content);
        try (FileChannel ch = FileChannel.open(f)) {
            byte[] out = new byte[5 + 600_001];
            FileRangeReader.readBytes(ch, 13, out, 5, 600_001, "f.dcm");
            assertArrayEquals(java.util.Arrays.copyOfRange(content, 13, 13 + 600_001),
                    java.util.Arrays.copyOfRange(out, 5, out.length));
            DicomException e = assertThrows(DicomException.class,
                    () -> FileRangeReader.readBytes(ch, 650_000, new byte[60_000], 0, 60_000, "f.dcm"));
            assertEquals(Stage.DECODE, e.stage());
            assertTrue(e.getMessage().startsWith("f.dcm: the file ended at byte 700000, inside the pixel data"),
                    e.getMessage());
        }
    }
}
