package org.mammoembed.dicom.codec;

import org.junit.jupiter.api.Test;
import org.mammoembed.core.Stage;
import org.mammoembed.dicom.DicomException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import javax.imageio.IIOImage;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mammoembed.dicom.codec.Messages.assertMentions;

/**
 * Our sequential DCT decoder, judged against the JDK's libjpeg on streams the JDK's writer made: at 8 bits
 * directly, and at 12 bits by relabelling an 8-bit stream's precision, which (A.3.1 level shift) must give the
 * same pixels moved up by 2048 - 128.
 */
class SequentialDctDecoderTest {
    private static final String BASELINE = "1.2.840.10008.1.2.4.50";
    private static final String EXTENDED = "1.2.840.10008.1.2.4.51";
    private final JpegDecoder viaLibjpeg = new JpegDecoder();

    /** An 8-bit baseline ramp relabelled as a 12-bit extended stream (our decoder's, not libjpeg's). */
    private static byte[] twelveBitRamp() throws java.io.IOException {
        byte[] jpeg = TestImages.jpeg(TestImages.grayRamp(48, 32), 0.9f);
        int sof = JpegDecoderTest.indexOfMarker(jpeg, 0xC0);
        jpeg[sof + 1] = (byte) 0xC1;
        jpeg[sof + 4] = 12;
        return jpeg;
    }

    private static PixelFormat gray8(int rows, int columns) {
        return new PixelFormat(rows, columns, 1, 8, 8, 7, false, "MONOCHROME2", 0);
    }

    @Test
    void eightBitGrayMatchesLibjpeg() throws Exception {
        byte[] jpeg = TestImages.jpeg(TestImages.grayRamp(61, 45), 0.8f);
        int[] ours = SequentialDctDecoder.decode(jpeg, BASELINE);
        int[] libjpeg = viaLibjpeg.decode(jpeg, gray8(45, 61), BASELINE).samples();
        assertTrue(maxDifference(ours, libjpeg) <= 2, "largest difference " + maxDifference(ours, libjpeg));
    }

