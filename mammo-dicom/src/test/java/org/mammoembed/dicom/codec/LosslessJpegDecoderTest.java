package org.mammoembed.dicom.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReaderSpi;
import org.junit.jupiter.api.Test;
import org.mammoembed.core.Stage;
import org.mammoembed.dicom.CorpusManifest;
import org.mammoembed.dicom.DicomException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mammoembed.dicom.codec.Messages.assertMentions;

/**
 * {@link LosslessJpegDecoder} through {@link JpegDecoder}: streams written by {@link LosslessJpegWriter} for every
 * predictor, point transform, precision, restart interval and component layout must give back their source
 * samples and, where the TwelveMonkeys plugin decodes the stream correctly (one component, no point transform,
 * 8 to 16 bits), the plugin's decode (an independent decoder); corpus files must decode exactly as the plugin
 * decodes them.
 */
class LosslessJpegDecoderTest {
    private static final String SV1 = "1.2.840.10008.1.2.4.70";
    private static final String LOSSLESS = "1.2.840.10008.1.2.4.57";
    private final JpegDecoder decoder = new JpegDecoder();

    private static int[] image(int rows, int columns, int components, int precision, long seed) {
        Random rnd = new Random(seed);
        int[] s = new int[rows * columns * components];
        int max = (1 << precision) - 1;
        for (int i = 0; i < s.length; i++) {
            // smooth with noise and the odd extreme, so that every category (0..16) turns up
            int smooth = (int) ((i % (columns * components)) * (long) max / (columns * components));
            s[i] = rnd.nextInt(50) == 0 ? rnd.nextInt(max + 1) : Math.max(0, Math.min(max, smooth
                    + rnd.nextInt(Math.max(2, max / 64)) - max / 128));
        }
        return s;
    }

    private static PixelFormat format(int rows, int columns, int components, int precision) {
        int allocated = precision > 8 ? 16 : 8;
        return new PixelFormat(rows, columns, components, allocated, precision, precision - 1, false,
                components == 3 ? "RGB" : "MONOCHROME2", 0);
    }

    private static int[] plugin(byte[] stream, PixelFormat format) throws DicomException {
        return ImageIoFrames.read(JPEGImageReaderSpi.class, "TwelveMonkeys JPEG", stream, 0, stream.length, format,
                LOSSLESS).samples();
    }

    /** Checks ours against the plugin where the plugin decodes the stream; returns whether it did. */
    private static boolean agreesWithPlugin(byte[] stream, PixelFormat format, int[] ours, String what) {
        int[] theirs;
        try {
            theirs = plugin(stream, format);
        } catch (DicomException e) {
            // the plugin supports fewer precisions and layouts than ours (e.g. 2 bits, 3 components at 12 bits)
            assertMentions(e.getMessage(), "not supported");
            return false;
        }
        assertArrayEquals(theirs, ours, what + " (plugin)");
        return true;
    }

    private static int[] withoutLowBits(int[] s, int bits) {
        return Arrays.stream(s).map(v -> v >> bits << bits).toArray();
    }

    @Test
    void everyPredictorAndPointTransformGivesBackTheSourceAndThePluginsDecode() throws Exception {
        int compared = 0;
        for (int precision : new int[] {2, 8, 12, 16}) {
            for (int predictor = 1; predictor <= 7; predictor++) {
                for (int pt : new int[] {0, 1}) {
                    LosslessJpegWriter w = new LosslessJpegWriter();
                    w.precision = precision;
                    w.predictor = predictor;
                    w.pointTransform = pt;
                    int[] source = image(23, 37, 1, precision, predictor * 31L + precision);
                    byte[] jpeg = w.write(source, 23, 37, 1);
                    PixelFormat f = format(23, 37, 1, precision);
                    DecodedFrame decoded = decoder.decode(jpeg, f, LOSSLESS);
                    int[] ours = decoded.samples();
                    String what = "P=" + precision + " predictor " + predictor + " Pt " + pt;
                    assertArrayEquals(withoutLowBits(source, pt), ours, what);
                    assertEquals(ours.length, decoded.words().length, what + ": delivered as 16-bit words");
                    // the plugin ignores the point transform (its first prediction and output are unshifted)
                    compared += pt == 0 && agreesWithPlugin(jpeg, f, ours, what) ? 1 : 0;
                }
            }
        }
        assertEquals(3 * 7, compared, "streams the plugin decoded (all but the 2-bit ones)");
    }

