package org.mammoembed.embed;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import org.mammoembed.core.DecodedImage;
import org.mammoembed.core.MammoException;
import org.mammoembed.core.Percentiles;
import org.mammoembed.core.Photometric;
import org.mammoembed.embed.preprocess.Geometry;
import org.mammoembed.embed.preprocess.ResizeMode;

/**
 * Times preprocessing of one 3328 x 2560 mammogram-sized image, per stage and whole, single-threaded, after
 * warm-up; prints a table: median and min wall time of the timed runs, and the median CPU time of the calling
 * thread (robust to other load on the machine; excludes ND4J's native worker threads). Not a test. Run from the module folder:
 * {@code java -cp target/classes:target/test-classes:$(cat cp.txt) org.mammoembed.embed.PreprocessingBenchmark [runs]}
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
        float[] integral = org.mammoembed.embed.preprocess.TestImages.synthetic(rows, cols, 1);
        float[] real = integral.clone();
        for (int i = 0; i < real.length; i++) {
            real[i] = real[i] * 0.37f + 0.1f;
        }
        DecodedImage image = org.mammoembed.embed.preprocess.TestImages.gray(rows, cols, integral, Photometric.MONOCHROME2);
        Percentiles stats = new Percentiles();
        SeparableResampler resampler = new SeparableResampler();
        float[] plane = new float[224 * 224];
        float[] dst = new float[3 * 224 * 224];
        SeparableResampler.RowSource copy = (y, row) -> {
            System.arraycopy(integral, y * cols, row, 0, cols);
            return SeparableResampler.ALL;
        };

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
                resampler.render(Geometry.stretch(), copy, rows, cols, ResizeMode.BILINEAR_ANTIALIAS, 224, 224, plane));
        time("resize, bicubic short side 512 + crop 224", runs, () ->
                resampler.render(Geometry.shortSideCenterCrop(512), copy, rows, cols, ResizeMode.BICUBIC, 224, 224,
                        plane));
        time("grey to 3 channels + normalise (ND4J)", runs, () -> Nd4jNormalise.write(plane, dst));
        time("grey to 3 channels + normalise (plain loop)", runs, () -> loopNormalise(plane, dst));
        int[] storedValues = new int[integral.length];
        for (int i = 0; i < storedValues.length; i++) {
            storedValues[i] = (int) integral[i];
        }
        org.mammoembed.core.StoredPixels sp = new org.mammoembed.core.StoredPixels(storedValues, 12, false, 1, 0);
        DecodedImage storedImage = DecodedImage.ofStored(rows, cols, sp, Photometric.MONOCHROME2, image.metadata(),
                image.voi());
        time("percentiles, stored integers (one counting pass)", runs, () -> {
            stats.loadStored(sp);
            stats.percentile(0.5);
            stats.percentile(99.5);
        });
        time("Preprocessing.defaults().apply (float pixels)", runs, () -> apply(Preprocessing.defaults(), image, dst));
        time("Preprocessing.defaults().apply (stored integers)", runs,
                () -> apply(Preprocessing.defaults(), storedImage, dst));
        time("Preprocessing.seedCompatible().apply", runs, () -> apply(Preprocessing.seedCompatible(), image, dst));

    }

    private static final float[] MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] STD = {0.229f, 0.224f, 0.225f};

    /** What Preprocessing does after the resize. */
    private static void loopNormalise(float[] plane, float[] dst) {
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < plane.length; i++) {
                dst[c * plane.length + i] = (plane[i] - MEAN[c]) / STD[c];
            }
        }
    }

    /** What Preprocessing did with ND4J before (one workspace per thread, row/column vector ops). */
    private static final class Nd4jNormalise {
        private static final org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration CONFIG =
                org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration.builder().initialSize(0)
                        .policyAllocation(org.nd4j.linalg.api.memory.enums.AllocationPolicy.STRICT)
                        .policyLearning(org.nd4j.linalg.api.memory.enums.LearningPolicy.FIRST_LOOP).build();

        static void write(float[] plane, float[] dst) {
            int n = plane.length;
            try (org.nd4j.linalg.api.memory.MemoryWorkspace ignored = org.nd4j.linalg.factory.Nd4j
                    .getWorkspaceManager().getAndActivateWorkspace(CONFIG, "bench")) {
                org.nd4j.linalg.api.ndarray.INDArray grey = org.nd4j.linalg.factory.Nd4j.create(
                        org.nd4j.linalg.api.buffer.DataType.FLOAT, 1, n);
                grey.data().asNioFloat().put(plane, 0, n);
                org.nd4j.linalg.api.ndarray.INDArray means = org.nd4j.linalg.factory.Nd4j.createFromArray(MEAN)
                        .reshape(3, 1);
                org.nd4j.linalg.api.ndarray.INDArray stds = org.nd4j.linalg.factory.Nd4j.createFromArray(STD)
                        .reshape(3, 1);
                org.nd4j.linalg.api.ndarray.INDArray out = org.nd4j.linalg.factory.Nd4j.create(
                        org.nd4j.linalg.api.buffer.DataType.FLOAT, 3, n);
                out.addiRowVector(grey).subiColumnVector(means).diviColumnVector(stds);
                out.data().asNioFloat().get(dst, 0, 3 * n);
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
