package org.mammoembed.dicom.codec;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Decodes frame 0 of every JPEG-LS file of the shared corpus and compares it with the manifest's oracle
 * (pydicom/GDCM/dcmtk): the exact stored values for lossless files, the lossy tolerances of the corpus README
 * for near-lossless ones. Opt-in: {@code -Dmammo.corpus=/work/shared/dicom-corpus}.
 */
class JpegLsDecoderCorpusTest {
    private final JpegLsDecoder decoder = new JpegLsDecoder();

    @TestFactory
    Stream<DynamicTest> everyJpegLsFileDecodesLikeTheOracle() throws IOException {
        List<JsonNode> entries = JpegLsTestCorpus.jpegLsEntries();
        assertEquals(23, entries.size(), "JPEG-LS files in the corpus");
        return entries.stream().map(e -> dynamicTest(e.path("path").asText(), () -> check(e)));
    }

    private void check(JsonNode e) throws Exception {
        assertEquals("decode", e.path("expect").asText(), "this test only knows decodable JPEG-LS files");
        PixelFormat format = JpegLsTestCorpus.formatOf(e);
        String uid = e.path("transfer_syntax_uid").asText();
        DecodedFrame frame = decoder.decode(JpegLsTestCorpus.frame0(e), format, uid);
        assertEquals(format.samplesPerFrame(), frame.samples().length, "sample count");
        assertEquals(format.photometric(), frame.photometric(), "photometric passes through");
        int[] stored = JpegLsTestCorpus.storedValues(frame.samples(), format.bitsStored(), format.signed());
        String compare = e.path("compare").asText();
        if (compare.equals("exact")) {
            assertEquals(e.path("stored_sha256").asText(), JpegLsTestCorpus.sha256OfInt32(stored),
                    "sha256 of the stored values");
        } else {
            assertEquals("lossy", compare);
            assertWithinLossyTolerance(e, stored, format.samplesPerPixel());
            // near-lossless decoding is deterministic (T.87 fixes every step), so beyond the README's
            // tolerance every conforming decoder reproduces the oracle's values exactly
            assertEquals(e.path("stored_sha256").asText(), JpegLsTestCorpus.sha256OfInt32(stored),
                    "sha256 of the stored values (near-lossless)");
        }
    }

    /** The README's lossy rule: thumb16 within 2% and the mean within 1% of the oracle's dynamic range. */
    private static void assertWithinLossyTolerance(JsonNode e, int[] stored, int samplesPerPixel) {
        double slope = e.path("rescale_slope").isNumber() ? e.path("rescale_slope").asDouble() : 1.0;
        double intercept = e.path("rescale_intercept").isNumber() ? e.path("rescale_intercept").asDouble() : 0.0;
        int rows = e.path("rows").asInt();
        int columns = e.path("columns").asInt();
        double[] pixel = new double[rows * columns];
        double sum = 0;
        for (int i = 0; i < pixel.length; i++) {
            double channels = 0;
            for (int s = 0; s < samplesPerPixel; s++) {
                double value = slope * stored[i * samplesPerPixel + s] + intercept;
                channels += value;
                sum += value;
            }
            pixel[i] = channels / samplesPerPixel;
        }
        double range = e.path("output_max").asDouble() - e.path("output_min").asDouble();
        double mean = sum / stored.length;
        double[] thumb = thumb16(pixel, rows, columns);
        JsonNode expected = e.path("thumb16");
        assertEquals(256, expected.size(), "oracle thumb16 size");
        assertAll(
                () -> assertEquals(e.path("output_mean").asDouble(), mean, 0.01 * range, "mean"),
                () -> {
                    for (int i = 0; i < 256; i++) {
                        assertEquals(expected.get(i).asDouble(), thumb[i], 0.02 * range, "thumb16[" + i + "]");
                    }
                });
        assertTrue(range > 0, "oracle range");
    }

    /** Block means on a 16x16 grid, blocks as the corpus README defines them. */
    static double[] thumb16(double[] pixel, int rows, int columns) {
        double[] thumb = new double[256];
        for (int by = 0; by < 16; by++) {
            int y0 = by * rows / 16;
            int y1 = Math.max((by + 1) * rows / 16, y0 + 1);
            for (int bx = 0; bx < 16; bx++) {
                int x0 = bx * columns / 16;
                int x1 = Math.max((bx + 1) * columns / 16, x0 + 1);
                double sum = 0;
                for (int y = y0; y < y1; y++) {
                    for (int x = x0; x < x1; x++) {
                        sum += pixel[y * columns + x];
                    }
                }
                thumb[by * 16 + bx] = sum / ((double) (y1 - y0) * (x1 - x0));
            }
        }
        return thumb;
    }
}