    @Test
    void longCodesRestartIntervalsAndColourLayoutsDecode() throws Exception {
        for (boolean interleaved : new boolean[] {true, false}) {
            for (int restart : new int[] {0, 41, 41 * 3}) {
                for (int[] lengths : List.of(LosslessJpegWriter.SHORT_CODES, LosslessJpegWriter.LONG_CODES)) {
                    LosslessJpegWriter w = new LosslessJpegWriter();
                    w.precision = 12;
                    w.predictor = 6;
                    w.restartInterval = restart;
                    w.interleaved = interleaved;
                    w.codeLengths = lengths;
                    int[] source = image(19, 41, 3, 12, restart + (interleaved ? 1 : 2));
                    byte[] jpeg = w.write(source, 19, 41, 3);
                    PixelFormat f = format(19, 41, 3, 12);
                    String what = (interleaved ? "interleaved" : "one scan per component") + ", restart "
                            + restart + ", " + (lengths == LosslessJpegWriter.LONG_CODES ? "long" : "short") + " codes";
                    int[] ours = decoder.decode(jpeg, f, LOSSLESS).samples();
                    // the plugin decodes one component of these and reports one band: the source is the oracle
                    assertArrayEquals(source, ours, what);
                }
            }
        }
    }

    /**
     * Rows of background (runs of one value: zero differences), texture and background again, of odd lengths, and
     * whole rows of background: the lookahead's runs of category-0 codes must end at each row's (and each
     * interval's, and each interleaved component's) last difference.
     */
    private static int[] backgroundAndTissue(int rows, int columns, int components, long seed) {
        Random rnd = new Random(seed);
        int[] s = new int[rows * columns * components];
        for (int y = 0; y < rows; y++) {
            int left = y % 5 == 0 ? columns : rnd.nextInt(columns);
            int right = left + rnd.nextInt(columns - left + 1);
            for (int x = 0; x < columns; x++) {
                for (int c = 0; c < components; c++) {
                    boolean tissue = x >= left && x < right;
                    s[(y * columns + x) * components + c] = tissue ? 1000 + rnd.nextInt(3000) : 40 + c;
                }
            }
        }
        return s;
    }

    @Test
    void runsOfZeroDifferencesDecodeWhateverTheLengthOfTheirCode() throws Exception {
        // category 0's code 1 bit long with each lookahead (12, 13 and 14 of them fit), 2, 6 and 7 bits long (7, 2
        // and 2 fit in 14 bits), and 8 (no run fits)
        List<int[]> tables = List.of(
                new int[] {1, 6, 4, 3, 3, 4, 5, 8, 8, 8, 8, 9, 9, 10, 11, 12, 12},
                new int[] {1, 4, 4, 4, 4, 5, 5, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9},
                new int[] {1, 6, 6, 5, 5, 5, 5, 5, 5, 5, 4, 7, 8, 9, 10, 11, 11},
                new int[] {2, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 6, 6, 6, 6, 7, 7},
                new int[] {6, 3, 3, 3, 3, 3, 3, 4, 4, 5, 5, 6, 7, 7, 8, 8, 9},
                new int[] {7, 3, 3, 3, 3, 3, 3, 4, 4, 5, 5, 6, 6, 7, 8, 8, 9},
                new int[] {8, 3, 3, 3, 3, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 9});
        int[] categories = IntStream.rangeClosed(0, 16).toArray();
        assertEquals(List.of(12, 13, 14, 14, 14, 14, 14), tables.stream()
                .map(lengths -> LosslessHuffmanTable.lookaheadFor(lengths, categories)).toList(),
                "each table's lookahead");
        int pluginChecked = 0;
        for (int[] lengths : tables) {
            for (int predictor : new int[] {1, 2, 7}) {
                for (int restart : new int[] {0, 53}) {
                    for (int components : new int[] {1, 3}) {
                        LosslessJpegWriter w = new LosslessJpegWriter();
                        w.precision = 12;
                        w.predictor = predictor;
                        w.restartInterval = restart;
                        w.codeLengths = lengths;
                        w.interleaved = components == 3 && restart == 0;
                        int[] source = backgroundAndTissue(29, 53, components, predictor * 7L + lengths[0]);
                        byte[] jpeg = w.write(source, 29, 53, components);
                        PixelFormat f = format(29, 53, components, 12);
                        String what = "category 0 in " + lengths[0] + " bits, predictor " + predictor + ", restart "
                                + restart + ", " + components + " components";
                        int[] ours = decoder.decode(jpeg, f, LOSSLESS).samples();
                        assertArrayEquals(source, ours, what);
                        // the plugin predicts the first line of a restart interval as any other: the source is
                        // the oracle there
                        pluginChecked += components == 1 && restart == 0 && agreesWithPlugin(jpeg, f, ours, what)
                                ? 1 : 0;
                    }
                }
            }
        }
        assertEquals(tables.size() * 3, pluginChecked, "one-component streams without restarts the plugin decoded");
    }

