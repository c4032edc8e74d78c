package org.mammoembed.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mammoembed.core.DecodedImage;
import org.mammoembed.core.FrameBuffers;
import org.mammoembed.core.ImageReader;
import org.mammoembed.core.RootConfinedReader;

/**
 * Native 16-bit frames read into {@link FrameBuffers}' arrays: a recycled array is lent to the next frame of its
 * size, and that frame reads exactly as it does into a new array (nothing of the last image is left), in every
 * native encoding and through the reader wrappers.
 */
class RecycledFramesTest {
    @TempDir
    Path dir;

    private final DicomFileReader reader = DicomFileReader.create();

    private Path write(String name, String ts, int[] values, boolean signed) {
        DicomAttributes a = DicomFiles.mgHeader().setString(Tag.RESCALE_SLOPE, Vr.DS, "2")
                .setString(Tag.RESCALE_INTERCEPT, Vr.DS, "-100");
        NativePixels.grayscale(2, 3, 16, 12, signed, "MONOCHROME2", values).writeTo(a);
        return DicomFiles.write(dir, name, DicomFiles.writer(ts), a);
    }

    @ParameterizedTest
    @ValueSource(strings = {TransferSyntax.EXPLICIT_VR_LE_UID, TransferSyntax.IMPLICIT_VR_LE_UID,
            TransferSyntax.EXPLICIT_VR_BE_UID, TransferSyntax.DEFLATED_EXPLICIT_VR_LE_UID})
    void theNextFrameOfTheSameSizeReadsIntoTheRecycledArrayAsIntoANewOne(String ts) throws Exception {
        Path first = write("first.dcm", ts, new int[] {0, 1, 2047, 4095, 100, 7}, false);
        Path second = write("second.dcm", ts, new int[] {4095, 0, 12, 13, 14, 4000}, false);
        Path signed = write("signed.dcm", ts, new int[] {-2048, -1, 0, 2047, 5, -7}, true);
        FrameBuffers buffers = new FrameBuffers(1);

        DecodedImage a = reader.read(first, 0, buffers);
        assertArrayEquals(reader.read(first).pixels(), a.pixels());
        assertTrue(a.stored().isPresent(), "a native 16-bit frame is held as its words");
        assertTrue(buffers.recycle(a), "its words came from the buffers");
        assertEquals(1, buffers.idle());

        DecodedImage b = reader.read(second, 0, buffers);
        assertEquals(0, buffers.idle(), "the second frame took the recycled array");
        assertArrayEquals(new float[] {8090, -100, -76, -74, -72, 7900}, b.pixels());
        assertEquals(reader.read(second), b);
        assertThrows(IllegalStateException.class, () -> a.stored().orElseThrow().sample(0),
                "the first image ended when it was recycled");

        assertTrue(buffers.recycle(b));
        DecodedImage c = reader.read(signed, 0, buffers);
        assertEquals(0, buffers.idle());
        assertArrayEquals(new float[] {-4196, -102, -100, 3994, -90, -114}, c.pixels());
    }

    /**
     * Files over 1 MB are mapped to parse their header; a native 16-bit frame is then read from the file, not through
     * the mapping: every value in place, in every native encoding (deflated data sets are inflated in memory instead),
     * for each frame of a multi-frame file, into a recycled array and into a new one.
     */
    @ParameterizedTest
    @ValueSource(strings = {TransferSyntax.EXPLICIT_VR_LE_UID, TransferSyntax.IMPLICIT_VR_LE_UID,
            TransferSyntax.EXPLICIT_VR_BE_UID, TransferSyntax.DEFLATED_EXPLICIT_VR_LE_UID})
    void framesOfLargeFilesAreReadFromTheFile(String ts) throws Exception {
        int rows = 700;
        int columns = 500;
        int frames = 3;
        int[] values = new int[frames * rows * columns];
        java.util.Random r = new java.util.Random(7);
        for (int i = 0; i < values.length; i++) {
            values[i] = r.nextInt(4096);
        }
        DicomAttributes a = DicomFiles.mgHeader();
        new NativePixels(rows, columns, 1, 16, 12, false, "MONOCHROME2", 0, frames, values).writeTo(a);
        Path f = DicomFiles.write(dir, "large.dcm", DicomFiles.writer(ts), a);
        assertTrue(java.nio.file.Files.size(f) > 1 << 20, "over the size read into the heap whole");
        FrameBuffers buffers = new FrameBuffers(1);
        for (int frame = 0; frame < frames; frame++) {
            DecodedImage plain = reader.read(f, frame);
            DecodedImage recycled = reader.read(f, frame, buffers);
            float[] pixels = plain.pixels();
            for (int i = 0; i < rows * columns; i++) {
                assertEquals(values[frame * rows * columns + i], pixels[i], "frame " + frame + ", pixel " + i);
            }
            assertEquals(plain, recycled);
            assertTrue(buffers.recycle(recycled));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"root-confined", "first-accepting"})
    void theReaderWrappersPassTheBuffersOn(String wrapper) throws Exception {
        Path first = write("first.dcm", TransferSyntax.EXPLICIT_VR_LE_UID, new int[] {0, 1, 2, 3, 4, 5}, false);
        ImageReader wrapped = wrapper.equals("root-confined") ? RootConfinedReader.of(reader, dir)
                : org.mammoembed.core.ImageReaders.named("auto");
        FrameBuffers buffers = new FrameBuffers(1);
        DecodedImage a = wrapped.read(first, 0, buffers);
        assertTrue(buffers.recycle(a), "the words came from the buffers through " + wrapper);
        assertArrayEquals(new float[] {-100, -98, -96, -94, -92, -90}, wrapped.read(first, 0, buffers).pixels());
        assertEquals(0, buffers.idle());
    }
}
