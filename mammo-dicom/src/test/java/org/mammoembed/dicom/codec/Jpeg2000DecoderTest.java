package org.mammoembed.dicom.codec;

import com.github.jaiimageio.jpeg2000.J2KImageWriteParam;
import org.junit.jupiter.api.Test;
import org.mammoembed.core.Stage;
import org.mammoembed.dicom.DicomException;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.time.Duration;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.mammoembed.dicom.codec.Messages.assertMentions;

class Jpeg2000DecoderTest {
    private static final String LOSSLESS = "1.2.840.10008.1.2.4.90";
    private static final String WRITER = "com.github.jaiimageio.jpeg2000.impl.J2KImageWriter";
    private final Jpeg2000Decoder decoder = new Jpeg2000Decoder();

    private static byte[] encodeLossless(BufferedImage image, boolean codestreamOnly, boolean componentTransform)
            throws IOException {
        J2KImageWriteParam param = new J2KImageWriteParam();
        param.setLossless(true);
        param.setWriteCodeStreamOnly(codestreamOnly);
        param.setComponentTransformation(componentTransform);
        return TestImages.write(image, "jpeg2000", WRITER, param);
    }

    private static BufferedImage twelveBitNoise(int width, int height, long seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_USHORT_GRAY);
        Random random = new Random(seed);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.getRaster().setSample(x, y, 0, (x * 60 + y * 3 + random.nextInt(200)) & 0xFFF);
            }
        }
        return image;
    }

    private static int[] samples(BufferedImage image) {
        WritableRaster r = image.getRaster();
        return r.getPixels(0, 0, r.getWidth(), r.getHeight(), (int[]) null);
    }

    private static PixelFormat gray16(int rows, int columns, boolean signed) {
        return new PixelFormat(rows, columns, 1, 16, 16, 15, signed, "MONOCHROME2", 0);
    }

    @Test
    void losslessSixteenBitCodestreamRoundTripsExactly() throws Exception {
        BufferedImage source = twelveBitNoise(37, 29, 1);
        byte[] j2k = encodeLossless(source, true, false);
        assertEquals(0xFF4F, (j2k[0] & 0xFF) << 8 | (j2k[1] & 0xFF), "a raw codestream starts with SOC");
        DecodedFrame f = decoder.decode(j2k, gray16(29, 37, false), LOSSLESS);
        assertArrayEquals(samples(source), f.samples());
        assertEquals("MONOCHROME2", f.photometric());
    }

    @Test
    void jp2FileIsDecodedFromItsCodestreamBox() throws Exception {
        BufferedImage source = twelveBitNoise(20, 24, 2);
        byte[] jp2 = encodeLossless(source, false, false);
        assertEquals(0x6A502020, ((jp2[4] & 0xFF) << 24 | (jp2[5] & 0xFF) << 16 | (jp2[6] & 0xFF) << 8
                | (jp2[7] & 0xFF)), "a JP2 file starts with its signature box");
        assertArrayEquals(samples(source), decoder.decode(jp2, gray16(24, 20, false), LOSSLESS).samples());
    }

    @Test
    void signedSamplesComeBackSignExtended() throws Exception {
        ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), new int[] {16},
                false, false, Transparency.OPAQUE, DataBuffer.TYPE_SHORT);
        WritableRaster raster = model.createCompatibleWritableRaster(16, 8);
        for (int i = 0; i < 16 * 8; i++) {
            raster.setSample(i % 16, i / 16, 0, (i - 64) * 250);
        }
        BufferedImage source = new BufferedImage(model, raster, false, null);
        DecodedFrame f = decoder.decode(encodeLossless(source, true, false), gray16(8, 16, true), LOSSLESS);
        assertEquals(-64 * 250, f.samples()[0]);
        assertArrayEquals(samples(source), f.samples());
    }

    @Test
    void reversibleComponentTransformIsUndoneAndReportedAsRgb() throws Exception {
        BufferedImage source = TestImages.rgbBlocks(24, 16);
        source.getRaster().setPixel(3, 5, new int[] {12, 200, 77});
        byte[] j2k = encodeLossless(source, true, true);
        DecodedFrame f = decoder.decode(j2k, new PixelFormat(16, 24, 3, 8, 8, 7, false, "YBR_RCT", 0), LOSSLESS);
        assertEquals("RGB", f.photometric());
        assertArrayEquals(samples(source), f.samples());
    }

    @Test
    void truncatedCodestreamIsRefusedWithoutJj2000PrintingOrKillingTheThread() throws Exception {
        byte[] j2k = encodeLossless(twelveBitNoise(64, 64, 3), true, false);
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true));
        try {
            for (double keep : new double[] {0.9, 0.5, 0.1}) {
                byte[] cut = Arrays.copyOf(j2k, (int) (j2k.length * keep));
                DicomException e = assertThrows(DicomException.class,
                        () -> decoder.decode(cut, gray16(64, 64, false), LOSSLESS));
                assertEquals(Stage.DECODE, e.stage());
                assertMentions(e.getMessage(), "JPEG 2000 Image Compression (Lossless Only)", "truncated");
            }
        } finally {
            System.setErr(err);
        }
        assertEquals("", captured.toString(), "nothing may be printed");
    }

    @Test
    void sizeDisagreeingWithTheHeaderIsRefusedBeforeDecoding() throws Exception {
        byte[] j2k = encodeLossless(twelveBitNoise(10, 10, 4), true, false);
        assertMentions(assertThrows(DicomException.class, () -> decoder.decode(j2k, gray16(30000, 30000, false),
                LOSSLESS)).getMessage(), "10 rows x 10 columns x 1", "30000 x 30000 x 1");
    }

    @Test
    void nonJ2kDataIsRefused() {
        assertMentions(assertThrows(DicomException.class, () -> decoder.decode(new byte[] {(byte) 0xFF, (byte) 0xD8,
                0, 0}, gray16(1, 1, false), LOSSLESS)).getMessage(), "neither a JPEG 2000 codestream");
    }

    @Test
    void corruptedPacketDataNeverEscapesAsAnotherException() throws Exception {
        byte[] j2k = encodeLossless(twelveBitNoise(48, 40, 5), true, false);
        Random random = new Random(9);
        PrintStream err = System.err;
        System.setErr(new PrintStream(new ByteArrayOutputStream(), true)); // JJ2000 may print for bad packets
        try {
            for (int i = 0; i < 30; i++) {
                byte[] bad = j2k.clone();
                for (int k = 0; k < 10; k++) {
                    bad[bad.length / 2 + random.nextInt(bad.length / 2 - 2)] = (byte) random.nextInt(256);
                }
                try {
                    assertEquals(48 * 40, decoder.decode(bad, gray16(40, 48, false), LOSSLESS).samples().length);
                } catch (DicomException expected) {
                    assertEquals(Stage.DECODE, expected.stage());
                }
            }
        } finally {
            System.setErr(err);
        }
    }

    @Test
    void markerBytesInPacketDataEndTheDecodeInsteadOfSpinningForever() throws Exception {
        // runs of 0xFF in the packet data made JJ2000's packet header bit reader re-read one byte forever
        byte[] j2k = encodeLossless(twelveBitNoise(64, 64, 6), true, false);
        Random random = new Random(11);
        PrintStream err = System.err;
        System.setErr(new PrintStream(new ByteArrayOutputStream(), true));
        try {
            for (int i = 0; i < 40; i++) {
                byte[] bad = j2k.clone();
                int at = 200 + random.nextInt(bad.length - 260);
                int run = 2 + random.nextInt(40);
                for (int k = at; k < at + run; k++) {
                    bad[k] = random.nextBoolean() ? (byte) 0xFF : (byte) random.nextInt(256);
                }
                bad[at] = (byte) 0xFF;
                bad[at + 1] = (byte) 0xFF;
                DicomException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
                        () -> assertThrows(DicomException.class,
                                () -> decoder.decode(bad, gray16(64, 64, false), LOSSLESS)));
                assertMentions(e.getMessage(), "marker code 0xFFFF");
            }
        } finally {
            System.setErr(err);
        }
    }

    @Test
    void jj2000InputSignalsTheEndOfTheDataWithAnException() throws Exception {
        // JJ2000 expects EOFException from read(); a -1 became a bit buffer of all ones and an endless loop
        try (Jj2000Input in = new Jj2000Input(new byte[] {1, 2, 3, 4}, 1, 2)) {
            assertEquals(2, in.length());
            assertEquals(2, in.read());
            assertEquals(3, in.read());
            assertThrows(EOFException.class, in::read);
            assertEquals(-1, in.read(new byte[4], 0, 4));
            in.seek(0);
            byte[] b = new byte[4];
            assertEquals(2, in.read(b, 0, 4));
            assertArrayEquals(new byte[] {2, 3, 0, 0}, b);
        }
    }
}
