package org.mammoembed.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.mammoembed.core.DecodedImage;
import org.mammoembed.core.ImageMetadata;
import org.mammoembed.core.Photometric;
import org.mammoembed.core.Stage;

/** Files written by {@link DicomWriter} in every native encoding, read back with values computed by hand. */
class DicomFileReaderTest {
    @TempDir
    Path dir;

    private final DicomFileReader reader = DicomFileReader.create();

    private static final int[] GRAY_2x3 = {0, 1, 2047, 4095, 100, 7};

    @ParameterizedTest
    @ValueSource(strings = {TransferSyntax.EXPLICIT_VR_LE_UID, TransferSyntax.IMPLICIT_VR_LE_UID,
            TransferSyntax.EXPLICIT_VR_BE_UID, TransferSyntax.DEFLATED_EXPLICIT_VR_LE_UID})
    void readsEveryNativeEncodingWithRescale(String ts) throws Exception {
        DicomAttributes a = DicomFiles.mgHeader()
                .setString(Tag.RESCALE_SLOPE, Vr.DS, "2")
                .setString(Tag.RESCALE_INTERCEPT, Vr.DS, "-100");
        NativePixels.grayscale(2, 3, 16, 12, false, "MONOCHROME2", GRAY_2x3).writeTo(a);
        Path f = DicomFiles.write(dir, "a.dcm", DicomFiles.writer(ts), a);
        DecodedImage img = reader.read(f);
        assertArrayEquals(new float[] {-100, -98, 3994, 8090, 100, -86}, img.pixels());
        assertEquals(Photometric.MONOCHROME2, img.photometric());
        assertEquals(ts, img.metadata().transferSyntaxUid());
        assertEquals("MG", img.metadata().modality());
        assertTrue(reader.isDicom(f));
    }

    @Test
    void readsFilesWithoutPreambleAndWithoutMetaGroup() throws Exception {
        DicomAttributes a = DicomFiles.mgHeader();
        NativePixels.grayscale(2, 3, 16, 12, false, "MONOCHROME2", GRAY_2x3).writeTo(a);
        Path noPreamble = DicomFiles.write(dir, "np.dcm", DicomWriter.builder().preamble(false).build(), a);
        Path noMeta = DicomFiles.write(dir, "nm.dcm", DicomWriter.builder().preamble(false).fileMetaInformation(false)
                .transferSyntax(TransferSyntax.IMPLICIT_VR_LE_UID).build(), a);
        for (Path f : new Path[] {noPreamble, noMeta}) {
            assertArrayEquals(new float[] {0, 1, 2047, 4095, 100, 7}, reader.read(f).pixels(), f.toString());
        }
        assertEquals(TransferSyntax.IMPLICIT_VR_LE_UID, reader.readMetadata(noMeta).transferSyntaxUid());
        assertEquals(DicomFiles.MG_SOP_CLASS, reader.readMetadata(noMeta).sopClassUid());
    }

    @Test
    void signedSamplesAreSignExtendedFromBitsStored() throws Exception {
        DicomAttributes a = DicomFiles.mgHeader();
        NativePixels.grayscale(1, 4, 16, 12, true, "MONOCHROME2", new int[] {-2048, -1, 0, 2047}).writeTo(a);
        Path f = DicomFiles.write(dir, "s.dcm", DicomWriter.builder().build(), a);
        assertArrayEquals(new float[] {-2048, -1, 0, 2047}, reader.read(f).pixels());
    }

