package org.mammoembed.dicom.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.Arrays;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.mammoembed.core.Stage;
import org.mammoembed.dicom.CorpusManifest;
import org.mammoembed.dicom.DicomException;

/**
 * Damaged streams (truncated, bit-flipped, bytes overwritten with 0xFF or zero) must either decode to a frame
 * of the right size or fail with a DECODE-stage {@link DicomException} that does not hide an internal error,
 * and never hang. Fixture streams always; corpus streams, the mammogram included, with {@code mammo.corpus}.
 */
class JpegLsDecoderRobustnessTest {
    private final JpegLsDecoder decoder = new JpegLsDecoder();

    @Test
    void damagedFixturesFailCleanly() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            Random random = new Random(20261126L);
            for (JpegLsFixtures f : JpegLsFixtures.all()) {
                if (f.decodable()) {
                    int rejected = damageRepeatedly(f.stream(), f.format(), f.transferSyntax(), random, 150);
                    assertFalse(rejected == 0, f.name() + ": no damaged stream was rejected");
                }
            }
        });
    }

    @Test
    void everyTruncationOfASmallStreamIsRejected() {
        JpegLsFixtures f = JpegLsFixtures.named("rgb08_ilv2_near2");
        byte[] stream = f.stream();
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            // cutting before the last two coded bytes always loses coded bits (EOI itself is optional)
            for (int length = 0; length < stream.length - 4; length++) {
                byte[] cut = Arrays.copyOf(stream, length);
                try {
                    decoder.decode(cut, f.format(), f.transferSyntax());
                    fail("truncated to " + length + " of " + stream.length + " bytes, yet decoded");
                } catch (DicomException e) {
                    assertClean(e);
                }
            }
        });
    }

    @Test
    void damagedCorpusStreamsFailCleanly() throws Exception {
        String[] paths = {"nyukat-derived/nyu_1_L_CC_jpegls.dcm", "gh-pydicom-data/JLSL_RGB_ILV2.dcm",
            "gh-dicomParser/encapsulated/single-frame/CT1_UNC.not_fragmented_bot_jpeg_ls.80.dcm",
            "gh-pydicom/JPEGLSNearLossless_16.dcm"};
        CorpusManifest.folder();
        Random random = new Random(7L);
        for (String path : paths) {
            JsonNode e = JpegLsTestCorpus.entry(path);
            byte[] stream = JpegLsTestCorpus.frame0(e);
            PixelFormat format = CorpusCodecConformanceTest.format(e);
            int tries = format.samplesPerFrame() > 1_000_000 ? 4 : 40;
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                damageRepeatedly(stream, format, e.path("transfer_syntax_uid").asText(), random, tries);
            }, path);
        }
    }

    /** @return how many damaged versions were rejected */
    private int damageRepeatedly(byte[] stream, PixelFormat format, String uid, Random random, int tries) {
        int rejected = 0;
        for (int i = 0; i < tries; i++) {
            byte[] damaged = damage(stream, random);
            try {
                DecodedFrame frame = decoder.decode(damaged, format, uid);
                assertEquals(format.samplesPerFrame(), frame.samples().length);
            } catch (DicomException e) {
                assertClean(e);
                rejected++;
            }
        }
        return rejected;
    }

    private static byte[] damage(byte[] stream, Random random) {
        byte[] d = stream.clone();
        switch (random.nextInt(4)) {
            case 0 -> d = Arrays.copyOf(d, random.nextInt(d.length));
            case 1 -> {
                for (int n = 1 + random.nextInt(3); n > 0; n--) {
                    int at = random.nextInt(d.length);
                    d[at] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 2 -> d[random.nextInt(d.length)] = (byte) 0xFF;
            default -> {
                int at = random.nextInt(d.length);
                Arrays.fill(d, at, Math.min(d.length, at + 1 + random.nextInt(16)), (byte) 0);
            }
        }
        return d;
    }

    private static void assertClean(DicomException e) {
        assertEquals(Stage.DECODE, e.stage());
        if (e.getCause() instanceof RuntimeException internal) {
            throw new AssertionError("internal error surfaced as a decode failure", internal);
        }
    }
}
