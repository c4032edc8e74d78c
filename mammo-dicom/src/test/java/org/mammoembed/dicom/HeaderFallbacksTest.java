package org.mammoembed.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mammoembed.core.DecodedImage;
import org.mammoembed.core.ImageMetadata;
import org.mammoembed.core.Stage;
import org.mammoembed.core.VoiAttributes;

/** Where header values come from when the obvious element is missing, and the errors for unusable headers. */
class HeaderFallbacksTest {
    @TempDir
    Path dir;

    private final DicomFileReader reader = DicomFileReader.create();

    private Path write(DicomAttributes a) {
        return DicomFiles.write(dir, "f" + System.nanoTime() + ".dcm", DicomWriter.builder().build(), a);
    }

    private static DicomAttributes withPixels(DicomAttributes a, boolean signed) {
        NativePixels.grayscale(1, 3, 16, 12, signed, "MONOCHROME2", new int[] {0, 1, 2}).writeTo(a);
        return a;
    }

    @Test
    void lateralityFallsBackToLateralityThenFrameLaterality() throws Exception {
        ImageMetadata m1 = reader.readMetadata(write(withPixels(DicomFiles.mgHeader()
                .setString(Tag.LATERALITY, Vr.CS, "R"), false)));
        assertEquals("R", m1.laterality());
        DicomAttributes shared = new DicomAttributes().setSequence(Tag.FRAME_ANATOMY_SEQUENCE,
                new DicomAttributes().setString(Tag.FRAME_LATERALITY, Vr.CS, "L"));
        ImageMetadata m2 = reader.readMetadata(write(withPixels(DicomFiles.mgHeader()
                .setSequence(Tag.SHARED_FUNCTIONAL_GROUPS_SEQUENCE, shared), false)));
        assertEquals("L", m2.laterality());
        ImageMetadata m3 = reader.readMetadata(write(withPixels(DicomFiles.mgHeader()
                .setString(Tag.IMAGE_LATERALITY, Vr.CS, "L").setString(Tag.LATERALITY, Vr.CS, "R"), false)));
        assertEquals("L", m3.laterality());
    }

    @Test
    void viewFallsBackToViewCodeSequenceMeaning() throws Exception {
        ImageMetadata m = reader.readMetadata(write(withPixels(DicomFiles.mgHeader()
                .setSequence(Tag.VIEW_CODE_SEQUENCE, new DicomAttributes()
                        .setString(Tag.CODE_MEANING, Vr.LO, "medio-lateral oblique")), false)));
        assertEquals("medio-lateral oblique", m.viewPosition());
    }

    @Test
    void rescaleAndWindowFromFunctionalGroups() throws Exception {
        DicomAttributes shared = new DicomAttributes()
                .setSequence(Tag.PIXEL_VALUE_TRANSFORMATION_SEQUENCE, new DicomAttributes()
                        .setString(Tag.RESCALE_SLOPE, Vr.DS, "0.5").setString(Tag.RESCALE_INTERCEPT, Vr.DS, "10"))
                .setSequence(Tag.FRAME_VOI_LUT_SEQUENCE, new DicomAttributes()
                        .setString(Tag.WINDOW_CENTER, Vr.DS, "40", "50").setString(Tag.WINDOW_WIDTH, Vr.DS, "400", "500")
                        .setString(Tag.VOI_LUT_FUNCTION, Vr.CS, "SIGMOID"));
        DecodedImage img = reader.read(write(withPixels(DicomFiles.mgHeader()
                .setSequence(Tag.SHARED_FUNCTIONAL_GROUPS_SEQUENCE, shared), false)));
        assertArrayEquals(new float[] {10, 10.5f, 11}, img.pixels());
        assertEquals(2, img.voi().windows().size());
        assertEquals(50, img.voi().windows().get(1).center());
        assertEquals(500, img.voi().windows().get(1).width());
        assertEquals("SIGMOID", img.voi().voiLutFunction());
    }

    @Test
    void modalityLutSequenceMapsStoredValues() throws Exception {
        DicomAttributes lut = new DicomAttributes().setInts(Tag.LUT_DESCRIPTOR, Vr.US, 3, 0, 16)
                .setBytes(Tag.LUT_DATA, Vr.OW, new byte[] {100, 0, (byte) 200, 0, 0x2C, 0x01});
        DecodedImage img = reader.read(write(withPixels(DicomFiles.mgHeader()
                .setSequence(Tag.MODALITY_LUT_SEQUENCE, lut), false)));
        assertArrayEquals(new float[] {100, 200, 300}, img.pixels());
    }

    @Test
    void voiAttributesFromTheHeader() throws Exception {
        DicomAttributes a = withPixels(DicomFiles.mgHeader()
                .setString(Tag.WINDOW_CENTER, Vr.DS, "2048").setString(Tag.WINDOW_WIDTH, Vr.DS, "4096")
                .setString(Tag.WINDOW_EXPLANATION, Vr.LO, "NORMAL")
                .setString(Tag.PRESENTATION_LUT_SHAPE, Vr.CS, "INVERSE")
                .setSequence(Tag.VOI_LUT_SEQUENCE, new DicomAttributes()
                        .setInts(Tag.LUT_DESCRIPTOR, Vr.US, 2, 0, 12)
                        .setBytes(Tag.LUT_DATA, Vr.OW, new byte[] {0, 0, (byte) 0xFF, 0x0F})), true);
        a.setInts(Tag.PIXEL_PADDING_VALUE, Vr.SS, -2000);
        VoiAttributes voi = reader.read(write(a)).voi();
        assertEquals(new VoiAttributes.Window(2048, 4096, "NORMAL"), voi.windows().get(0));
        assertEquals("INVERSE", voi.presentationLutShape().orElseThrow());
        assertEquals(-2000, voi.pixelPaddingValue().getAsDouble());
        assertArrayEquals(new int[] {0, 4095}, voi.voiLuts().get(0).data());
        assertEquals(12, voi.voiLuts().get(0).bitsPerEntry());
    }

