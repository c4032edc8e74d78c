package org.mammoembed.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DicomSnifferTest {
    private static final byte[] DICM = "DICM".getBytes(StandardCharsets.US_ASCII);

    private static byte[] withMarkerAt(int at, int length) {
        byte[] b = new byte[length];
        System.arraycopy(DICM, 0, b, at, 4);
        return b;
    }

    @Test
    void markerAfterThePreambleOrAtTheStart() {
        assertEquals(132, DicomSniffer.afterMarker(ByteBuffer.wrap(withMarkerAt(128, 200))));
        assertEquals(132, DicomSniffer.afterMarker(ByteBuffer.wrap(withMarkerAt(128, 132))));
        assertEquals(4, DicomSniffer.afterMarker(ByteBuffer.wrap(withMarkerAt(0, 200))));
        assertEquals(4, DicomSniffer.afterMarker(ByteBuffer.wrap(withMarkerAt(0, 4))));
        assertEquals(0, DicomSniffer.afterMarker(ByteBuffer.wrap(withMarkerAt(64, 200))));
        assertEquals(0, DicomSniffer.afterMarker(ByteBuffer.wrap(new byte[0])));
    }

    @Test
    void aMarkerBeyondTheLimitDoesNotCount() {
        ByteBuffer cut = ByteBuffer.wrap(withMarkerAt(128, 200)).limit(131);
        assertEquals(0, DicomSniffer.afterMarker(cut));
        assertFalse(DicomSniffer.looksLikeDicom(withMarkerAt(128, 200), 131));
        assertTrue(DicomSniffer.looksLikeDicom(withMarkerAt(128, 200), 132));
    }
}
