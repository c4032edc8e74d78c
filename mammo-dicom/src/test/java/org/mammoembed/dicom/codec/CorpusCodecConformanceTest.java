package org.mammoembed.dicom.codec;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.mammoembed.core.Stage;
import org.mammoembed.dicom.CorpusManifest;
import org.mammoembed.dicom.DicomException;
import org.mammoembed.dicom.OracleJudge;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Decodes frame 0 of every corpus file in an RLE, JPEG or JPEG 2000 transfer syntax (JPEG-LS excluded: not
 * ours) and judges it against the manifest's oracle with the corpus README's rules: {@code exact} by the
 * sha256 of the stored values, {@code near} and {@code lossy} by {@link OracleJudge} (thumb16, mean, min/max).
 * Files the corpus expects to be refused must be refused (no decoder, or a DicomException). Frames and pixel formats
 * come from {@link ReaderFrames} (the real reader's input to the codec). Opt-in: -Dmammo.corpus.
 */
class CorpusCodecConformanceTest {
    private static final Set<String> OURS = Set.of("1.2.840.10008.1.2.5", "1.2.840.10008.1.2.4.50",
            "1.2.840.10008.1.2.4.51", "1.2.840.10008.1.2.4.57", "1.2.840.10008.1.2.4.70", "1.2.840.10008.1.2.4.90",
            "1.2.840.10008.1.2.4.91", "1.2.840.10008.1.2.4.201", "1.2.840.10008.1.2.4.202", "1.2.840.10008.1.2.4.203",
            "1.2.840.10008.1.2.4.110", "1.2.840.10008.1.2.4.111", "1.2.840.10008.1.2.4.112", "1.2.840.10008.1.2.8.1");

    @TestFactory
    List<DynamicTest> frameZeroMatchesTheOracle() throws IOException {
        Path root = CorpusManifest.folder();
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode entry : CorpusManifest.entries(root)) {
            String ts = entry.path("transfer_syntax_uid").asText("");
            if (!OURS.contains(ts)) {
                continue;
            }
            String path = entry.get("path").asText();
            tests.add(DynamicTest.dynamicTest(path, () -> judge(root, entry, ts)));
        }
        assertFalse(tests.isEmpty(), "the manifest lists no RLE / JPEG / JPEG 2000 files");
        return tests;
    }

    private static void judge(Path root, JsonNode e, String ts) throws Exception {
        String path = e.get("path").asText();
        boolean decode = e.get("expect").asText().equals("decode");
        var decoder = Codecs.find(ts);
        Optional<ReaderFrames.Frame> captured = ReaderFrames.firstFrame(root.resolve(path));
        if (!decode) {
            if (decoder.isEmpty()) {
                return;
            }
            // a reject file the reader refused before any codec saw it (e.g. cut short) needs nothing from us
            assumeTrue(captured.isPresent(), "the reader refused it before decoding: " + e.get("reject_reason"));
            ReaderFrames.Frame f = captured.get();
            DicomException refused = assertThrows(DicomException.class,
                    () -> decoder.get().decode(f.data(), f.format(), ts), path + " must be refused");
            assertEquals(Stage.DECODE, refused.stage());
            return;
        }
        assertTrue(decoder.isPresent(), "no decoder for " + ts);
        assertTrue(captured.isPresent(), path + ": the reader passed no frame to the codec");
        PixelFormat format = captured.get().format();
        DecodedFrame decoded = decoder.get().decode(captured.get().data(), format, ts);
        int[] stored = storedValues(decoded, format);
        String compare = e.get("compare").asText();
        if (compare.equals("exact")) {
            assertEquals(e.get("stored_sha256").asText(), OracleJudge.sha256(stored), path + ": stored values differ");
            return;
        }
        float[] output = afterModalityLut(stored, e);
        String why = OracleJudge.judge(e, output, format.rows(), format.columns(), format.samplesPerPixel());
        assertNull(why, path);
    }

    /** The pixel format the manifest describes (for tests that decode frames without the reader). */
    static PixelFormat format(JsonNode e) {
        int bitsAllocated = e.get("bits_allocated").asInt();
        int bitsStored = e.path("bits_stored").asInt(bitsAllocated);
        return new PixelFormat(e.get("rows").asInt(), e.get("columns").asInt(), e.get("samples_per_pixel").asInt(),
                bitsAllocated, bitsStored, e.path("high_bit").asInt(bitsStored - 1),
                e.path("pixel_representation").asInt(0) == 1, e.get("photometric_interpretation").asText(),
                e.path("planar_configuration").asInt(0));
    }

    /** What the reader does after a codec: mask to Bits Stored, sign-extend, and convert YBR_FULL to RGB. */
    static int[] storedValues(DecodedFrame frame, PixelFormat format) {
        int[] s = frame.samples().clone();
        int bits = format.bitsStored();
        if (bits < 32) {
            for (int i = 0; i < s.length; i++) {
                int v = s[i] & ((1 << bits) - 1);
                s[i] = format.signed() && (v & (1 << (bits - 1))) != 0 ? v - (1 << bits) : v;
            }
        }
        if (frame.photometric().startsWith("YBR_FULL")) {
            for (int i = 0; i + 2 < s.length; i += 3) {
                double y = s[i];
                double cb = s[i + 1] - 128.0;
                double cr = s[i + 2] - 128.0;
                s[i] = clip(y + 1.402 * cr);
                s[i + 1] = clip(y - 0.344136 * cb - 0.714136 * cr);
                s[i + 2] = clip(y + 1.772 * cb);
            }
        }
        return s;
    }

    private static int clip(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }

    private static float[] afterModalityLut(int[] stored, JsonNode e) {
        double slope = e.path("rescale_slope").isNumber() ? e.get("rescale_slope").asDouble() : 1;
        double intercept = e.path("rescale_intercept").isNumber() ? e.get("rescale_intercept").asDouble() : 0;
        boolean colour = e.get("samples_per_pixel").asInt() == 3;
        float[] out = new float[stored.length];
        for (int i = 0; i < stored.length; i++) {
            out[i] = (float) (colour ? stored[i] : stored[i] * slope + intercept);
        }
        return out;
    }
}
