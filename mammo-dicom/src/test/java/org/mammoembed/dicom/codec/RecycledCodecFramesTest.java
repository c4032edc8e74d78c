package org.mammoembed.dicom.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mammoembed.core.DecodedImage;
import org.mammoembed.core.FrameBuffers;
import org.mammoembed.dicom.DicomAttributes;
import org.mammoembed.dicom.DicomFileReader;
import org.mammoembed.dicom.DicomWriter;
import org.mammoembed.dicom.NativePixels;
import org.mammoembed.dicom.Tag;
import org.mammoembed.dicom.TransferSyntax;
import org.mammoembed.dicom.Vr;

/**
 * Encapsulated grayscale frames decoded by the reader into {@link FrameBuffers}' arrays: our lossless JPEG,
 * JPEG-LS and RLE decoders take the array the last image left, and overwrite every word of it. Each frame is read
 * after a native frame of all ones (0xFFFF) of its size was recycled, so a word a decoder left alone, or a bit it
 * or-ed into the old contents, changes the pixels. Large files, whose header is read through a mapping, have their
 * fragments read from the file: checked on frames split over several fragments.
 */
class RecycledCodecFramesTest {
    @TempDir
    Path dir;

    private final DicomFileReader reader = DicomFileReader.create();

    /** One encapsulated file to read into a recycled array. */
    record Encoded(String name, String ts, int rows, int columns, int bitsAllocated, int bitsStored,
                   List<byte[]> fragments) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Encoded> smallFrames() {
        List<Encoded> all = new ArrayList<>();
        int rows = 17;
        int columns = 41;
        for (JpegLsFixtures f : JpegLsFixtures.all()) {
            if (f.decodable() && f.components() == 1) {
                all.add(new Encoded("JPEG-LS " + f.name(), f.transferSyntax(), f.height(), f.width(),
                        f.bits() <= 8 ? 8 : 16, f.bits(), List.of(even(f.stream()))));
            }
        }
        for (int bits : new int[] {8, 12, 16}) {
            int[] samples = random(rows * columns, bits, bits);
            LosslessJpegWriter jpeg = new LosslessJpegWriter();
            jpeg.precision = bits;
            jpeg.predictor = 7;
            all.add(new Encoded("lossless JPEG " + bits + "-bit", TransferSyntax.JPEG_LOSSLESS_SV1_UID, rows, columns,
                    bits <= 8 ? 8 : 16, bits, List.of(even(jpeg.write(samples, rows, columns, 1)))));
            all.add(new Encoded("RLE " + bits + "-bit", TransferSyntax.RLE_LOSSLESS_UID, rows, columns,
                    bits <= 8 ? 8 : 16, bits, List.of(RleFrameWriter.encode(samples, 1, bits <= 8 ? 1 : 2))));
        }
        return all.stream();
    }

    @ParameterizedTest
    @MethodSource("smallFrames")
    void everyWordOfTheRecycledArrayIsOverwritten(Encoded e) throws Exception {
        checkRecycled(e);
    }

    @Test
    void fragmentsOfLargeFilesAreReadFromTheFile() throws Exception {
        int rows = 1000;
        int columns = 800;
        int[] samples = random(rows * columns, 12, 99);
        LosslessJpegWriter jpeg = new LosslessJpegWriter();
        jpeg.precision = 12;
        byte[] jpegStream = jpeg.write(samples, rows, columns, 1);
        byte[] rle = RleFrameWriter.encode(samples, 1, 2);
        for (Encoded e : List.of(
                new Encoded("lossless JPEG", TransferSyntax.JPEG_LOSSLESS_SV1_UID, rows, columns, 16, 12,
                        split(jpegStream, 3)),
                new Encoded("RLE", TransferSyntax.RLE_LOSSLESS_UID, rows, columns, 16, 12, split(rle, 1)))) {
            Path file = checkRecycled(e);
            assertTrue(Files.size(file) > 1 << 20, e + ": over the size read into the heap whole");
            float[] pixels = reader.read(file).pixels();
            for (int i = 0; i < samples.length; i++) {
                assertEquals(samples[i], pixels[i], e + ", pixel " + i);
            }
        }
    }

    /** Reads {@code e} into the array of an all-ones native frame just recycled; returns the file. */
    private Path checkRecycled(Encoded e) throws IOException, org.mammoembed.core.MammoException {
        Path file = write(e);
        int[] ones = new int[e.rows() * e.columns()];
        Arrays.fill(ones, 0xFFFF);
        DicomAttributes poison = header();
        NativePixels.grayscale(e.rows(), e.columns(), 16, 16, false, "MONOCHROME2", ones).writeTo(poison);
        Path poisonFile = dir.resolve("ones-" + e.rows() + "x" + e.columns() + ".dcm");
        DicomWriter.builder().build().write(poisonFile, poison);

        FrameBuffers buffers = new FrameBuffers(1);
        assertTrue(buffers.recycle(reader.read(poisonFile, 0, buffers)), "the native frame's words were lent");
        DecodedImage recycled = reader.read(file, 0, buffers);
        assertEquals(0, buffers.idle(), e + ": the decoder took the recycled array");
        assertArrayEquals(reader.read(file).pixels(), recycled.pixels(), e + ": as decoded into a new array");
        assertTrue(buffers.recycle(recycled), e + ": its words came from the buffers");
        return file;
    }

    private Path write(Encoded e) throws IOException {
        DicomAttributes a = header();
        NativePixels.grayscale(e.rows(), e.columns(), e.bitsAllocated(), e.bitsStored(), false, "MONOCHROME2",
                new int[e.rows() * e.columns()]).writeTo(a);
        a.setEncapsulatedPixelData(new byte[0], e.fragments());
        Path file = dir.resolve(e.name().replace(' ', '-') + ".dcm");
        DicomWriter.builder().transferSyntax(e.ts()).build().write(file, a);
        return file;
    }

    private static DicomAttributes header() {
        return new DicomAttributes()
                .setString(Tag.SOP_CLASS_UID, Vr.UI, "1.2.840.10008.5.1.4.1.1.1.2")
                .setString(Tag.SOP_INSTANCE_UID, Vr.UI, "2.25.77")
                .setString(Tag.MODALITY, Vr.CS, "MG");
    }

    private static int[] random(int n, int bits, long seed) {
        Random r = new Random(seed);
        int[] samples = new int[n];
        for (int i = 0; i < n; i++) {
            // a smooth ramp with noise, as image texture: long codes and short ones
            samples[i] = Math.min((1 << bits) - 1, Math.max(0, (i % 97) * ((1 << bits) - 1) / 97
                    + r.nextInt(1 << Math.max(1, bits - 4)) - (1 << Math.max(0, bits - 5))));
        }
        return samples;
    }

    /** A fragment of even length, as PS3.5 A.4 requires (a JPEG decoder ignores the padding after EOI). */
    private static byte[] even(byte[] stream) {
        return stream.length % 2 == 0 ? stream : Arrays.copyOf(stream, stream.length + 1);
    }

    /** The stream in {@code parts} fragments of even length (one frame: the reader joins them all). */
    private static List<byte[]> split(byte[] stream, int parts) {
        byte[] padded = even(stream);
        List<byte[]> fragments = new ArrayList<>();
        int size = (padded.length / parts + 1) & ~1;
        for (int from = 0; from < padded.length; from += size) {
            fragments.add(Arrays.copyOfRange(padded, from, Math.min(padded.length, from + size)));
        }
        return fragments;
    }
}
