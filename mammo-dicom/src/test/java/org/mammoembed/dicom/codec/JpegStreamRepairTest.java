package org.mammoembed.dicom.codec;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.mammoembed.core.Stage;
import org.mammoembed.dicom.CorpusManifest;
import org.mammoembed.dicom.DicomException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mammoembed.dicom.codec.Messages.assertMentions;

/**
 * Issue 11, "decode what other readers decode": baseline JPEG streams that libjpeg reads although they lack
 * their EOI marker or have an APPn/COM segment with a bad length decode to the pixels of the intact stream;
 * damage libjpeg does not read past (truncated scan data, a bad length in a table or running past the end) is
 * still refused.
 */
class JpegStreamRepairTest {
    private static final String BASELINE = "1.2.840.10008.1.2.4.50";
    private final JpegDecoder decoder = new JpegDecoder();

    private static PixelFormat gray(int rows, int columns) {
        return new PixelFormat(rows, columns, 1, 8, 8, 7, false, "MONOCHROME2", 0);
    }

    private static byte[] grayJpeg() throws Exception {
        return TestImages.jpeg(TestImages.grayRamp(64, 48), 0.9f);
    }

    private static byte[] withoutEoi(byte[] jpeg) {
        return Arrays.copyOf(jpeg, jpeg.length - 2);
    }

    /** {@code jpeg} with a segment inserted after SOI whose length field says {@code declared}. */
    private static byte[] withSegment(byte[] jpeg, int marker, byte[] body, int declared) {
        byte[] out = new byte[jpeg.length + 4 + body.length];
        out[0] = (byte) 0xFF;
        out[1] = (byte) 0xD8;
        out[2] = (byte) 0xFF;
        out[3] = (byte) marker;
        out[4] = (byte) (declared >> 8);
        out[5] = (byte) declared;
        System.arraycopy(body, 0, out, 6, body.length);
        System.arraycopy(jpeg, 2, out, 6 + body.length, jpeg.length - 2);
        return out;
    }

    private static byte[] comment() {
        return "a comment a writer got the length of wrong".getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void streamWithoutEoiDecodesToTheIntactStreamsPixels() throws Exception {
        byte[] jpeg = grayJpeg();
        int[] intact = decoder.decode(jpeg, gray(48, 64), BASELINE).samples();
        assertArrayEquals(intact, decoder.decode(withoutEoi(jpeg), gray(48, 64), BASELINE).samples());
        byte[] padded = Arrays.copyOf(withoutEoi(jpeg), jpeg.length - 1); // fragment padding after the data
        assertArrayEquals(intact, decoder.decode(padded, gray(48, 64), BASELINE).samples());
    }

    @Test
    void commentOrAppSegmentWithATooShortOrZeroLengthDecodesToTheIntactStreamsPixels() throws Exception {
        byte[] jpeg = grayJpeg();
        int[] intact = decoder.decode(jpeg, gray(48, 64), BASELINE).samples();
        for (int declared : new int[] {12, 0, 1, 2}) {
            for (int marker : new int[] {0xFE, 0xE1, 0xEF}) {
                byte[] bad = withSegment(jpeg, marker, comment(), declared);
                assertArrayEquals(intact, decoder.decode(bad, gray(48, 64), BASELINE).samples(),
                        "marker " + Integer.toHexString(marker) + ", declared length " + declared);
                assertArrayEquals(intact, decoder.decode(withoutEoi(bad), gray(48, 64), BASELINE).samples(),
                        "and no EOI");
            }
        }
    }

    @Test
    void jfifSegmentWithABadLengthStillSaysYcbcr() throws Exception {
        byte[] jpeg = TestImages.jpeg(TestImages.rgbBlocks(32, 32), 1.0f);
        PixelFormat rgb = new PixelFormat(32, 32, 3, 8, 8, 7, false, "RGB", 0);
        DecodedFrame intact = decoder.decode(jpeg, rgb, BASELINE);
        assertEquals(0xE0, jpeg[3] & 0xFF, "the JDK writes JFIF APP0 first");
        byte[] bad = jpeg.clone();
        bad[5] = 9; // APP0 length 16 -> 9
        DecodedFrame repaired = decoder.decode(bad, rgb, BASELINE);
        assertEquals("YBR_FULL", repaired.photometric());
        assertArrayEquals(intact.samples(), repaired.samples());
    }

    @Test
    void repairsAreDescribedByMarkerAndOffsetOnly() {
        byte[] s = withSegment(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xDB, 0, 2}, 0xFE,
                comment(), 5);
        JpegStreamRepair.Result r = JpegStreamRepair.repair(s);
        assertTrue(r.eoiAppended());
        assertEquals(2, r.repairs().size(), r.repairs().toString());
        assertMentions(r.repairs().get(0), "COM segment at offset 2");
        assertFalse(String.join(" ", r.repairs()).contains("comment"), "no segment content in the description");
        assertEquals(comment().length + 2, (r.stream()[4] & 0xFF) << 8 | (r.stream()[5] & 0xFF));
        byte[] intact = Arrays.copyOf(s, s.length + 2);
        intact[4] = 0;
        intact[5] = (byte) (comment().length + 2);
        intact[s.length] = (byte) 0xFF;
        intact[s.length + 1] = (byte) 0xD9;
        assertSame(intact, JpegStreamRepair.repair(intact).stream(), "an intact stream is not copied");
    }