    @Test
    void differenceOf32768DecodesWithoutExtraBits() throws Exception {
        int[] source = {0, 65535, 0, 32768, 65535, 0, 1, 65534};
        LosslessJpegWriter w = new LosslessJpegWriter();
        byte[] jpeg = w.write(source, 2, 4, 1);
        assertArrayEquals(source, decoder.decode(jpeg, format(2, 4, 1, 16), LOSSLESS).samples());
    }

    @Test
    void missingEoiIsToleratedAndTruncatedScanDataIsRefused() throws Exception {
        int[] source = image(40, 64, 1, 12, 7);
        byte[] jpeg = new LosslessJpegWriter().write(source, 40, 64, 1);
        PixelFormat f = format(40, 64, 1, 12);
        byte[] noEoi = Arrays.copyOf(jpeg, jpeg.length - 2);
        assertArrayEquals(source, decoder.decode(noEoi, f, SV1).samples());
        byte[] padded = Arrays.copyOf(noEoi, noEoi.length + 1); // a fragment padded to even length
        assertArrayEquals(source, decoder.decode(padded, f, SV1).samples());
        for (int cut : new int[] {jpeg.length - 40, jpeg.length / 2}) {
            byte[] truncated = Arrays.copyOf(jpeg, cut);
            DicomException e = assertThrows(DicomException.class, () -> decoder.decode(truncated, f, SV1));
            assertEquals(Stage.DECODE, e.stage());
            assertMentions(e.getMessage(), "JPEG Lossless", "ends early", "truncated");
            byte[] withEoi = Arrays.copyOf(truncated, cut + 2);
            withEoi[cut] = (byte) 0xFF;
            withEoi[cut + 1] = (byte) 0xD9;
            assertMentions(assertThrows(DicomException.class, () -> decoder.decode(withEoi, f, SV1)).getMessage(),
                    "ends early");
        }
    }

    @Test
    void undefinedHuffmanTableAndBadPredictorAreRefusedByName() throws Exception {
        byte[] jpeg = new LosslessJpegWriter().write(image(8, 8, 1, 8, 1), 8, 8, 1);
        PixelFormat f = format(8, 8, 1, 8);
        int sos = indexOf(jpeg, 0xDA);
        byte[] badTable = jpeg.clone();
        badTable[sos + 6] = 0x20; // Td 2: never defined
        assertMentions(assertThrows(DicomException.class, () -> decoder.decode(badTable, f, SV1)).getMessage(),
                "Huffman table 2");
        byte[] badPredictor = jpeg.clone();
        badPredictor[sos + 7] = 9;
        assertMentions(assertThrows(DicomException.class, () -> decoder.decode(badPredictor, f, SV1))
                .getMessage(), "predictor 9");
    }

    @Test
    void huffmanTableWithMoreCodesThanItsLengthHoldsIsRefused() throws Exception {
        byte[] jpeg = new LosslessJpegWriter().write(image(8, 8, 1, 8, 1), 8, 8, 1);
        SequentialDctDecoderTest.overfillOneBitCodes(jpeg, indexOf(jpeg, 0xC4));
        DicomException e = assertThrows(DicomException.class, () -> decoder.decode(jpeg, format(8, 8, 1, 8), SV1));
        assertEquals(Stage.DECODE, e.stage());
        assertMentions(e.getMessage(), "Huffman table", "1 bits than fit");
    }

    @Test
    void corpusLosslessFramesDecodeExactlyAsThePluginDecodesThem() throws Exception {
        Path root = CorpusManifest.folder();
        List<String> checked = new ArrayList<>();
        for (JsonNode e : CorpusManifest.entries(root)) {
            String ts = e.path("transfer_syntax_uid").asText("");
            if (!e.get("expect").asText().equals("decode") || !(ts.equals(SV1) || ts.equals(LOSSLESS))) {
                continue;
            }
            ReaderFrames.Frame frame = ReaderFrames.firstFrame(root.resolve(e.get("path").asText())).orElseThrow();
            int[] ours = decoder.decode(frame.data(), frame.format(), frame.transferSyntaxUid()).samples();
            assertArrayEquals(plugin(frame.data(), frame.format()), ours, e.get("path").asText());
            checked.add(e.get("path").asText());
        }
        assertFalse(checked.isEmpty(), "the corpus has no lossless JPEG file");
    }

    private static int indexOf(byte[] s, int marker) {
        for (int i = 0; i + 1 < s.length; i++) {
            if ((s[i] & 0xFF) == 0xFF && (s[i + 1] & 0xFF) == marker) {
                return i;
            }
        }
        throw new IllegalArgumentException("no marker");
    }
}
