package org.mammoembed.reduce;

import java.util.Locale;
import org.mammoembed.core.Projection;
import org.mammoembed.core.Reducer;

/**
 * Wall-clock cost of the reducers as N grows, on D = 2048 rows in 10 Gaussian clusters. Not a test: run with
 * {@code java -cp <test classpath> org.mammoembed.reduce.ReducerBenchmark [tsne/umap sizes...]}; prints a table.
 * PCA runs at 20,000 x 2048. Each figure is one run after one small warm-up run (JIT). Wall seconds depend on
 * what else the machine runs; process CPU seconds (all threads) measure the work itself.
 */
public final class ReducerBenchmark {
    private ReducerBenchmark() {
    }

    public static void main(String[] args) {
        int[] sizes = args.length == 0 ? new int[] {500, 2000, 5000}
                : java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        int d = 2048;
        System.out.printf(Locale.ROOT, "cores available: %d, max heap %d MiB%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        time(Tsne.builder().iterations(250).build(), TestData.blobs(10, 20, d, 1, 1));
        time(Umap.builder().build(), TestData.blobs(10, 20, d, 1, 1));
        System.out.println("| method | N | D | wall s | process CPU s |");
        System.out.println("|---|---|---|---|---|");
        if (!Boolean.getBoolean("skipPca")) {
            float[][] big = TestData.blobs(10, 2000, d, 1, 2);
            row("pca (2 components)", big, Pca.builder().build());
        }
        for (int n : sizes) {
            float[][] x = TestData.blobs(10, n / 10, d, 1, n);
            row("umap (defaults)", x, Umap.builder().build());
            row("tsne (defaults, 1000 iterations)", x, Tsne.builder().build());
        }
    }

    private static void row(String name, float[][] x, Reducer reducer) {
        double cpu0 = cpuSeconds();
        double s = time(reducer, x);
        System.out.printf(Locale.ROOT, "| %s | %d | %d | %.1f | %.1f |%n", name, x.length, x[0].length, s,
                cpuSeconds() - cpu0);
    }

    /** CPU time of this process, all threads. */
    static double cpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    private static double time(Reducer reducer, float[][] x) {
        long t0 = System.nanoTime();
        Projection p = reducer.fitTransform(x);
        double s = (System.nanoTime() - t0) / 1e9;
        if (p.rows() != x.length) {
            throw new AssertionError("rows lost");
        }
        return s;
    }
}