    @Test
    void damageLibjpegDoesNotReadPastIsStillRefused() throws Exception {
        byte[] jpeg = grayJpeg();
        // a comment whose length runs past the end of the stream
        byte[] pastEnd = withSegment(jpeg, 0xFE, comment(), 0xFFF0);
        DicomException e = assertThrows(DicomException.class, () -> decoder.decode(pastEnd, gray(48, 64), BASELINE));
        assertEquals(Stage.DECODE, e.stage());
        assertMentions(e.getMessage(), "JPEG Baseline", "0xFFFE", "runs past the end");
        // a quantisation table (needed to decode) with a bad length
        byte[] badTable = jpeg.clone();
        int dqt = indexOfMarker(badTable, 0xDB);
        badTable[dqt + 3] -= 7;
        assertThrows(DicomException.class, () -> decoder.decode(badTable, gray(48, 64), BASELINE));
        // scan data cut short, with or without an EOI after the cut
        byte[] cut = Arrays.copyOf(jpeg, jpeg.length - 120);
        assertMentions(assertThrows(DicomException.class, () -> decoder.decode(cut, gray(48, 64), BASELINE))
                .getMessage(), "ends early", "no EOI");
    }

    @Test
    void corpusBaselineFramesWithoutEoiDecodeToTheirIntactPixels() throws Exception {
        Path root = CorpusManifest.folder();
        int checked = 0;
        for (JsonNode e : CorpusManifest.entries(root)) {
            if (!e.get("expect").asText().equals("decode")
                    || !BASELINE.equals(e.path("transfer_syntax_uid").asText(""))) {
                continue;
            }
            ReaderFrames.Frame f = ReaderFrames.firstFrame(root.resolve(e.get("path").asText())).orElseThrow();
            byte[] trimmed = f.data();
            int end = trimmed.length;
            while ((trimmed[end - 1] & 0xFF) != 0xD9) {
                end--; // fragment padding after EOI
            }
            byte[] noEoi = Arrays.copyOf(trimmed, end - 2);
            assertArrayEquals(decoder.decode(f.data(), f.format(), BASELINE).samples(),
                    decoder.decode(noEoi, f.format(), BASELINE).samples(), e.get("path").asText());
            checked++;
        }
        assertTrue(checked > 0, "the corpus has no JPEG baseline file");
    }

    private static int indexOfMarker(byte[] s, int marker) {
        for (int i = 0; i + 1 < s.length; i++) {
            if ((s[i] & 0xFF) == 0xFF && (s[i + 1] & 0xFF) == marker) {
                return i;
            }
        }
        throw new IllegalArgumentException("no marker");
    }
}
