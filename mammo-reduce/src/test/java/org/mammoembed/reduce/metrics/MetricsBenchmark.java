package org.mammoembed.reduce.metrics;

import java.util.Locale;
import java.util.Random;

/**
 * Wall-clock cost of the exact silhouette (O(N^2 D)) and of one k-means fit (k = 4, 10 restarts) on D = 2048
 * rows in 4 clusters. Not a test: run with {@code java -cp <test classpath>
 * org.mammoembed.reduce.metrics.MetricsBenchmark [sizes...]}; prints a table. One run per size after a warm-up.
 */
public final class MetricsBenchmark {
    private MetricsBenchmark() {
    }

    public static void main(String[] args) {
        int[] sizes = args.length == 0 ? new int[] {1000, 2000, 4000}
                : java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        int d = 2048;
        System.out.printf(Locale.ROOT, "cores available: %d%n", Runtime.getRuntime().availableProcessors());
        ClusterMetrics.of(data(300, d), labels(300));
        System.out.println("| N | D | silhouette+DB+CH wall s (CPU s) | k-means k=4 x10 wall s (CPU s) | heap MiB |");
        System.out.println("|---|---|---|---|---|");
        for (int n : sizes) {
            double[][] x = data(n, d);
            int[] y = labels(n);
            double c0 = cpuSeconds();
            long t0 = System.nanoTime();
            ClusterMetrics.of(x, y);
            double metrics = (System.nanoTime() - t0) / 1e9;
            double c1 = cpuSeconds();
            t0 = System.nanoTime();
            KMeans.fit(x, 4, 10, 1);
            double kmeans = (System.nanoTime() - t0) / 1e9;
            double c2 = cpuSeconds();
            Runtime rt = Runtime.getRuntime();
            System.out.printf(Locale.ROOT, "| %d | %d | %.1f (%.1f) | %.1f (%.1f) | %d |%n", n, d, metrics, c1 - c0,
                    kmeans, c2 - c1, (rt.totalMemory() - rt.freeMemory()) >> 20);
        }
    }

    private static double cpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    private static int[] labels(int n) {
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = 1 + i % 4;
        }
        return y;
    }

    private static double[][] data(int n, int d) {
        Random r = new Random(n);
        double[][] centres = new double[4][d];
        for (double[] c : centres) {
            for (int j = 0; j < d; j++) {
                c[j] = r.nextGaussian() * 0.3;
            }
        }
        double[][] x = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x[i][j] = centres[i % 4][j] + r.nextGaussian();
            }
        }
        return x;
    }
}