    @Test
    void fileWithoutPixelDataIsRefusedWithoutPatientIdentifiers() throws Exception {
        Path f = write(DicomFiles.mgHeader());
        DicomException e = assertThrows(DicomException.class, () -> reader.read(f));
        assertEquals(Stage.READ, e.stage());
        assertTrue(e.getMessage().contains("no pixel data"), e.getMessage());
        assertFalse(e.getMessage().contains("Doe") || e.getMessage().contains("PID-0001"), e.getMessage());
    }

    @Test
    void multiValuedRowsAreRefused() throws Exception {
        DicomAttributes a = withPixels(DicomFiles.mgHeader(), false);
        a.setInts(Tag.ROWS, Vr.US, 1, 0);
        DicomException e = assertThrows(DicomException.class, () -> reader.read(write(a)));
        assertTrue(e.getMessage().contains("Rows"), e.getMessage());
    }

    @Test
    void bitsAllocatedZeroIsRefusedAsAHeaderError() throws Exception {
        // found by MalformedInputPropertiesTest's bit flips: 16 with its one bit cleared passed as a multiple of 8
        DicomAttributes a = withPixels(DicomFiles.mgHeader(), false);
        a.setInts(Tag.BITS_ALLOCATED, Vr.US, 0);
        DicomException e = assertThrows(DicomException.class, () -> reader.read(write(a)));
        assertEquals(Stage.READ, e.stage());
        assertTrue(e.getMessage().contains("invalid Bits Allocated: 0"), e.getMessage());
    }

    @Test
    void deeplyNestedSequencesAreRefused() throws Exception {
        DicomAttributes inner = new DicomAttributes().setString(Tag.CODE_VALUE, Vr.SH, "x");
        for (int i = 0; i < 40; i++) {
            inner = new DicomAttributes().setSequence(0x00540222, inner);
        }
        DicomAttributes a = withPixels(DicomFiles.mgHeader().setSequence(0x00540220, inner), false);
        DicomException e = assertThrows(DicomException.class, () -> reader.read(write(a)));
        assertTrue(e.getMessage().contains("nested deeper than 32"), e.getMessage());
        assertEquals(3, DicomFileReader.builder().maxSequenceDepth(64).build().read(write(a)).pixels().length);
    }

    @Test
    void largeFilesWithShortAndLongHeaders() throws Exception {
        // 1.5 MB of pixels: the file is mapped, and header-only reads try a 256 KiB prefix first
        int[] px = new int[1024 * 768];
        for (int i = 0; i < px.length; i++) {
            px[i] = i % 4096;
        }
        DicomAttributes shortHeader = DicomFiles.mgHeader().setString(Tag.MANUFACTURER, Vr.LO, "SHORT");
        NativePixels.grayscale(1024, 768, 16, 12, false, "MONOCHROME2", px).writeTo(shortHeader);
        DicomAttributes longHeader = DicomFiles.mgHeader().setString(Tag.MANUFACTURER, Vr.LO, "LONG")
                .setBytes(0x00091010, Vr.OB, new byte[400_000]);
        NativePixels.grayscale(1024, 768, 16, 12, false, "MONOCHROME2", px).writeTo(longHeader);
        for (DicomAttributes a : new DicomAttributes[] {shortHeader, longHeader}) {
            Path f = write(a);
            ImageMetadata m = reader.readMetadata(f);
            assertEquals(a.getString(Tag.MANUFACTURER), m.manufacturer());
            assertEquals(1024, m.rows());
            DecodedImage img = reader.read(f);
            assertEquals(4095, img.pixels()[4095]);
            assertEquals((px.length - 1) % 4096, img.pixels()[px.length - 1]);
        }
    }

    @Test
    void inflationAndFrameSizeLimitsAreEnforced() throws Exception {
        // 4 MB of zeros deflate to a few KB: a small file that would inflate past a 1 MiB limit
        DicomAttributes a = withPixels(DicomFiles.mgHeader().setBytes(0x00091010, Vr.OB, new byte[4 << 20]), false);
        Path f = DicomFiles.write(dir, "bomb.dcm", DicomFiles.writer(TransferSyntax.DEFLATED_EXPLICIT_VR_LE_UID), a);
        assertTrue(f.toFile().length() < 100_000);
        DicomException e = assertThrows(DicomException.class,
                () -> DicomFileReader.builder().maxInflatedBytes(1 << 20).build().read(f));
        assertTrue(e.getMessage().contains("maxInflatedBytes"), e.getMessage());
        assertEquals(3, reader.read(f).pixels().length);
        DicomException big = assertThrows(DicomException.class,
                () -> DicomFileReader.builder().maxSamplesPerFrame(2).build().read(f));
        assertTrue(big.getMessage().contains("maxSamplesPerFrame"), big.getMessage());
    }

    @Test
    void builderOptionsAreValidatedWithTheirNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DicomFileReader.builder().maxSequenceDepth(0));
        assertTrue(e.getMessage().contains("maxSequenceDepth") && e.getMessage().contains("0"));
        assertThrows(IllegalArgumentException.class, () -> DicomWriter.builder().transferSyntax("1.2.3"));
        assertThrows(IllegalArgumentException.class, () -> DicomWriter.builder().fileMetaInformation(false).build());
    }
}
