package org.mammoembed.dicom.codec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Decode speed of frame 0 of corpus files, one row per codec (the codec alone: the frame is captured from the
 * reader once, then decoded repeatedly). Run from the module folder after {@code mvn test-compile}:
 * {@code java -cp target/classes:target/test-classes:<dependencies> org.mammoembed.dicom.codec.CodecBenchmark
 * /work/shared/dicom-corpus}. Prints the median of 7 timed decodes after 3 warm-up decodes.
 */
public final class CodecBenchmark {
    private static final String[] FILES = {
        "nyukat-derived/nyu_2_R_CC_rle.dcm",
        "nyukat-derived/nyu_1_L_CC_jpegll.dcm",
        "nyukat-derived/nyu_1_L_CC_j2k.dcm",
        "nyukat-derived/nyu_1_L_CC_jpegls.dcm",
        "gh-dicomParser/encapsulated/multi-frame/CT0012.fragmented_no_bot_jpeg_baseline.51.dcm",
        "gh-pydicom/examples_ybr_color.dcm",
    };

    private CodecBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path corpus = Path.of(args.length > 0 ? args[0] : "/work/shared/dicom-corpus");
        System.out.printf("%-62s %-24s %9s %10s %9s%n", "file (frame 0)", "decoder", "Mpixels", "median ms", "Mpix/s");
        for (String name : FILES) {
            Path file = corpus.resolve(name);
            if (!Files.exists(file)) {
                continue;
            }
            ReaderFrames.Frame f = ReaderFrames.firstFrame(file).orElseThrow();
            FrameDecoder decoder = Codecs.find(f.transferSyntaxUid()).orElseThrow();
            for (int i = 0; i < 3; i++) {
                decoder.decode(f.data(), f.format(), f.transferSyntaxUid());
            }
            double[] ms = new double[7];
            for (int i = 0; i < ms.length; i++) {
                long t0 = System.nanoTime();
                decoder.decode(f.data(), f.format(), f.transferSyntaxUid());
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
            Arrays.sort(ms);
            double mpix = (double) f.format().rows() * f.format().columns() / 1e6;
            System.out.printf("%-62s %-24s %9.2f %10.1f %9.1f%n", name, decoder.getClass().getSimpleName(), mpix,
                    ms[3], mpix / (ms[3] / 1000));
        }
    }
}
