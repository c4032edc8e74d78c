package org.mammoembed.dicom.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.mammoembed.dicom.CorpusManifest;
import org.mammoembed.dicom.OracleJudge;
import org.mammoembed.dicom.TransferSyntax;

/**
 * Decodes frame 0 of every JPEG-LS file of the shared corpus (17 lossless, 6 near-lossless) and compares the
 * stored values with the manifest's oracle (pydicom/GDCM/dcmtk) by their sha256. For the near-lossless files
 * this is stricter than the corpus README's lossy tolerance, and right: T.87 fixes every decoding step, so
 * all conforming decoders give identical values. Opt-in: {@code -Dmammo.corpus=/work/shared/dicom-corpus}.
 */
class JpegLsDecoderCorpusTest {
    private final JpegLsDecoder decoder = new JpegLsDecoder();

    @TestFactory
    Stream<DynamicTest> everyJpegLsFileDecodesLikeTheOracle() throws IOException {
        if (!CorpusManifest.available()) {
            // an aborted factory is not reported at all; a skipped test is
            return Stream.of(dynamicTest("corpus not configured", CorpusManifest::folder));
        }
        List<JsonNode> entries = JpegLsTestCorpus.jpegLsEntries();
        assertEquals(23, entries.size(), "JPEG-LS files in the corpus");
        return entries.stream().map(e -> dynamicTest(e.path("path").asText(), () -> check(e)));
    }

    private void check(JsonNode e) throws Exception {
        assertEquals("decode", e.path("expect").asText(), "this test only knows decodable JPEG-LS files");
        boolean nearLossless = e.path("transfer_syntax_uid").asText().equals(TransferSyntax.JPEG_LS_NEAR_LOSSLESS_UID);
        assertEquals(nearLossless ? "lossy" : "exact", e.path("compare").asText(), "oracle comparison kind");
        PixelFormat format = CorpusCodecConformanceTest.format(e);
        DecodedFrame frame = decoder.decode(JpegLsTestCorpus.frame0(e), format,
                e.path("transfer_syntax_uid").asText());
        assertEquals(format.samplesPerFrame(), frame.samples().length, "sample count");
        assertEquals(format.photometric(), frame.photometric(), "photometric passes through");
        int[] stored = CorpusCodecConformanceTest.storedValues(frame, format);
        assertEquals(e.path("stored_sha256").asText(), OracleJudge.sha256(stored),
                "sha256 of the stored values");
    }
}
