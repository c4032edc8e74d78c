package org.mammoembed.reduce;

import org.mammoembed.reduce.internal.Check;
import org.mammoembed.reduce.internal.GaussianNoise;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.mammoembed.core.Projection;
import org.mammoembed.core.Reducer;
import org.mammoembed.core.StageListener;
import org.mammoembed.core.StageProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * t-distributed stochastic neighbour embedding (van der Maaten and Hinton 2008), following scikit-learn's
 * defaults: input affinities from the 3 * perplexity nearest neighbours (exact search after a PCA
 * pre-reduction), PCA initialisation, early exaggeration 12 for the first 250 iterations with momentum 0.5,
 * then momentum 0.8, learning rate {@code max(n / 12 / 4, 50)}, adaptive gains.
 *
 * <p>Repulsive forces use the Barnes-Hut approximation with theta 0.5 (scikit-learn's default), O(n log n) per
 * iteration ({@link BarnesHutTree}); {@code theta(0)} makes them exact, O(n^2) per iteration. Memory is
 * O(n * perplexity). Measured by {@code ReducerBenchmark} (D = 2048 in 10 clusters, 1000 iterations, process
 * CPU seconds, PCA pre-reduction included): theta 0.5: N = 500: 1.5 s, 2000: 7.0 s, 5000: 21.8 s, 20,000:
 * 120 s; theta 0
 * (exact): N = 500: 2.0 s, 2000: 17 s, 5000: about 110 s, growing as n^2.
 *
 * <p>Small inputs: the perplexity is clamped to (n - 1) / 3 (logged), so any n >= 2 works; a single row is
 * placed at the origin. Deterministic for a seed: the seed drives the PCA pre-reduction and a tiny jitter of
 * the PCA initialisation (which separates rows that coincide in the first two components), and all parallel
 * sums are reduced in a fixed order.
 *
 * <p>Details: {@code perplexity} (effective), {@code requested_perplexity}, {@code iterations},
 * {@code learning_rate}, {@code pca_dimensions} (0 when no pre-reduction ran), {@code kl_divergence}, {@code seed}.
 */
public final class Tsne implements Reducer {
    private static final Logger LOG = LoggerFactory.getLogger(Tsne.class);
    private static final int PROGRESS_EVERY = 25;
    private static final int EXAGGERATION_ITERATIONS = 250;
    private static final double MIN_GAIN = 0.01;

    private final int dimensions;
    private final double perplexity;
    private final int iterations;
    private final double learningRate;
    private final double earlyExaggeration;
    private final int pcaDimensions;
    private final double theta;
    private final long seed;

    private Tsne(Builder b) {
        this.dimensions = b.dimensions;
        this.perplexity = b.perplexity;
        this.iterations = b.iterations;
        this.learningRate = b.learningRate;
        this.earlyExaggeration = b.earlyExaggeration;
        this.pcaDimensions = b.pcaDimensions;
        this.theta = b.theta;
        this.seed = b.seed;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return "tsne";
    }

    @Override
    public int dimensions() {
        return dimensions;
    }

    @Override
    public Projection fitTransform(float[][] data) {
        return fitTransform(data, StageListener.NONE);
    }

    /** Reports the gradient-descent iterations (every 25) under the stage name "tsne". */
    @Override
    public Projection fitTransform(float[][] data, StageListener listener) {
        long start = System.nanoTime();
        listener.onStage(StageProgress.of(name(), 0, iterations, "iterations", 0, start));
        int d = Check.matrix(data);
        int n = data.length;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("requested_perplexity", perplexity);
        details.put("seed", seed);
        if (n == 1) {
            details.put("note", "a single row is placed at the origin");
            listener.onStage(StageProgress.of(name(), iterations, iterations, "iterations", 0, start));
            return new Projection(name(), new double[1][dimensions], details);
        }
        double effective = perplexity;
        if (effective > (n - 1) / 3.0) {
            effective = (n - 1) / 3.0;
            LOG.info("t-SNE perplexity {} clamped to {} for {} rows", perplexity, effective, n);
        }
        double[][] x = PcaPrereduction.apply(data, pcaDimensions, seed);
        int k = Math.min(n - 1, (int) (3.0 * effective + 1.0));
        NearestNeighbors nn = NearestNeighbors.exact(x, k);
        double[][] conditional = new double[n][];
        for (int i = 0; i < n; i++) {
            conditional[i] = PerplexityCalibration.conditionalRow(nn.distances[i], effective);
        }
        SparseAffinities p = SparseAffinities.symmetric(nn.indices, conditional, SparseAffinities.Merge.SUM);
        double total = p.total();
        for (int e = 0; e < p.values.length; e++) {
            p.values[e] /= total;
        }
        double rate = learningRate > 0 ? learningRate : Math.max(n / earlyExaggeration / 4.0, 50.0);
        double[] y = initialLayout(x, n);
        double kl = optimise(p, y, n, rate, listener, start);

        double[][] out = new double[n][dimensions];
        for (int c = 0; c < dimensions; c++) {
            double mean = 0.0;
            for (int i = 0; i < n; i++) {
                mean += y[i * dimensions + c];
            }
            mean /= n;
            for (int i = 0; i < n; i++) {
                out[i][c] = y[i * dimensions + c] - mean;
            }
        }
        details.put("perplexity", effective);
        details.put("iterations", iterations);
        details.put("learning_rate", rate);
        details.put("pca_dimensions", PcaPrereduction.keptDimensions(d, pcaDimensions));
        details.put("theta", theta);
        details.put("kl_divergence", kl);
        return new Projection(name(), out, details);
    }

    /** PCA of the (pre-reduced) input, scaled to a standard deviation of 1e-4, plus a 1e-6 seeded jitter. */
    private double[] initialLayout(double[][] x, int n) {
        float[][] asFloat = new float[n][x[0].length];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < x[i].length; j++) {
                asFloat[i][j] = (float) x[i][j];
            }
        }
        double[][] pca = PcaModel.fit(asFloat, dimensions, 7, seed).project(asFloat);
        double mean = 0.0;
        for (double[] row : pca) {
            mean += row[0];
        }
        mean /= n;
        double var = 0.0;
        for (double[] row : pca) {
            var += (row[0] - mean) * (row[0] - mean);
        }
        double sd = Math.sqrt(var / n);
        double scale = sd > 0 ? 1e-4 / sd : 0.0;
        SplittableRandom random = new SplittableRandom(seed);
        double[] y = new double[n * dimensions];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < dimensions; c++) {
                y[i * dimensions + c] = pca[i][c] * scale + 1e-6 * GaussianNoise.draw(random);
            }
        }
        return y;
    }

    /** Gradient descent with momentum and gains; returns the final KL divergence. */
    private double optimise(SparseAffinities p, double[] y, int n, double rate, StageListener listener,
                            long start) {
        int dim = dimensions;
        double[] update = new double[n * dim];
        double[] gains = new double[n * dim];
        java.util.Arrays.fill(gains, 1.0);
        double[] grad = new double[n * dim];
        double[] rowZ = new double[n];
        int exaggerated = Math.min(EXAGGERATION_ITERATIONS, iterations);
        for (int it = 0; it < iterations; it++) {
            boolean early = it < exaggerated;
            double exaggeration = early ? earlyExaggeration : 1.0;
            double momentum = early ? 0.5 : 0.8;
            gradient(p, y, n, exaggeration, grad, rowZ);
            for (int t = 0; t < y.length; t++) {
                boolean sameDirection = update[t] * grad[t] < 0;
                gains[t] = sameDirection ? gains[t] + 0.2 : Math.max(gains[t] * 0.8, MIN_GAIN);
                update[t] = momentum * update[t] - rate * gains[t] * grad[t];
                y[t] += update[t];
            }
            if ((it + 1) % PROGRESS_EVERY == 0 || it + 1 == iterations) {
                listener.onStage(StageProgress.of(name(), it + 1, iterations, "iterations", 0, start));
            }
        }
        return klDivergence(p, y, n);
    }

    /**
     * grad_i = 4 * (exaggeration * sum_j P_ij q_ij (y_i - y_j) - sum_j q_ij^2 / Z (y_i - y_j)), with
     * q_ij = 1 / (1 + |y_i - y_j|^2) and Z = sum_{i != j} q_ij. The repulsive sums are exact when theta is 0,
     * else Barnes-Hut approximations. Rows run in parallel; Z is summed in row order.
     */
    void gradient(SparseAffinities p, double[] y, int n, double exaggeration, double[] grad,
                  double[] rowZ) {
        int dim = dimensions;
        double[] repulsion = new double[n * dim];
        BarnesHutTree tree = theta > 0 ? new BarnesHutTree(y, n, dim) : null;
        IntStream.range(0, n).parallel().forEach(i -> {
            double[] rep = new double[dim];
            rowZ[i] = tree != null ? tree.repulsion(i, theta, rep) : exactRepulsion(y, n, i, rep);
            double[] attr = new double[dim];
            int bi = i * dim;
            for (int e = p.rowStart[i]; e < p.rowStart[i + 1]; e++) {
                int bj = p.columns[e] * dim;
                double dist = 0.0;
                for (int c = 0; c < dim; c++) {
                    double diff = y[bi + c] - y[bj + c];
                    dist += diff * diff;
                }
                double w = p.values[e] / (1.0 + dist);
                for (int c = 0; c < dim; c++) {
                    attr[c] += w * (y[bi + c] - y[bj + c]);
                }
            }
            for (int c = 0; c < dim; c++) {
                repulsion[bi + c] = rep[c];
                grad[bi + c] = 4.0 * exaggeration * attr[c];
            }
        });
        double z = 0.0;
        for (int i = 0; i < n; i++) {
            z += rowZ[i];
        }
        double inverse = z > 0 ? 1.0 / z : 0.0;
        for (int t = 0; t < grad.length; t++) {
            grad[t] -= 4.0 * repulsion[t] * inverse;
        }
    }

    /** Adds sum_j q_ij^2 (y_i - y_j) to {@code rep}; returns sum_j q_ij (j != i). */
    private double exactRepulsion(double[] y, int n, int i, double[] rep) {
        int dim = dimensions;
        int bi = i * dim;
        double z = 0.0;
        for (int j = 0; j < n; j++) {
            if (j == i) {
                continue;
            }
            int bj = j * dim;
            double dist = 0.0;
            for (int c = 0; c < dim; c++) {
                double diff = y[bi + c] - y[bj + c];
                dist += diff * diff;
            }
            double q = 1.0 / (1.0 + dist);
            z += q;
            double q2 = q * q;
            for (int c = 0; c < dim; c++) {
                rep[c] += q2 * (y[bi + c] - y[bj + c]);
            }
        }
        return z;
    }

    double klDivergence(SparseAffinities p, double[] y, int n) {
        int dim = dimensions;
        double z = 0.0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i != j) {
                    z += 1.0 / (1.0 + squaredDistance(y, i, j, dim));
                }
            }
        }
        double kl = 0.0;
        for (int i = 0; i < n; i++) {
            for (int e = p.rowStart[i]; e < p.rowStart[i + 1]; e++) {
                double q = 1.0 / (1.0 + squaredDistance(y, i, p.columns[e], dim)) / z;
                double pij = p.values[e];
                kl += pij * Math.log(Math.max(pij, 1e-300) / Math.max(q, 1e-300));
            }
        }
        return kl;
    }

    private static double squaredDistance(double[] y, int i, int j, int dim) {
        double s = 0.0;
        for (int c = 0; c < dim; c++) {
            double diff = y[i * dim + c] - y[j * dim + c];
            s += diff * diff;
        }
        return s;
    }

    /** Options for {@link Tsne}; every setter validates at once. */
    public static final class Builder {
        private int dimensions = 2;
        private double perplexity = 30.0;
        private int iterations = 1000;
        private double learningRate = 0.0;
        private double earlyExaggeration = 12.0;
        private int pcaDimensions = 50;
        private double theta = 0.5;
        private long seed = 42L;

        private Builder() {
        }

        /** Barnes-Hut opening angle in [0, 1]: cells narrower than theta times their distance act as one
         *  mass. 0 computes the repulsive forces exactly (O(n^2) per iteration). Default 0.5 (scikit-learn's
         *  {@code angle}). */
        public Builder theta(double theta) {
            if (!(theta >= 0 && theta <= 1)) {
                throw new IllegalArgumentException("theta must be in [0, 1], got " + theta);
            }
            this.theta = theta;
            return this;
        }

        /** Output dimensions, 2 or 3. Default 2. */
        public Builder dimensions(int dimensions) {
            this.dimensions = Check.intIn("dimensions", dimensions, 2, 3);
            return this;
        }

        /** Perplexity (effective number of neighbours), > 0; clamped to (n - 1) / 3 at fit time. Default 30. */
        public Builder perplexity(double perplexity) {
            this.perplexity = Check.positive("perplexity", perplexity);
            return this;
        }

        /** Gradient descent iterations, 1-100000; the first min(250, iterations) are exaggerated. Default 1000. */
        public Builder iterations(int iterations) {
            this.iterations = Check.intIn("iterations", iterations, 1, 100_000);
            return this;
        }

        /** Learning rate, > 0, or 0 for scikit-learn's "auto" rule max(n / earlyExaggeration / 4, 50).
         *  Default 0 (auto). */
        public Builder learningRate(double learningRate) {
            this.learningRate = Check.nonNegative("learningRate", learningRate);
            return this;
        }

        /** Factor on the input affinities during the first 250 iterations, >= 1. Default 12. */
        public Builder earlyExaggeration(double earlyExaggeration) {
            if (!(earlyExaggeration >= 1.0) || Double.isInfinite(earlyExaggeration)) {
                throw new IllegalArgumentException("earlyExaggeration must be a finite number >= 1, got "
                        + earlyExaggeration);
            }
            this.earlyExaggeration = earlyExaggeration;
            return this;
        }

        /** Principal components kept before the neighbour search when the input has more columns, 0-1000;
         *  0 disables the pre-reduction. Default 50. */
        public Builder pcaDimensions(int pcaDimensions) {
            this.pcaDimensions = Check.intIn("pcaDimensions", pcaDimensions, 0, 1000);
            return this;
        }

        /** Seed. Default 42. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Tsne build() {
            return new Tsne(this);
        }
    }
}
