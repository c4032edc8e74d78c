package org.mammoembed.reduce.metrics;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.mammoembed.reduce.internal.Distances;

/**
 * k-means (Lloyd) with greedy k-means++ seeding (2 + ln k candidates per centre, as scikit-learn) and
 * {@code restarts} seeded restarts, keeping the lowest inertia. Deterministic for a seed: restart r uses
 * its own generator derived from the seed, assignments run in parallel but each row's result is independent,
 * and centroids are summed in row order. Stops after 300 iterations or when the centres move (in total squared
 * distance) by at most 1e-4 times the mean feature variance, as scikit-learn's {@code tol}. An emptied
 * cluster is re-seeded at the row farthest from its centre.
 */
public final class KMeans {
    private static final int MAX_ITERATIONS = 300;
    private static final double TOLERANCE = 1e-4;

    private final int[] labels;
    private final double[][] centroids;
    private final double inertia;

    private KMeans(int[] labels, double[][] centroids, double inertia) {
        this.labels = labels;
        this.centroids = centroids;
        this.inertia = inertia;
    }

    /** Cluster of each row, 0..k-1 (a copy). */
    public int[] labels() {
        return labels.clone();
    }

    /** k x d centres (a copy). */
    public double[][] centroids() {
        double[][] c = new double[centroids.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = centroids[i].clone();
        }
        return c;
    }

    /** Sum of squared distances of rows to their centre. */
    public double inertia() {
        return inertia;
    }

    /**
     * @param k        clusters, 1 {@literal <=} k {@literal <=} n
     * @param restarts seeded restarts, >= 1
     */
    public static KMeans fit(double[][] x, int k, int restarts, long seed) {
        if (k < 1 || k > x.length) {
            throw new IllegalArgumentException("k must be in [1, " + x.length + "], got " + k);
        }
        if (restarts < 1) {
            throw new IllegalArgumentException("restarts must be >= 1, got " + restarts);
        }
        double tol = TOLERANCE * meanVariance(x);
        KMeans best = null;
        for (int r = 0; r < restarts; r++) {
            SplittableRandom random = new SplittableRandom(seed * 1_000_003L + r);
            KMeans run = lloyd(x, seedCentres(x, k, random), tol);
            if (best == null || run.inertia < best.inertia) {
                best = run;
            }
        }
        return best;
    }

    private static double[][] seedCentres(double[][] x, int k, SplittableRandom random) {
        int n = x.length;
        int trials = 2 + (int) Math.log(k);
        double[][] centres = new double[k][];
        centres[0] = x[random.nextInt(n)].clone();
        double[] closest = new double[n];
        for (int i = 0; i < n; i++) {
            closest[i] = Distances.squared(x[i], centres[0]);
        }
        for (int c = 1; c < k; c++) {
            double potential = sum(closest);
            int bestCandidate = -1;
            double bestPotential = Double.POSITIVE_INFINITY;
            double[] bestClosest = null;
            for (int t = 0; t < trials; t++) {
                int candidate = sample(closest, potential, random);
                double[] updated = new double[n];
                for (int i = 0; i < n; i++) {
                    updated[i] = Math.min(closest[i], Distances.squared(x[i], x[candidate]));
                }
                double p = sum(updated);
                if (p < bestPotential) {
                    bestPotential = p;
                    bestCandidate = candidate;
                    bestClosest = updated;
                }
            }
            centres[c] = x[bestCandidate].clone();
            closest = bestClosest;
        }
        return centres;
    }

    /** A row drawn with probability proportional to its weight (uniform when all weights are 0). */
    private static int sample(double[] weights, double total, SplittableRandom random) {
        if (!(total > 0)) {
            return random.nextInt(weights.length);
        }
        double target = random.nextDouble() * total;
        double acc = 0.0;
        for (int i = 0; i < weights.length; i++) {
            acc += weights[i];
            if (acc > target) {
                return i;
            }
        }
        return weights.length - 1;
    }

    private static KMeans lloyd(double[][] x, double[][] centres, double tol) {
        int n = x.length;
        int d = x[0].length;
        int k = centres.length;
        int[] labels = new int[n];
        double[] distance = new double[n];
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            assign(x, centres, labels, distance);
            double[][] updated = new double[k][d];
            int[] size = new int[k];
            for (int i = 0; i < n; i++) {
                size[labels[i]]++;
                double[] c = updated[labels[i]];
                for (int j = 0; j < d; j++) {
                    c[j] += x[i][j];
                }
            }
            for (int c = 0; c < k; c++) {
                if (size[c] == 0) {
                    int far = 0;
                    for (int i = 1; i < n; i++) {
                        if (distance[i] > distance[far]) {
                            far = i;
                        }
                    }
                    updated[c] = x[far].clone();
                    distance[far] = 0.0;
                } else {
                    for (int j = 0; j < d; j++) {
                        updated[c][j] /= size[c];
                    }
                }
            }
            double shift = 0.0;
            for (int c = 0; c < k; c++) {
                shift += Distances.squared(centres[c], updated[c]);
            }
            centres = updated;
            if (shift <= tol) {
                break;
            }
        }
        assign(x, centres, labels, distance);
        return new KMeans(labels, centres, sum(distance));
    }

    private static void assign(double[][] x, double[][] centres, int[] labels, double[] distance) {
        IntStream.range(0, x.length).parallel().forEach(i -> {
            int best = 0;
            double bestD = Double.POSITIVE_INFINITY;
            for (int c = 0; c < centres.length; c++) {
                double dist = Distances.squared(x[i], centres[c]);
                if (dist < bestD) {
                    bestD = dist;
                    best = c;
                }
            }
            labels[i] = best;
            distance[i] = bestD;
        });
    }

    private static double meanVariance(double[][] x) {
        int n = x.length;
        int d = x[0].length;
        double total = 0.0;
        for (int j = 0; j < d; j++) {
            double mean = 0.0;
            for (double[] row : x) {
                mean += row[j];
            }
            mean /= n;
            double var = 0.0;
            for (double[] row : x) {
                var += (row[j] - mean) * (row[j] - mean);
            }
            total += var / n;
        }
        return total / d;
    }

    private static double sum(double[] v) {
        double s = 0.0;
        for (double x : v) {
            s += x;
        }
        return s;
    }
}
