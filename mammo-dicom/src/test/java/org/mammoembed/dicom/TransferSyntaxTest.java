package org.mammoembed.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The transfer syntax registry against PS3.6 Table A-1. */
class TransferSyntaxTest {
    @Test
    void namesFollowPs36() {
        assertEquals("JPEG XL Lossless", TransferSyntax.of("1.2.840.10008.1.2.4.110").name());
        assertEquals("JPEG XL JPEG Recompression", TransferSyntax.of("1.2.840.10008.1.2.4.111").name());
        assertEquals("JPEG XL", TransferSyntax.of("1.2.840.10008.1.2.4.112").name());
        assertEquals("Fragmentable MPEG-4 AVC/H.264 High Profile / Level 4.1",
                TransferSyntax.of("1.2.840.10008.1.2.4.102.1").name());
        assertEquals("Explicit VR Little Endian", TransferSyntax.of("1.2.840.10008.1.2.1").name());
    }

    @Test
    void paddingIsIgnoredAndUnknownUidsAreMarked() {
        TransferSyntax rle = TransferSyntax.of("1.2.840.10008.1.2.5\0");
        assertEquals("1.2.840.10008.1.2.5", rle.uid());
        assertTrue(rle.isKnown() && rle.encapsulated() && !rle.lossy());
        assertEquals("1.2.840.10008.1.2.5 (RLE Lossless)", rle.describe());
        assertEquals("1.2.3.4 (unknown transfer syntax)", TransferSyntax.describe("1.2.3.4 "));
        assertFalse(TransferSyntax.of("1.2.3.4").isKnown());
        assertEquals("(no transfer syntax)", TransferSyntax.describe(null));
    }

    @Test
    void isOneOfStripsPaddingAndRefusesNull() {
        assertTrue(TransferSyntax.isOneOf("1.2.840.10008.1.2.4.80 ", TransferSyntax.JPEG_LS_NEAR_LOSSLESS_UID,
                TransferSyntax.JPEG_LS_LOSSLESS_UID));
        assertFalse(TransferSyntax.isOneOf("1.2.840.10008.1.2.4.8", TransferSyntax.JPEG_LS_LOSSLESS_UID));
        assertFalse(TransferSyntax.isOneOf(null, TransferSyntax.JPEG_LS_LOSSLESS_UID));
    }
}
