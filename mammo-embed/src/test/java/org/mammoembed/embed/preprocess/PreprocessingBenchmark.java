package org.mammoembed.embed.preprocess;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import org.mammoembed.core.DecodedImage;
import org.mammoembed.core.MammoException;
import org.mammoembed.core.Percentiles;
import org.mammoembed.core.Photometric;
import org.mammoembed.embed.Preprocessing;

/**
 * Times preprocessing of one 3328 x 2560 mammogram-sized image, per stage and whole, single-threaded, after
 * warm-up; prints a table: median and min wall time of the timed runs, and the median CPU time of the calling
 * thread (robust to other load on the machine; excludes ND4J's native worker threads). Not a test. Run from the module folder:
 * {@code java -cp target/classes:target/test-classes:$(cat cp.txt) org.mammoembed.embed.preprocess.PreprocessingBenchmark [runs]}
 * with {@code cp.txt} from {@code mvn -o dependency:build-classpath -Dmdep.outputFile=cp.txt}.
 */
public final class PreprocessingBenchmark {
    private PreprocessingBenchmark() {
    }

    @FunctionalInterface
    private interface Stage {
        void run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int rows = 3328;
        int cols = 2560;
        float[] integral = TestImages.synthetic(rows, cols, 1);
        float[] real = integral.clone();
        for (int i = 0; i < real.length; i++) {
            real[i] = real[i] * 0.37f + 0.1f;
        }
        DecodedImage image = TestImages.gray(rows, cols, integral, Photometric.MONOCHROME2);
        Percentiles stats = new Percentiles();
        SeparableResampler resampler = new SeparableResampler();
        float[] plane = new float[224 * 224];
        float[] dst = new float[3 * 224 * 224];
        ChannelNormalizer normalizer = new ChannelNormalizer(new float[] {0.485f, 0.456f, 0.406f},
                new float[] {0.229f, 0.224f, 0.225f});
        SeparableResampler.RowSource copy = (y, row) -> System.arraycopy(integral, y * cols, row, 0, cols);

        System.out.printf(Locale.ROOT, "preprocessing %dx%d -> 3x224x224, %d runs, 1 thread, %s%n", rows, cols,
                runs, System.getProperty("java.vm.name") + " " + Runtime.version());
        System.out.printf(Locale.ROOT, "%-46s %10s %10s %12s%n", "stage", "median ms", "min ms", "cpu med ms");
        time("percentiles, integral data (histogram)", runs, () -> {
            stats.load(integral, null);
            stats.percentile(0.5);
            stats.percentile(99.5);
        });
        time("percentiles, non-integral data (radix select)", runs, () -> {
            stats.load(real, null);
            stats.percentile(0.5);
            stats.percentile(99.5);
        });
        time("resize, antialiased bilinear (no windowing)", runs, () ->
                Geometry.stretch().render(resampler, copy, rows, cols, ResizeMode.BILINEAR_ANTIALIAS, 224, 224, plane));
        time("resize, bicubic short side 512 + crop 224", runs, () ->
                Geometry.shortSideCenterCrop(512).render(resampler, copy, rows, cols, ResizeMode.BICUBIC, 224, 224,
                        plane));
        time("grey to 3 channels + normalise (ND4J)", runs, () -> normalizer.write(plane, 224, 224, dst, 0));
        time("Preprocessing.defaults().apply (all steps)", runs, () -> apply(Preprocessing.defaults(), image, dst));
        time("Preprocessing.seedCompatible().apply", runs, () -> apply(Preprocessing.seedCompatible(), image, dst));

        // native memory must stay flat (ND4J arrays live in a reused per-thread workspace): JavaCPP's count of
        // native bytes it allocated, and the process's resident size (which also moves with the Java heap)
        for (int round = 0; round < 7; round++) {
            System.gc();
            System.out.printf(Locale.ROOT, "after %4d normalisations: native (JavaCPP) %.1f MiB, resident %.1f MiB%n",
                    round * 500, org.bytedeco.javacpp.Pointer.totalBytes() / 1048576.0,
                    org.bytedeco.javacpp.Pointer.physicalBytes() / 1048576.0);
            for (int i = 0; i < 500; i++) {
                normalizer.write(plane, 224, 224, dst, 0);
            }
        }
    }

    private static void apply(Preprocessing p, DecodedImage image, float[] dst) throws MammoException {
        p.apply(image, dst, 0);
    }

    private static void time(String name, int runs, Stage stage) throws Exception {
        for (int i = 0; i < Math.max(3, runs / 4); i++) {
            stage.run();
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] ms = new double[runs];
        double[] cpu = new double[runs];
        for (int i = 0; i < runs; i++) {
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            stage.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
            cpu[i] = (threads.getCurrentThreadCpuTime() - c0) / 1e6;
        }
        Arrays.sort(ms);
        Arrays.sort(cpu);
        System.out.printf(Locale.ROOT, "%-46s %10.1f %10.1f %12.1f%n", name, ms[runs / 2], ms[0], cpu[runs / 2]);
    }
}
