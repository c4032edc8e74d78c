package org.mammoembed.dicom.codec;

import org.mammoembed.dicom.TransferSyntax;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Decoding speed of the corpus's 3328x2560 JPEG-LS mammograms (not a test). Run with the corpus folder as
 * argument, e.g. from mammo-dicom after {@code mvn test-compile}:
 * {@code java -cp target/classes:target/test-classes:<deps> org.mammoembed.dicom.codec.JpegLsDecoderBenchmark
 * /work/shared/dicom-corpus}.
 */
public final class JpegLsDecoderBenchmark {
    private static final String[] FILES = {"nyukat-derived/nyu_1_L_CC_jpegls.dcm",
        "nyukat-derived/nyu_2_R_CC_dcmtk_jls.dcm"};
    private static final int WARMUP = 5;
    private static final int RUNS = 15;

    private JpegLsDecoderBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path corpus = Path.of(args.length > 0 ? args[0] : System.getProperty("mammo.corpus",
                "/work/shared/dicom-corpus"));
        JpegLsDecoder decoder = new JpegLsDecoder();
        // thread CPU time as well as wall time: on a shared machine the wall time mostly measures the neighbours
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        System.out.printf("%-40s %10s %9s %8s %10s %11s %9s%n", "file", "size", "stream MB", "min ms",
                "median ms", "min CPU ms", "Mpixel/s");
        for (String file : FILES) {
            byte[] stream = ReaderFrames.firstFrame(corpus.resolve(file)).orElseThrow().data();
            PixelFormat format = new PixelFormat(3328, 2560, 1, 16, 12, 11, false, "MONOCHROME2", 0);
            long checksum = 0;
            for (int i = 0; i < WARMUP; i++) {
                checksum += decoder.decode(stream, format, TransferSyntax.JPEG_LS_LOSSLESS_UID).samples()[12345];
            }
            long[] nanos = new long[RUNS];
            long minCpu = Long.MAX_VALUE;
            for (int i = 0; i < RUNS; i++) {
                long cpu = threads.getCurrentThreadCpuTime();
                long start = System.nanoTime();
                checksum += decoder.decode(stream, format, TransferSyntax.JPEG_LS_LOSSLESS_UID).samples()[54321];
                nanos[i] = System.nanoTime() - start;
                minCpu = Math.min(minCpu, threads.getCurrentThreadCpuTime() - cpu);
            }
            Arrays.sort(nanos);
            double median = nanos[RUNS / 2] / 1e6;
            System.out.printf("%-40s %10s %9.2f %8.1f %10.1f %11.1f %9.1f%n", file, "3328x2560",
                    stream.length / 1e6, nanos[0] / 1e6, median, minCpu / 1e6, 3328.0 * 2560 / 1e3 / (minCpu / 1e6));
            if (checksum == Long.MIN_VALUE) {
                System.out.println(); // keeps the results alive
            }
        }
    }
}
