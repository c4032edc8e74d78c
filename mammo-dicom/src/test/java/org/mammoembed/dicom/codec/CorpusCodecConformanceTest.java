package org.mammoembed.dicom.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.mammoembed.core.Stage;
import org.mammoembed.dicom.DicomException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Decodes frame 0 of every corpus file in an RLE, JPEG or JPEG 2000 transfer syntax (JPEG-LS excluded: not
 * ours) and judges it against the manifest's oracle with the corpus README's rules: {@code exact} by the
 * sha256 of the stored values, {@code near} and {@code lossy} by thumb16 and mean tolerances. Files the
 * corpus expects to be refused must be refused (no decoder, or a DicomException). Frames and pixel formats
 * come from {@link ReaderFrames} (the real reader's input to the codec). Opt-in: -Dmammo.corpus.
 */
class CorpusCodecConformanceTest {
    private static final Set<String> OURS = Set.of("1.2.840.10008.1.2.5", "1.2.840.10008.1.2.4.50",
            "1.2.840.10008.1.2.4.51", "1.2.840.10008.1.2.4.57", "1.2.840.10008.1.2.4.70", "1.2.840.10008.1.2.4.90",
            "1.2.840.10008.1.2.4.91", "1.2.840.10008.1.2.4.201", "1.2.840.10008.1.2.4.202", "1.2.840.10008.1.2.4.203",
            "1.2.840.10008.1.2.4.110", "1.2.840.10008.1.2.4.111", "1.2.840.10008.1.2.4.112", "1.2.840.10008.1.2.8.1");

    @TestFactory
    List<DynamicTest> frameZeroMatchesTheOracle() throws IOException {
        String corpus = System.getProperty("mammo.corpus", "");
        assumeTrue(!corpus.isBlank() && Files.isDirectory(Path.of(corpus)),
                "set -Dmammo.corpus=<dicom-corpus folder> to run the corpus conformance test");
        Path root = Path.of(corpus);
        JsonNode manifest = new ObjectMapper().readTree(root.resolve("manifest.json").toFile());
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode entry : manifest) {
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
            assertEquals(e.get("stored_sha256").asText(), sha256(stored), path + ": stored values differ");
            return;
        }
        double[] output = afterModalityLut(stored, e);
        int rows = format.rows();
        int columns = format.columns();
        int spp = format.samplesPerPixel();
        double range = e.get("output_max").asDouble() - e.get("output_min").asDouble();
        double thumbTolerance = compare.equals("near") ? Math.max(1.5, 0.01 * range) : 0.02 * range;
        double meanTolerance = compare.equals("near") ? Math.max(0.75, 0.005 * range) : 0.01 * range;
        double mean = 0;
        for (double v : output) {
            mean += v;
        }
        mean /= output.length;
        assertEquals(e.get("output_mean").asDouble(), mean, meanTolerance, path + ": mean");
        double[] thumb = thumb16(output, rows, columns, spp);
        JsonNode expected = e.get("thumb16");
        for (int i = 0; i < 256; i++) {
            assertEquals(expected.get(i).asDouble(), thumb[i], thumbTolerance, path + ": thumb16[" + i + "]");
        }
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

    private static double[] afterModalityLut(int[] stored, JsonNode e) {
        double slope = e.path("rescale_slope").isNumber() ? e.get("rescale_slope").asDouble() : 1;
        double intercept = e.path("rescale_intercept").isNumber() ? e.get("rescale_intercept").asDouble() : 0;
        boolean colour = e.get("samples_per_pixel").asInt() == 3;
        double[] out = new double[stored.length];
        for (int i = 0; i < stored.length; i++) {
            out[i] = colour ? stored[i] : stored[i] * slope + intercept;
        }
        return out;
    }

    /** README: block means on a 16 x 16 grid, colour averaged over the three channels first. */
    private static double[] thumb16(double[] v, int rows, int columns, int spp) {
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
                        for (int c = 0; c < spp; c++) {
                            sum += v[(y * columns + x) * spp + c];
                        }
                    }
                }
                thumb[by * 16 + bx] = sum / ((double) (y1 - y0) * (x1 - x0) * spp);
            }
        }
        return thumb;
    }

    static String sha256(int[] values) throws NoSuchAlgorithmException {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asIntBuffer().put(values);
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b.array()));
    }
}
