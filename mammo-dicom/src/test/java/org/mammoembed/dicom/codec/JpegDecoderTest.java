package org.mammoembed.dicom.codec;

import org.junit.jupiter.api.Test;
import org.mammoembed.core.Stage;
import org.mammoembed.dicom.DicomException;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mammoembed.dicom.codec.Messages.assertMentions;

class JpegDecoderTest {
    private static final String BASELINE = "1.2.840.10008.1.2.4.50";
    private static final String EXTENDED = "1.2.840.10008.1.2.4.51";
    private final JpegDecoder decoder = new JpegDecoder();

    private static PixelFormat format(int rows, int columns, int spp, String photometric) {
        return new PixelFormat(rows, columns, spp, 8, 8, 7, false, photometric, 0);
    }

    @Test
    void grayJpegWrittenByTheJdkDecodesCloseToItsSource() throws Exception {
        BufferedImage source = TestImages.grayRamp(64, 48);
        byte[] jpeg = TestImages.jpeg(source, 0.95f);
        DecodedFrame f = decoder.decode(jpeg, format(48, 64, 1, "MONOCHROME2"), BASELINE);
        assertEquals("MONOCHROME2", f.photometric());
        assertEquals(64 * 48, f.samples().length);
        int worst = 0;
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 64; x++) {
                worst = Math.max(worst, Math.abs(f.samples()[y * 64 + x] - source.getRaster().getSample(x, y, 0)));
            }
        }
        assertTrue(worst <= 12, "largest error " + worst);
    }

    @Test
    void jfifColourIsDeliveredAsUntransformedYbrFull() throws Exception {
        byte[] jpeg = TestImages.jpeg(TestImages.rgbBlocks(32, 32), 1.0f);
        DecodedFrame f = decoder.decode(jpeg, format(32, 32, 3, "YBR_FULL_422"), BASELINE);
        assertEquals("YBR_FULL", f.photometric());
        // centre of the red block: JFIF YCbCr of (255, 0, 0) is Y 76, Cb 85, Cr 255
        int[] red = Arrays.copyOfRange(f.samples(), (8 * 32 + 8) * 3, (8 * 32 + 8) * 3 + 3);
        assertEquals(76, red[0], 3);
        assertEquals(85, red[1], 3);
        assertEquals(255, red[2], 3);
        // and the reader's YBR_FULL -> RGB conversion gives back the blue block
        int[] rgb = CorpusCodecConformanceTest.storedValues(f, format(32, 32, 3, "YBR_FULL"));
        int blue = ((24 * 32) + 8) * 3;
        assertEquals(0, rgb[blue], 6);
        assertEquals(0, rgb[blue + 1], 6);
        assertEquals(255, rgb[blue + 2], 6);
    }

    @Test
    void jfifStreamIsYbrEvenWhenTheHeaderSaysRgb() throws Exception {
        byte[] jpeg = TestImages.jpeg(TestImages.rgbBlocks(16, 16), 1.0f);
        assertEquals("YBR_FULL", decoder.decode(jpeg, format(16, 16, 3, "RGB"), BASELINE).photometric());
    }

    @Test
    void colourDecisionFollowsAdobeThenJfifThenComponentIdsThenHeader() {
        int[] numbered = {1, 2, 3};
        int[] named = {'R', 'G', 'B'};
        assertFalse(new JpegHeader(0xC0, 8, 1, 1, numbered, true, 0).isYCbCr("YBR_FULL_422"));
        assertTrue(new JpegHeader(0xC0, 8, 1, 1, named, false, 1).isYCbCr("RGB"));
        assertTrue(new JpegHeader(0xC0, 8, 1, 1, named, true, -1).isYCbCr("RGB"));
        assertFalse(new JpegHeader(0xC0, 8, 1, 1, named, false, -1).isYCbCr("YBR_FULL"));
        assertTrue(new JpegHeader(0xC0, 8, 1, 1, numbered, false, -1).isYCbCr("YBR_FULL_422"));
        assertFalse(new JpegHeader(0xC3, 8, 1, 1, numbered, false, -1).isYCbCr("RGB"));
    }

    @Test
    void sizeDisagreeingWithTheHeaderIsRefusedBeforeDecoding() throws Exception {
        byte[] jpeg = TestImages.jpeg(TestImages.grayRamp(64, 48), 0.9f);
        DicomException e = assertThrows(DicomException.class,
                () -> decoder.decode(jpeg, format(4800, 6400, 1, "MONOCHROME2"), BASELINE));
        assertEquals(Stage.DECODE, e.stage());
        assertMentions(e.getMessage(), "JPEG Baseline", "48 rows x 64 columns x 1", "4800 x 6400 x 1");
    }

    @Test
    void streamCutShortIsRefused() throws Exception {
        byte[] jpeg = TestImages.jpeg(TestImages.grayRamp(64, 48), 0.9f);
        byte[] cut = Arrays.copyOf(jpeg, jpeg.length * 2 / 3);
        // no EOI: appended as libjpeg reads it, but the scan data is still short
        assertMentions(assertThrows(DicomException.class,
                () -> decoder.decode(cut, format(48, 64, 1, "MONOCHROME2"), BASELINE)).getMessage(),
                "JPEG Baseline", "ends early", "truncated", "no EOI");
        // the same cut with an EOI glued on: libjpeg only warns and fills grey, which we refuse
        byte[] glued = Arrays.copyOf(cut, cut.length + 2);
        glued[cut.length] = (byte) 0xFF;
        glued[cut.length + 1] = (byte) 0xD9;
        DicomException e = assertThrows(DicomException.class,
                () -> decoder.decode(glued, format(48, 64, 1, "MONOCHROME2"), BASELINE));
        assertEquals(Stage.DECODE, e.stage());
    }

    @Test
    void strayBytesBetweenMarkerSegmentsAreSkippedAsLibjpegDoes() throws Exception {
        byte[] jpeg = TestImages.jpeg(TestImages.grayRamp(32, 16), 0.9f);
        int dqt = indexOfMarker(jpeg, 0xDB);
        byte[] stray = new byte[jpeg.length + 3];
        System.arraycopy(jpeg, 0, stray, 0, dqt);
        stray[dqt] = 0x12;
        stray[dqt + 1] = 0x34;
        stray[dqt + 2] = (byte) 0xFF; // a fill byte before the marker
        System.arraycopy(jpeg, dqt, stray, dqt + 3, jpeg.length - dqt);
        PixelFormat format = format(16, 32, 1, "MONOCHROME2");
        assertArrayEquals(decoder.decode(jpeg, format, BASELINE).samples(),
                decoder.decode(stray, format, BASELINE).samples());
    }

    @Test
    void twelveBitProgressiveIsRefusedByName() throws Exception {
        byte[] jpeg = TestImages.jpeg(TestImages.grayRamp(16, 16), 0.9f);
        int sof = indexOfMarker(jpeg, 0xC0);
        jpeg[sof + 1] = (byte) 0xC2;
        jpeg[sof + 4] = 12;
        DicomException e = assertThrows(DicomException.class, () -> decoder.decode(jpeg,
                new PixelFormat(16, 16, 1, 16, 12, 11, false, "MONOCHROME2", 0), EXTENDED));
        assertMentions(e.getMessage(), "JPEG Extended", "12-bit progressive");
    }

    @Test
    void arithmeticCodingIsRefusedByName() throws Exception {
        byte[] jpeg = TestImages.jpeg(TestImages.grayRamp(16, 16), 0.9f);
        jpeg[indexOfMarker(jpeg, 0xC0) + 1] = (byte) 0xC9;
        assertMentions(assertThrows(DicomException.class, () -> decoder.decode(jpeg,
                format(16, 16, 1, "MONOCHROME2"), BASELINE)).getMessage(), "0xFFC9", "not supported");
    }

    @Test
    void nonJpegAndGarbageAreDicomExceptions() {
        assertMentions(assertThrows(DicomException.class, () -> decoder.decode(new byte[] {1, 2, 3, 4, 5},
                format(1, 1, 1, "MONOCHROME2"), BASELINE)).getMessage(), "SOI");
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 200; i++) {
            byte[] junk = new byte[random.nextInt(400) + 4];
            random.nextBytes(junk);
            junk[0] = (byte) 0xFF;
            junk[1] = (byte) 0xD8;
            assertThrows(DicomException.class, () -> decoder.decode(junk, format(8, 8, 1, "MONOCHROME2"), BASELINE));
        }
    }

    @Test
    void corruptedEntropyDataNeverEscapesAsAnotherException() throws IOException {
        byte[] jpeg = TestImages.jpeg(TestImages.grayRamp(64, 48), 0.9f);
        int sos = indexOfMarker(jpeg, 0xDA);
        java.util.Random random = new java.util.Random(11);
        for (int i = 0; i < 50; i++) {
            byte[] bad = jpeg.clone();
            for (int k = 0; k < 20; k++) {
                bad[sos + 20 + random.nextInt(bad.length - sos - 24)] = (byte) random.nextInt(256);
            }
            try {
                DecodedFrame f = decoder.decode(bad, format(48, 64, 1, "MONOCHROME2"), BASELINE);
                assertEquals(64 * 48, f.samples().length);
            } catch (DicomException expected) {
                assertEquals(Stage.DECODE, expected.stage());
            }
        }
    }

    static int indexOfMarker(byte[] jpeg, int marker) {
        for (int i = 2; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == marker) {
                return i;
            }
        }
        throw new AssertionError("marker 0xFF" + Integer.toHexString(marker) + " not found");
    }
}
