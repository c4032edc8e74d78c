package org.mammoembed.dicom.codec;

import org.junit.jupiter.api.Test;
import org.mammoembed.core.Stage;
import org.mammoembed.dicom.DicomException;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Corrupts and truncates real corpus frames of every codec of ours and checks that decoding either succeeds
 * with a full-size frame or fails with a DicomException (stage DECODE): never another exception type. What
 * the plugins print meanwhile is recorded and reported. Opt-in: -Dmammo.corpus.
 */
class CorpusCorruptionTest {
    private static final int TRIALS = 20;
    private static final String[] FILES = {
        "gh-pydicom-data/emri_small_RLE.dcm",
        "gh-dcm4che/YBR_FULL-RLE.dcm",
        "gh-pydicom-data/JPEG-LL.dcm",
        "gh-pydicom/examples_ybr_color.dcm",
        "gh-dicomParser/encapsulated/multi-frame/CT0012.fragmented_no_bot_jpeg_baseline.51.dcm",
        "gh-pydicom-data/emri_small_jpeg_2k_lossless.dcm",
        "gh-pydicom-data/US1_J2KI.dcm",
    };

    @Test
    void corruptOrTruncatedFramesFailOnlyWithDicomException() throws Exception {
        String corpus = System.getProperty("mammo.corpus", "");
        assumeTrue(!corpus.isBlank() && Files.isDirectory(Path.of(corpus)), "set -Dmammo.corpus to run");
        Random random = new Random(2024);
        List<String> escaped = new ArrayList<>();
        int decoded = 0;
        int refused = 0;
        PrintStream err = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setErr(new PrintStream(printed, true));
        try {
            for (String name : FILES) {
                ReaderFrames.Frame f = ReaderFrames.firstFrame(Path.of(corpus, name)).orElseThrow();
                FrameDecoder decoder = Codecs.find(f.transferSyntaxUid()).orElseThrow();
                for (int trial = 0; trial < TRIALS; trial++) {
                    byte[] bad = trial % 4 == 0
                            ? Arrays.copyOf(f.data(), 1 + random.nextInt(f.data().length - 1))
                            : mutate(f.data(), random, 1 + trial / 2);
                    try {
                        DecodedFrame out = decoder.decode(bad, f.format(), f.transferSyntaxUid());
                        assertEquals(f.format().samplesPerFrame(), out.samples().length, name);
                        decoded++;
                    } catch (DicomException e) {
                        assertEquals(Stage.DECODE, e.stage());
                        refused++;
                    } catch (RuntimeException | Error e) {
                        escaped.add(name + " trial " + trial + ": " + e);
                    }
                }
            }
        } finally {
            System.setErr(err);
        }
        assertTrue(escaped.isEmpty(), "exceptions escaped decode: " + escaped);
        assertTrue(refused > 0 && decoded + refused == FILES.length * TRIALS);
        org.slf4j.LoggerFactory.getLogger(CorpusCorruptionTest.class).info(
                "corrupted frames: {} decoded, {} refused; {} characters printed to stderr by plugins",
                decoded, refused, printed.size());
    }

    private static byte[] mutate(byte[] frame, Random random, int changes) {
        byte[] bad = frame.clone();
        for (int i = 0; i < changes; i++) {
            bad[random.nextInt(bad.length)] = (byte) random.nextInt(256);
        }
        return bad;
    }
}