    @Test
    void bitsAboveHighBitAreMasked() throws Exception {
        // 12 bits stored, high bits 12..15 set as an overlay would: 0xF005 must read as 5, 0x1FFF as 4095
        DicomAttributes a = DicomFiles.mgHeader();
        NativePixels.grayscale(1, 2, 16, 12, false, "MONOCHROME2", new int[] {0, 0}).writeTo(a);
        a.setBytes(Tag.PIXEL_DATA, Vr.OW, new byte[] {0x05, (byte) 0xF0, (byte) 0xFF, 0x1F});
        Path f = DicomFiles.write(dir, "m.dcm", DicomWriter.builder().build(), a);
        assertArrayEquals(new float[] {5, 4095}, reader.read(f).pixels());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void rgbPlanarConfigurationsGiveTheSameInterleavedPixels(int planar) throws Exception {
        int[] rgb = {10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120};
        DicomAttributes a = DicomFiles.mgHeader();
        new NativePixels(2, 2, 3, 8, 8, false, "RGB", planar, 1, rgb).writeTo(a);
        Path f = DicomFiles.write(dir, "rgb.dcm", DicomWriter.builder().build(), a);
        DecodedImage img = reader.read(f);
        assertEquals(Photometric.RGB, img.photometric());
        assertArrayEquals(new float[] {10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120}, img.pixels());
    }

    @Test
    void nativeYbrFull422IsExpandedAndConvertedToRgb() throws Exception {
        // two pixels: Y1=100 Y2=50 Cb=128 Cr=228. R = Y + 1.402*100; G = Y - 0.714136*100; B = Y
        DicomAttributes a = DicomFiles.mgHeader();
        new NativePixels(1, 2, 3, 8, 8, false, "YBR_FULL_422", 0, 1, new int[6]).writeTo(a);
        a.setBytes(Tag.PIXEL_DATA, Vr.OB, new byte[] {100, 50, (byte) 128, (byte) 228});
        Path f = DicomFiles.write(dir, "ybr.dcm", DicomWriter.builder().build(), a);
        DecodedImage img = reader.read(f);
        assertArrayEquals(new float[] {240, 29, 100, 190, 0, 50}, img.pixels());
    }

    @Test
    void framesAreSelectedAndOutOfRangeFramesRefused() throws Exception {
        int[] samples = new int[3 * 4];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = i * 10;
        }
        DicomAttributes a = DicomFiles.mgHeader();
        new NativePixels(2, 2, 1, 8, 8, false, "MONOCHROME2", 0, 3, samples).writeTo(a);
        Path f = DicomFiles.write(dir, "mf.dcm", DicomWriter.builder().build(), a);
        assertArrayEquals(new float[] {0, 10, 20, 30}, reader.read(f).pixels());
        assertArrayEquals(new float[] {80, 90, 100, 110}, reader.read(f, 2).pixels());
        assertEquals(3, reader.readMetadata(f).frames());
        DicomException e = assertThrows(DicomException.class, () -> reader.read(f, 3));
        assertEquals(Stage.DECODE, e.stage());
        assertTrue(e.getMessage().contains("frame 3") && e.getMessage().contains("3 frames"), e.getMessage());
    }

    @Test
    void oneBitFramesArePackedAcrossByteBoundaries() throws Exception {
        // 3 frames of 1x3 pixels = 9 bits: frame 1 starts at bit 3 of byte 0
        DicomAttributes a = DicomFiles.mgHeader();
        new NativePixels(1, 3, 1, 8, 1, false, "MONOCHROME2", 0, 1, new int[3]).writeTo(a);
        a.setInts(Tag.BITS_ALLOCATED, Vr.US, 1).setInts(Tag.BITS_STORED, Vr.US, 1).setInts(Tag.HIGH_BIT, Vr.US, 0)
                .setInts(Tag.NUMBER_OF_FRAMES, Vr.IS, 3)
                .setBytes(Tag.PIXEL_DATA, Vr.OB, new byte[] {(byte) 0b1011_0101, 0b0000_0001});
        Path f = DicomFiles.write(dir, "bits.dcm", DicomWriter.builder().build(), a);
        assertArrayEquals(new float[] {1, 0, 1}, reader.read(f, 0).pixels());
        assertArrayEquals(new float[] {0, 1, 1}, reader.read(f, 1).pixels());
        assertArrayEquals(new float[] {0, 1, 1}, reader.read(f, 2).pixels());
    }

    @Test
    void headerOnlyReadDoesNotNeedPixelData() throws Exception {
        DicomAttributes a = DicomFiles.mgHeader().setString(Tag.IMAGE_LATERALITY, Vr.CS, "L")
                .setString(Tag.VIEW_POSITION, Vr.CS, "CC").setString(Tag.MANUFACTURER, Vr.LO, "ACME")
                .setString(Tag.PRESENTATION_INTENT_TYPE, Vr.CS, "FOR PRESENTATION")
                .setString(Tag.PIXEL_SPACING, Vr.DS, "0.07", "0.075");
        NativePixels.grayscale(2, 3, 16, 12, false, "MONOCHROME2", GRAY_2x3).writeTo(a);
        Path f = DicomFiles.write(dir, "h.dcm", DicomWriter.builder().build(), a);
        ImageMetadata m = reader.readMetadata(f);
        assertEquals("L", m.laterality());
        assertEquals("CC", m.viewPosition());
        assertEquals("ACME", m.manufacturer());
        assertEquals("FOR PRESENTATION", m.presentationIntent());
        assertArrayEquals(new double[] {0.07, 0.075}, m.pixelSpacing().orElseThrow());
        assertEquals(2, m.rows());
        assertEquals(3, m.columns());
        assertEquals(12, m.bitsStored());
        assertTrue(m.isMammography());
        assertEquals("ACME", m.tag(Tag.MANUFACTURER).orElseThrow());
        assertEquals("12", m.tag(Tag.BITS_STORED).orElseThrow());
        assertFalse(m.toString().contains("Doe"), "toString must not show patient names");
    }

