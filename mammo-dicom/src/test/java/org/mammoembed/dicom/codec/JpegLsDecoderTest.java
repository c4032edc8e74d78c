package org.mammoembed.dicom.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mammoembed.core.Stage;
import org.mammoembed.dicom.DicomException;
import org.mammoembed.dicom.TransferSyntax;

/**
 * Decodes streams CharLS encoded (bit depths 2..16, NEAR 0..7, custom LSE presets, ILV 0/1/2, restart
 * markers) and compares with CharLS's own decoding; checks the specific rejections.
 */
class JpegLsDecoderTest {
    private final JpegLsDecoder decoder = new JpegLsDecoder();

    static List<JpegLsFixtures> decodable() {
        return JpegLsFixtures.all().stream().filter(JpegLsFixtures::decodable).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decodable")
    void decodesLikeCharLs(JpegLsFixtures fixture) throws DicomException {
        DecodedFrame frame = decoder.decode(fixture.stream(), fixture.format(), fixture.transferSyntax());
        assertArrayEquals(fixture.expectedSamples(), frame.samples());
        assertEquals(fixture.format().photometric(), frame.photometric());
        assertEquals(frame.sampleCount(), frame.words().length, "delivered as 16-bit words");
    }

    @Test
    void fixturesCoverTheFeatures() {
        List<JpegLsFixtures> all = decodable();
        assertTrue(all.stream().anyMatch(f -> f.bits() == 2));
        assertTrue(all.stream().anyMatch(f -> f.near() > 0 && f.interleave() == 2));
        assertTrue(all.stream().anyMatch(f -> f.name().contains("restart") && f.components() == 3));
        assertTrue(all.stream().anyMatch(f -> f.name().contains("preset")));
    }

    @Test
    void supportsOnlyTheJpegLsTransferSyntaxes() {
        assertTrue(decoder.supports("1.2.840.10008.1.2.4.80"));
        assertTrue(decoder.supports("1.2.840.10008.1.2.4.81"));
        assertFalse(decoder.supports("1.2.840.10008.1.2.4.70"));
        assertFalse(decoder.supports("1.2.840.10008.1.2.4.90"));
    }

    @Test
    void rejectsHpColourTransform() {
        JpegLsFixtures hp = JpegLsFixtures.named("rgb08_ilv2_hp1");
        DicomException e = assertThrows(DicomException.class,
                () -> decoder.decode(hp.stream(), hp.format(), hp.transferSyntax()));
        assertEquals(Stage.DECODE, e.stage());
        assertTrue(e.getMessage().contains("HP colour transform 1"), e.getMessage());
    }

    @Test
    void rejectsAStreamWhoseSizeDisagreesWithTheHeader() {
        JpegLsFixtures f = JpegLsFixtures.named("gray08");
        PixelFormat wrong = new PixelFormat(f.height(), f.width() + 1, 1, 8, 8, 7, false, "MONOCHROME2", 0);
        DicomException e = assertThrows(DicomException.class,
                () -> decoder.decode(f.stream(), wrong, TransferSyntax.JPEG_LS_LOSSLESS_UID));
        assertTrue(e.getMessage().contains("stream is 41x17"), e.getMessage());
    }

    @Test
    void rejectsOtherJpegProcessesAndNonJpegData() {
        PixelFormat format = JpegLsFixtures.named("gray08").format();
        byte[] baseline = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xC0, 0, 11, 8, 0, 17, 0, 41, 1, 1, 0x11,
            0};
        DicomException e = assertThrows(DicomException.class,
                () -> decoder.decode(baseline, format, TransferSyntax.JPEG_LS_LOSSLESS_UID));
        assertTrue(e.getMessage().contains("FFC0"), e.getMessage());
        DicomException notJpeg = assertThrows(DicomException.class,
                () -> decoder.decode(new byte[] {1, 2, 3, 4, 5}, format, TransferSyntax.JPEG_LS_LOSSLESS_UID));
        assertTrue(notJpeg.getMessage().contains("SOI"), notJpeg.getMessage());
        assertThrows(DicomException.class,
                () -> decoder.decode(new byte[0], format, TransferSyntax.JPEG_LS_LOSSLESS_UID));
    }

    @Test
    void reportsTruncationAsDecodeFailureNamingTheTransferSyntax() {
        JpegLsFixtures f = JpegLsFixtures.named("gray16");
        byte[] cut = Arrays.copyOf(f.stream(), f.stream().length / 2);
        DicomException e = assertThrows(DicomException.class,
                () -> decoder.decode(cut, f.format(), TransferSyntax.JPEG_LS_LOSSLESS_UID));
        assertEquals(Stage.DECODE, e.stage());
        assertTrue(e.getMessage().contains(TransferSyntax.JPEG_LS_LOSSLESS_UID), e.getMessage());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void acceptsTheZeroPaddingDicomAddsToOddLengthFrames() throws DicomException {
        JpegLsFixtures f = JpegLsFixtures.named("gray05");
        byte[] padded = Arrays.copyOf(f.stream(), f.stream().length + 1);
        assertArrayEquals(f.expectedSamples(), decoder.decode(padded, f.format(), f.transferSyntax()).samples());
    }
}
