package org.mammoembed.dicom;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.mammoembed.core.DecodedImage;

/**
 * Decode time per image of native 3328x2560 16-bit mammograms: {@link DicomFileReader} (in-process, warmed up)
 * beside DCMTK's {@code dcmj2pnm} and GDCM's {@code gdcmconv --raw} (one process per image, so their figures
 * include process start and writing the output file; {@code -Dbench.tools=false} skips them). Prints a table;
 * not a test.
 *
 * <pre>
 * mvn -o -q -pl mammo-dicom test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.mammoembed.dicom.DecodeBenchmark -Dexec.args="[extra.dcm ...]"
 * </pre>
 */
public final class DecodeBenchmark {
    private static final int WARMUP = 5;
    private static final int RUNS = 15;
    private static final int TOOL_RUNS = 5;

    private DecodeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("decode-bench");
        List<Path> files = new ArrayList<>();
        files.add(synthetic(dir.resolve("synthetic-3328x2560-explicit-le.dcm"), TransferSyntax.EXPLICIT_VR_LE_UID));
        files.add(synthetic(dir.resolve("synthetic-3328x2560-explicit-be.dcm"), TransferSyntax.EXPLICIT_VR_BE_UID));
        for (String a : args) {
            files.add(Path.of(a));
        }
        DicomFileReader reader = DicomFileReader.create();
        System.out.printf("%-45s %10s %12s %12s %10s %10s%n", "file", "ours ms", "dcmj2pnm ms", "gdcmconv ms",
                "dcmtk/ours", "gdcm/ours");
        for (Path f : files) {
            double ours = medianMillis(() -> {
                DecodedImage img = reader.read(f);
                if (img.sampleCount() == 0) {
                    throw new IllegalStateException();
                }
            }, WARMUP, RUNS);
            boolean tools = !"false".equals(System.getProperty("bench.tools"));
            double dcmtk = tools ? tool(List.of("dcmj2pnm", "+on2", f.toString(), dir.resolve("out.pgm").toString()))
                    : Double.NaN;
            double gdcm = tools ? tool(List.of("gdcmconv", "--raw", f.toString(), dir.resolve("out.dcm").toString()))
                    : Double.NaN;
            System.out.printf("%-45s %10.1f %12s %12s %10s %10s%n", f.getFileName(), ours, fmt(dcmtk), fmt(gdcm),
                    ratio(dcmtk, ours), ratio(gdcm, ours));
        }
        System.out.println("ours: median of " + RUNS + " in-process reads after " + WARMUP + " warm-up reads;"
                + " tools: median of " + TOOL_RUNS + " process runs (start + decode + write)");
    }

    private static Path synthetic(Path file, String ts) throws IOException {
        int rows = 3328;
        int cols = 2560;
        int[] px = new int[rows * cols];
        Random rnd = new Random(42);
        for (int i = 0; i < px.length; i++) {
            px[i] = rnd.nextInt(4096);
        }
        DicomAttributes a = new DicomAttributes()
                .setString(Tag.SOP_CLASS_UID, Vr.UI, "1.2.840.10008.5.1.4.1.1.1.2")
                .setString(Tag.MODALITY, Vr.CS, "MG")
                .setString(Tag.RESCALE_SLOPE, Vr.DS, "1").setString(Tag.RESCALE_INTERCEPT, Vr.DS, "0");
        NativePixels.grayscale(rows, cols, 16, 12, false, "MONOCHROME2", px).writeTo(a);
        DicomWriter.builder().transferSyntax(ts).build().write(file, a);
        return file;
    }

    interface Body {
        void run() throws Exception;
    }

    private static double medianMillis(Body body, int warmup, int runs) throws Exception {
        for (int i = 0; i < warmup; i++) {
            body.run();
        }
        double[] t = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            body.run();
            t[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(t);
        return t[runs / 2];
    }

    /** Median wall time of a command, or NaN when it is not installed or fails. */
    private static double tool(List<String> command) {
        try {
            return medianMillis(() -> {
                Process p = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    p.destroyForcibly();
                    throw new IOException(command.get(0) + " failed");
                }
            }, 1, TOOL_RUNS);
        } catch (Exception e) {
            return Double.NaN;
        }
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "n/a" : String.format("%.1f", v);
    }

    private static String ratio(double tool, double ours) {
        return Double.isNaN(tool) ? "n/a" : String.format("%.2f", tool / ours);
    }
}
