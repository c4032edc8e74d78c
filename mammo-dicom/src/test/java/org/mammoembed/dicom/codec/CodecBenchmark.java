package org.mammoembed.dicom.codec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Decode speed of frame 0 of the corpus mammograms, one row per codec. Run from the module folder after
 * {@code mvn test-compile}:
 * {@code java -cp target/classes:target/test-classes:<dependencies> org.mammoembed.dicom.codec.CodecBenchmark
 * /work/shared/dicom-corpus}. Prints the median of 7 timed decodes after 3 warm-up decodes.
 */
public final class CodecBenchmark {
    private CodecBenchmark() {
    }

    private record Case(String path, String ts, PixelFormat format, int frames) {
    }

    public static void main(String[] args) throws Exception {
        Path corpus = Path.of(args.length > 0 ? args[0] : "/work/shared/dicom-corpus");
        PixelFormat mammo = new PixelFormat(3328, 2560, 1, 16, 12, 11, false, "MONOCHROME2", 0);
        Case[] cases = {
            new Case("nyukat-derived/nyu_2_R_CC_rle.dcm", "1.2.840.10008.1.2.5",
                    new PixelFormat(3328, 2560, 1, 16, 12, 11, false, "MONOCHROME1", 0), 1),
            new Case("nyukat-derived/nyu_1_L_CC_jpegll.dcm", "1.2.840.10008.1.2.4.70", mammo, 1),
            new Case("nyukat-derived/nyu_1_L_CC_j2k.dcm", "1.2.840.10008.1.2.4.90", mammo, 1),
            new Case("gh-dicomParser/encapsulated/multi-frame/CT0012.fragmented_no_bot_jpeg_baseline.51.dcm",
                    "1.2.840.10008.1.2.4.51", new PixelFormat(512, 512, 1, 16, 12, 11, false, "MONOCHROME2", 0), 2),
            new Case("gh-pydicom/examples_ybr_color.dcm", "1.2.840.10008.1.2.4.50",
                    new PixelFormat(240, 320, 3, 8, 8, 7, false, "YBR_FULL_422", 0), 30),
        };
        System.out.printf("%-62s %-24s %9s %10s %9s%n", "file (frame 0)", "decoder", "Mpixels", "median ms", "Mpix/s");
        for (Case c : cases) {
            Path file = corpus.resolve(c.path);
            if (!Files.exists(file)) {
                continue;
            }
            byte[] frame = EncapsulatedFrames.firstFrame(file, c.frames, c.ts.equals("1.2.840.10008.1.2.5"));
            FrameDecoder decoder = Codecs.find(c.ts).orElseThrow();
            for (int i = 0; i < 3; i++) {
                decoder.decode(frame, c.format, c.ts);
            }
            double[] ms = new double[7];
            for (int i = 0; i < ms.length; i++) {
                long t0 = System.nanoTime();
                decoder.decode(frame, c.format, c.ts);
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
            Arrays.sort(ms);
            double mpix = (double) c.format.rows() * c.format.columns() / 1e6;
            System.out.printf("%-62s %-24s %9.2f %10.1f %9.1f%n", c.path, decoder.getClass().getSimpleName(), mpix,
                    ms[3], mpix / (ms[3] / 1000));
        }
    }
}
