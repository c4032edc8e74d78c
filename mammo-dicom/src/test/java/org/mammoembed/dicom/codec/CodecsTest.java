package org.mammoembed.dicom.codec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mammoembed.dicom.TransferSyntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CodecsTest {

    @Test
    void eachSupportedSyntaxHasItsDecoder() {
        assertInstanceOf(RleDecoder.class, Codecs.find("1.2.840.10008.1.2.5").orElseThrow());
        for (String jpeg : new String[] {"1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.51", "1.2.840.10008.1.2.4.57",
                "1.2.840.10008.1.2.4.70"}) {
            assertInstanceOf(JpegDecoder.class, Codecs.find(jpeg).orElseThrow(), jpeg);
        }
        assertInstanceOf(Jpeg2000Decoder.class, Codecs.find("1.2.840.10008.1.2.4.90").orElseThrow());
        assertInstanceOf(Jpeg2000Decoder.class, Codecs.find("1.2.840.10008.1.2.4.91").orElseThrow());
        assertInstanceOf(JpegLsDecoder.class, Codecs.find("1.2.840.10008.1.2.4.80").orElseThrow());
        assertInstanceOf(JpegLsDecoder.class, Codecs.find("1.2.840.10008.1.2.4.81").orElseThrow());
    }

    @Test
    void uidPaddingFromTheHeaderIsIgnored() {
        assertInstanceOf(RleDecoder.class, Codecs.find("1.2.840.10008.1.2.5\0").orElseThrow());
        assertInstanceOf(Jpeg2000Decoder.class, Codecs.find(" 1.2.840.10008.1.2.4.90 ").orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2.840.10008.1.2.4.201", "1.2.840.10008.1.2.4.202", "1.2.840.10008.1.2.4.203",
            "1.2.840.10008.1.2.4.110", "1.2.840.10008.1.2.4.111", "1.2.840.10008.1.2.4.112",
            "1.2.840.10008.1.2.4.92", "1.2.840.10008.1.2.4.93", "1.2.840.10008.1.2.4.100", "1.2.840.10008.1.2.4.107",
            "1.2.840.10008.1.2.8.1", "1.2.840.10008.1.2.1", "1.2.3.4", ""})
    void unsupportedSyntaxesHaveNoDecoder(String uid) {
        assertTrue(Codecs.find(uid).isEmpty(), uid);
    }

    @Test
    void nullHasNoDecoder() {
        assertTrue(Codecs.find(null).isEmpty());
    }

    @Test
    void describeNamesKnownAndUnknownSyntaxes() {
        assertEquals("1.2.840.10008.1.2.4.201 (High-Throughput JPEG 2000 Image Compression (Lossless Only))",
                TransferSyntax.describe("1.2.840.10008.1.2.4.201"));
        assertEquals("1.2.840.10008.1.2.8.1 (Deflated Image Frame Compression)",
                TransferSyntax.describe("1.2.840.10008.1.2.8.1\0"));
        assertEquals("1.2.3.4 (unknown transfer syntax)", TransferSyntax.describe("1.2.3.4"));
    }
}
