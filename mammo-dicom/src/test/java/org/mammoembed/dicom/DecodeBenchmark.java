package org.mammoembed.dicom;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.mammoembed.core.DecodedImage;
import org.mammoembed.dicom.codec.PreviousDecoders;

/**
 * Decode time per image of 3328x2560 16-bit mammograms: {@link DicomFileReader} (in-process, warmed up) as it is
 * ("ours") and with the decoders it had before (TwelveMonkeys for lossless JPEG, JJ2000 alone for JPEG 2000:
 * "before", {@link PreviousDecoders}), beside DCMTK's {@code dcmj2pnm} and GDCM's {@code gdcmconv --raw} (one
 * process per image, so their figures include process start and writing the output file;
 * {@code -Dbench.tools=false} skips them). The four are timed in turns, round after round, so that load on the
 * shared machine hits them alike; each figure is the median over the rounds. Prints a table; not a test.
 *
 * <pre>
 * mvn -o -q -pl mammo-dicom test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.mammoembed.dicom.DecodeBenchmark -Dexec.args="[extra.dcm ...]"
 * </pre>
 */
public final class DecodeBenchmark {
    private static final int WARMUP = 3;
    private static final int ROUNDS = 9;

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
        DicomFileReader previous = DicomFileReader.builder().decoders(PreviousDecoders::find).build();
        boolean tools = !"false".equals(System.getProperty("bench.tools"));
        System.out.printf("%-36s %9s %8s %11s %11s %9s %11s %9s %9s %9s%n", "file", "before ms", "ours ms",
                "dcmj2pnm ms", "gdcmconv ms", "ours/gdcm", "before/gdcm", "ours cpu", "gdcm cpu", "cpu ratio");
        for (Path f : files) {
            List<Body> bodies = List.of(() -> read(reader, f), () -> read(previous, f),
                    tool(dir, List.of("dcmj2pnm", "+on2", f.toString(), dir.resolve("out.pgm").toString())),
                    tool(dir, List.of("gdcmconv", "--raw", f.toString(), dir.resolve("out.dcm").toString())));
            double[][] wall = new double[bodies.size()][ROUNDS];
            double[][] cpu = new double[bodies.size()][ROUNDS];
            boolean[] works = new boolean[bodies.size()];
            for (int b = 0; b < bodies.size(); b++) {
                works[b] = (b < 2 || tools) && warm(bodies.get(b), b < 2 ? WARMUP : 1);
            }
            for (int r = 0; r < ROUNDS; r++) {
                for (int b = 0; b < bodies.size(); b++) {
                    if (works[b]) {
                        long start = System.nanoTime();
                        cpu[b][r] = bodies.get(b).run();
                        wall[b][r] = (System.nanoTime() - start) / 1e6;
                    }
                }
            }
            double[] w = new double[bodies.size()];
            double[] c = new double[bodies.size()];
            for (int b = 0; b < bodies.size(); b++) {
                w[b] = works[b] ? median(wall[b]) : Double.NaN;
                c[b] = works[b] ? median(cpu[b]) : Double.NaN;
            }
            System.out.printf("%-36s %9s %8s %11s %11s %9s %11s %9s %9s %9s%n", f.getFileName(), fmt(w[1]),
                    fmt(w[0]), fmt(w[2]), fmt(w[3]), ratio(w[0], w[3]), ratio(w[1], w[3]), fmt(c[0]), fmt(c[3]),
                    ratio(c[0], c[3]));
        }
        System.out.println("median of " + ROUNDS + " rounds (each: ours, before, dcmj2pnm, gdcmconv) after warm-up;"
                + " tools: one process per image (start + decode + write); cpu: user + system CPU ms of the whole"
                + " process (ours: the JVM's, JIT and GC included; tools: /usr/bin/time)");
    }

    private static double median(double[] v) {
        double[] sorted = v.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** The JVM's CPU time (all threads) in ms. */
    private static double processCpuMillis() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e6;
    }

    /** Reads {@code f}; returns the CPU ms it took. */
    private static double read(DicomFileReader reader, Path f) throws Exception {
        double cpu = processCpuMillis();
        DecodedImage img = reader.read(f);
        if (img.sampleCount() == 0) {
            throw new IllegalStateException();
        }
        return processCpuMillis() - cpu;
    }

    /** Runs {@code body} {@code times} times; false when it fails (a tool that is missing or refuses the file). */
    private static boolean warm(Body body, int times) {
        try {
            for (int i = 0; i < times; i++) {
                body.run();
            }
            return true;
        } catch (Exception e) {
            return false;
        }
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

    /** One timed operation; returns the CPU ms it used. */
    interface Body {
        double run() throws Exception;
    }

    /**
     * A command run to completion under {@code /usr/bin/time}, returning its user + system CPU ms; throws when it
     * is missing or fails.
     */
    private static Body tool(Path dir, List<String> command) {
        return () -> {
            Path times = dir.resolve("time.txt");
            List<String> timed = new ArrayList<>(List.of("/usr/bin/time", "-f", "%U %S", "-o", times.toString()));
            timed.addAll(command);
            Process p = new ProcessBuilder(timed).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException(command.get(0) + " failed");
            }
            String[] userSystem = Files.readString(times).trim().split("\\s+");
            return (Double.parseDouble(userSystem[0]) + Double.parseDouble(userSystem[1])) * 1000;
        };
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "n/a" : String.format("%.1f", v);
    }

    private static String ratio(double a, double b) {
        return Double.isNaN(a) || Double.isNaN(b) ? "n/a" : String.format("%.2f", a / b);
    }
}