    @Test
    void oneReaderServesManyThreads() throws Exception {
        java.util.List<Path> files = new java.util.ArrayList<>();
        for (int k = 0; k < 4; k++) {
            int[] px = new int[64 * 64];
            for (int i = 0; i < px.length; i++) {
                px[i] = (i * (k + 3)) % 4096;
            }
            DicomAttributes a = DicomFiles.mgHeader();
            NativePixels.grayscale(64, 64, 16, 12, false, "MONOCHROME2", px).writeTo(a);
            files.add(DicomFiles.write(dir, "t" + k + ".dcm", DicomFiles.writer(k % 2 == 0
                    ? TransferSyntax.EXPLICIT_VR_BE_UID : TransferSyntax.DEFLATED_EXPLICIT_VR_LE_UID), a));
        }
        java.util.List<float[]> expected = new java.util.ArrayList<>();
        for (Path f : files) {
            expected.add(reader.read(f).pixels());
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int k = i % files.size();
                results.add(pool.submit(() -> java.util.Arrays.equals(expected.get(k),
                        reader.read(files.get(k)).pixels())));
            }
            for (java.util.concurrent.Future<Boolean> r : results) {
                assertTrue(r.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void explicitVrElementWithUnknownVrIsSkippedByItsLongLength() throws Exception {
        DicomAttributes a = DicomFiles.mgHeader().setBytes(0x00091001, Vr.OB, new byte[] {1, 2, 3, 4, 5, 6});
        NativePixels.grayscale(2, 3, 16, 12, false, "MONOCHROME2", GRAY_2x3).writeTo(a);
        byte[] b = DicomWriter.builder().build().encode(a);
        // (0009,1001) OB -> "ZZ": a VR this reader has never heard of, laid out like every post-2008 VR
        byte[] tagAndVr = {0x09, 0x00, 0x01, 0x10, 'O', 'B'};
        int at = indexOf(b, tagAndVr);
        b[at + 4] = 'Z';
        b[at + 5] = 'Z';
        Path f = DicomFiles.writeBytes(dir, "zz.dcm", b);
        assertArrayEquals(new float[] {0, 1, 2047, 4095, 100, 7}, reader.read(f).pixels());
    }

    @Test
    void oddLengthValuesAreTolerated() throws Exception {
        DicomAttributes a = DicomFiles.mgHeader().setString(Tag.MANUFACTURER, Vr.LO, "ACME");
        NativePixels.grayscale(2, 3, 16, 12, false, "MONOCHROME2", GRAY_2x3).writeTo(a);
        byte[] b = DicomWriter.builder().build().encode(a);
        // rewrite Manufacturer "ACME" (length 4) as "ACM" with the odd length 3, as some writers do
        int at = indexOf(b, new byte[] {0x08, 0x00, 0x70, 0x00, 'L', 'O', 4, 0});
        b[at + 6] = 3;
        byte[] fixed = new byte[b.length - 1];
        System.arraycopy(b, 0, fixed, 0, at + 8 + 3);
        System.arraycopy(b, at + 8 + 4, fixed, at + 8 + 3, b.length - (at + 8 + 4));
        Path f = DicomFiles.writeBytes(dir, "odd.dcm", fixed);
        assertEquals("ACM", reader.readMetadata(f).manufacturer());
        assertArrayEquals(new float[] {0, 1, 2047, 4095, 100, 7}, reader.read(f).pixels());
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (haystack[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("pattern not found");
    }

    @Test
    void isDicomRejectsOtherFiles() {
        Path f = DicomFiles.writeBytes(dir, "x.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 0, 0, 0});
        assertFalse(reader.isDicom(f));
    }
}