    @Test
    void subsampledColourMatchesLibjpegAwayFromColourEdges() throws Exception {
        // the JDK writes 3-component JFIF with 2x2 chroma subsampling; colour edges on 16-pixel MCU boundaries
        byte[] jpeg = TestImages.jpeg(TestImages.rgbBlocks(64, 32), 0.9f);
        int[] ours = SequentialDctDecoder.decode(jpeg, BASELINE);
        int[] libjpeg = viaLibjpeg.decode(jpeg, new PixelFormat(32, 64, 3, 8, 8, 7, false, "YBR_FULL_422", 0),
                BASELINE).samples();
        int lumaWorst = 0;
        int chromaWorst = 0;
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 64; x++) {
                int i = (y * 64 + x) * 3;
                lumaWorst = Math.max(lumaWorst, Math.abs(ours[i] - libjpeg[i]));
                // libjpeg upsamples chroma with a triangle filter, we replicate: they agree away from colour edges
                if (Math.abs(x - 31.5) > 2 && Math.abs(y - 15.5) > 2) {
                    chromaWorst = Math.max(chromaWorst, Math.max(Math.abs(ours[i + 1] - libjpeg[i + 1]),
                            Math.abs(ours[i + 2] - libjpeg[i + 2])));
                }
            }
        }
        assertTrue(lumaWorst <= 2, "luminance difference " + lumaWorst);
        assertTrue(chromaWorst <= 3, "chroma difference away from edges " + chromaWorst);
    }

    @Test
    void restartIntervalsAreFollowed() throws Exception {
        BufferedImage image = TestImages.grayRamp(64, 40);
        byte[] jpeg = jpegWithRestartInterval(image, 3);
        assertTrue(indexOf(jpeg, 0xDD) > 0, "the writer put a DRI segment in");
        assertTrue(indexOf(jpeg, 0xD1) > 0, "and RST markers");
        int[] ours = SequentialDctDecoder.decode(jpeg, BASELINE);
        int[] libjpeg = viaLibjpeg.decode(jpeg, gray8(40, 64), BASELINE).samples();
        assertTrue(maxDifference(ours, libjpeg) <= 2, "largest difference " + maxDifference(ours, libjpeg));
    }

    @Test
    void twelveBitStreamIsLevelShiftedBy2048() throws Exception {
        byte[] jpeg = TestImages.jpeg(TestImages.grayRamp(48, 32), 1.0f);
        int[] eightBit = viaLibjpeg.decode(jpeg, gray8(32, 48), BASELINE).samples();
        byte[] twelve = jpeg.clone();
        int sof = JpegDecoderTest.indexOfMarker(twelve, 0xC0);
        twelve[sof + 1] = (byte) 0xC1;
        twelve[sof + 4] = 12;
        DecodedFrame f = viaLibjpeg.decode(twelve, new PixelFormat(32, 48, 1, 16, 12, 11, false, "MONOCHROME2", 0),
                EXTENDED);
        assertEquals("MONOCHROME2", f.photometric());
        int compared = 0;
        for (int i = 0; i < eightBit.length; i++) {
            if (eightBit[i] > 2 && eightBit[i] < 253) { // libjpeg clamps 8-bit output at 0 and 255
                assertEquals(eightBit[i] + 2048 - 128, f.samples()[i], 2, "pixel " + i);
                compared++;
            }
        }
        assertTrue(compared > eightBit.length / 2);
    }

    @Test
    void truncatedTwelveBitScanIsRefused() throws Exception {
        byte[] jpeg = twelveBitRamp();
        byte[] cut = Arrays.copyOf(jpeg, jpeg.length - 40);
        cut[cut.length - 2] = (byte) 0xFF;
        cut[cut.length - 1] = (byte) 0xD9;
        DicomException e = assertThrows(DicomException.class, () -> viaLibjpeg.decode(cut,
                new PixelFormat(32, 48, 1, 16, 12, 11, false, "MONOCHROME2", 0), EXTENDED));
        assertEquals(Stage.DECODE, e.stage());
        assertMentions(e.getMessage(), "JPEG Extended", "ends early");
    }

    @Test
    void huffmanTableWithMoreCodesThanItsLengthHoldsIsRefused() throws Exception {
        byte[] jpeg = twelveBitRamp();
        overfillOneBitCodes(jpeg, JpegDecoderTest.indexOfMarker(jpeg, 0xC4));
        DicomException e = assertThrows(DicomException.class, () -> viaLibjpeg.decode(jpeg,
                new PixelFormat(32, 48, 1, 16, 12, 11, false, "MONOCHROME2", 0), EXTENDED));
        assertEquals(Stage.DECODE, e.stage());
        assertMentions(e.getMessage(), "Huffman table", "1 bits than fit");
    }

    /**
     * Moves three codes of the DHT segment at {@code dht} (its first table) to length 1, where two fit at most,
     * keeping the segment's length and value count as they were.
     */
    static void overfillOneBitCodes(byte[] jpeg, int dht) {
        int bits = dht + 5;
        for (int length = 2; length <= 16; length++) {
            if ((jpeg[bits + length - 1] & 0xFF) >= 3 - (jpeg[bits] & 0xFF)) {
                jpeg[bits + length - 1] -= (byte) (3 - jpeg[bits]);
                jpeg[bits] = 3;
                return;
            }
        }
        throw new AssertionError("no code length to take three codes from");
    }

    @Test
    void corruptTwelveBitDataNeverEscapesAsAnotherException() throws Exception {
        byte[] jpeg = twelveBitRamp();
        int sof = JpegDecoderTest.indexOfMarker(jpeg, 0xC1);
        java.util.Random random = new java.util.Random(5);
        for (int i = 0; i < 200; i++) {
            byte[] bad = jpeg.clone();
            for (int k = 0; k < 8; k++) {
                int at = 2 + random.nextInt(bad.length - 4);
                if (at != sof + 1 && at != sof + 4) {
                    bad[at] = (byte) random.nextInt(256);
                }
            }
            try {
                SequentialDctDecoder.decode(bad, EXTENDED);
            } catch (DicomException expected) {
                assertEquals(Stage.DECODE, expected.stage());
            }
        }
    }

    /** The JDK writer with a DRI node added to its native metadata (javax_imageio_jpeg_image_1.0). */
    private static byte[] jpegWithRestartInterval(BufferedImage image, int interval) throws Exception {
        ImageWriter writer = TestImages.writer("jpeg", "com.sun.imageio.plugins.jpeg.JPEGImageWriter");
        try {
            ImageWriteParam param = writer.getDefaultWriteParam();
            IIOMetadata metadata = writer.getDefaultImageMetadata(new ImageTypeSpecifier(image), param);
            String format = metadata.getNativeMetadataFormatName();
            Element root = (Element) metadata.getAsTree(format);
            Node markers = root.getElementsByTagName("markerSequence").item(0);
            IIOMetadataNode dri = new IIOMetadataNode("dri");
            dri.setAttribute("interval", Integer.toString(interval));
            markers.insertBefore(dri, markers.getFirstChild());
            metadata.setFromTree(format, root);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
                writer.setOutput(out);
                writer.write(null, new IIOImage(image, null, metadata), param);
            }
            return bytes.toByteArray();
        } finally {
            writer.dispose();
        }
    }

    private static int indexOf(byte[] jpeg, int marker) {
        for (int i = 0; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == marker) {
                return i;
            }
        }
        return -1;
    }

    private static int maxDifference(int[] a, int[] b) {
        assertEquals(a.length, b.length);
        int worst = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - b[i]));
        }
        return worst;
    }
}
