package org.mammoembed.reduce;

import org.mammoembed.reduce.internal.Check;
import org.mammoembed.reduce.internal.GaussianNoise;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.mammoembed.core.Projection;
import org.mammoembed.core.Reducer;
import org.mammoembed.core.StageListener;
import org.mammoembed.core.StageProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uniform manifold approximation and projection (McInnes, Healy and Melville 2018), following umap-learn:
 * fuzzy simplicial set from the exact n_neighbors graph (after a PCA pre-reduction), a and b fitted from
 * min_dist, 500 epochs of edge-sampled SGD with 5 negative samples per edge (200 epochs above 10,000 rows).
 *
 * <p>Every row comes back. Smile's UMAP keeps only the largest connected component of the neighbour graph; here
 * each connected component (down to single points) is laid out on its own and the components are then placed
 * apart ({@link ComponentPlacement}). Start layouts are the PCA of each component scaled to [-10, 10]
 * (umap-learn's default is a spectral start; PCA is its documented alternative and needs no eigensolver).
 *
 * <p>Cost: the exact neighbour search is O(n^2 * pcaDimensions); the SGD is O(epochs * n * n_neighbors) and
 * dominates up to several thousand rows. Measured by {@code ReducerBenchmark} (D = 2048 in 10 clusters,
 * defaults, process CPU seconds, PCA pre-reduction included): N = 500: 0.8 s, 2000: 2.9 s, 5000: 7.1 s,
 * 20,000 (200 epochs): 25.7 s. n_neighbors is clamped to n for small inputs (logged); a single row is
 * placed at the origin. Deterministic for a seed.
 *
 * <p>Details: {@code n_neighbors} (effective), {@code min_dist}, {@code epochs}, {@code components} (number of
 * connected components laid out), {@code a}, {@code b}, {@code pca_dimensions}, {@code seed}.
 */
public final class Umap implements Reducer {
    private static final Logger LOG = LoggerFactory.getLogger(Umap.class);
    private static final int PROGRESS_EVERY = 20;
    private static final double SPREAD = 1.0;
    private static final double INIT_EXTENT = 10.0;

    private final int dimensions;
    private final int neighbours;
    private final double minDist;
    private final int epochs;
    private final int negativeSampleRate;
    private final int pcaDimensions;
    private final long seed;

    private Umap(Builder b) {
        this.dimensions = b.dimensions;
        this.neighbours = b.neighbours;
        this.minDist = b.minDist;
        this.epochs = b.epochs;
        this.negativeSampleRate = b.negativeSampleRate;
        this.pcaDimensions = b.pcaDimensions;
        this.seed = b.seed;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return "umap";
    }

    @Override
    public int dimensions() {
        return dimensions;
    }

    @Override
    public Projection fitTransform(float[][] data) {
        return fitTransform(data, StageListener.NONE);
    }

    /** Reports the SGD epochs (summed over the graph's components) under the stage name "umap". */
    @Override
    public Projection fitTransform(float[][] data, StageListener listener) {
        long start = System.nanoTime();
        int d = Check.matrix(data);
        int n = data.length;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("requested_n_neighbors", neighbours);
        details.put("min_dist", minDist);
        details.put("seed", seed);
        if (n == 1) {
            details.put("note", "a single row is placed at the origin");
            return new Projection(name(), new double[1][dimensions], details);
        }
        int effective = Math.min(neighbours, n);
        if (effective < neighbours) {
            LOG.info("UMAP n_neighbors {} clamped to {} for {} rows", neighbours, effective, n);
        }
        double[][] x = PcaPrereduction.apply(data, pcaDimensions, seed);
        // umap-learn counts the point itself among its n_neighbors
        NearestNeighbors nn = NearestNeighbors.exact(x, effective - 1);
        double[][] membership = FuzzyMembership.of(nn.distances, effective);
        SparseAffinities graph = SparseAffinities.symmetric(nn.indices, membership,
                SparseAffinities.Merge.FUZZY_UNION);
        int epochCount = epochs > 0 ? epochs : (n <= 10_000 ? 500 : 200);
        UmapCurve curve = UmapCurve.fit(minDist, SPREAD);

        int[] component = ConnectedComponents.label(graph);
        int count = 0;
        for (int c : component) {
            count = Math.max(count, c + 1);
        }
        if (count > 1) {
            LOG.info("UMAP neighbour graph has {} connected components; laying out each", count);
        }
        double maxWeight = 0.0;
        for (double w : graph.values) {
            maxWeight = Math.max(maxWeight, w);
        }
        List<int[]> members = ConnectedComponents.members(component, count);
        long totalEpochs = (long) epochCount * count;
        listener.onStage(StageProgress.of(name(), 0, totalEpochs, "epochs", 0, start));
        List<double[][]> layouts = new ArrayList<>(count);
        double[][] means = new double[count][];
        for (int c = 0; c < count; c++) {
            int[] rows = members.get(c);
            means[c] = meanOf(x, rows);
            long before = (long) c * epochCount;
            layouts.add(layoutComponent(x, rows, graph, maxWeight, curve, epochCount, c, epoch -> {
                if (epoch % PROGRESS_EVERY == 0 || epoch == epochCount) {
                    listener.onStage(StageProgress.of(name(), before + epoch, totalEpochs, "epochs", 0, start));
                }
            }));
        }
        ComponentPlacement.place(layouts, means, dimensions, seed);
        double[][] out = new double[n][];
        for (int c = 0; c < count; c++) {
            int[] rows = members.get(c);
            for (int r = 0; r < rows.length; r++) {
                out[rows[r]] = layouts.get(c)[r];
            }
        }
        details.put("n_neighbors", effective);
        details.put("epochs", epochCount);
        details.put("components", count);
        details.put("a", curve.a());
        details.put("b", curve.b());
        details.put("pca_dimensions", PcaPrereduction.keptDimensions(d, pcaDimensions));
        return new Projection(name(), out, details);
    }

    private double[][] layoutComponent(double[][] x, int[] rows, SparseAffinities graph, double maxWeight,
                                       UmapCurve curve, int epochCount, int index,
                                       java.util.function.IntConsumer epochsDone) {
        int m = rows.length;
        int[] local = new int[x.length];
        java.util.Arrays.fill(local, -1);
        for (int r = 0; r < m; r++) {
            local[rows[r]] = r;
        }
        List<int[]> edges = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        double threshold = maxWeight / epochCount;
        for (int r = 0; r < m; r++) {
            int i = rows[r];
            for (int e = graph.rowStart[i]; e < graph.rowStart[i + 1]; e++) {
                if (graph.values[e] >= threshold) {
                    edges.add(new int[] {r, local[graph.columns[e]]});
                    weights.add(graph.values[e]);
                }
            }
        }
        int[] head = new int[edges.size()];
        int[] tail = new int[edges.size()];
        double[] w = new double[edges.size()];
        for (int e = 0; e < head.length; e++) {
            head[e] = edges.get(e)[0];
            tail[e] = edges.get(e)[1];
            w[e] = weights.get(e);
        }
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
        double[][] embedding = startLayout(x, rows, random);
        UmapLayout.optimise(embedding, head, tail, w, maxWeight, curve, epochCount, negativeSampleRate, random,
                epochsDone);
        return embedding;
    }

    /** PCA of the component's rows, scaled so the largest coordinate is 10, plus N(0, 1e-4) noise. */
    private double[][] startLayout(double[][] x, int[] rows, SplittableRandom random) {
        int m = rows.length;
        double[][] start;
        if (m == 1) {
            start = new double[1][dimensions];
        } else {
            float[][] sub = new float[m][];
            for (int r = 0; r < m; r++) {
                sub[r] = new float[x[rows[r]].length];
                for (int j = 0; j < sub[r].length; j++) {
                    sub[r][j] = (float) x[rows[r]][j];
                }
            }
            start = PcaModel.fit(sub, dimensions, 7, seed).project(sub);
            double max = 0.0;
            for (double[] row : start) {
                for (double v : row) {
                    max = Math.max(max, Math.abs(v));
                }
            }
            double scale = max > 0 ? INIT_EXTENT / max : 0.0;
            for (double[] row : start) {
                for (int t = 0; t < dimensions; t++) {
                    row[t] = row[t] * scale + 1e-4 * GaussianNoise.draw(random);
                }
            }
        }
        return start;
    }

    private static double[] meanOf(double[][] x, int[] rows) {
        double[] mean = new double[x[0].length];
        for (int r : rows) {
            for (int j = 0; j < mean.length; j++) {
                mean[j] += x[r][j] / rows.length;
            }
        }
        return mean;
    }

    /** Options for {@link Umap}; every setter validates at once. */
    public static final class Builder {
        private int dimensions = 2;
        private int neighbours = 15;
        private double minDist = 0.1;
        private int epochs = 0;
        private int negativeSampleRate = 5;
        private int pcaDimensions = 50;
        private long seed = 42L;

        private Builder() {
        }

        /** Output dimensions, 2 or 3. Default 2. */
        public Builder dimensions(int dimensions) {
            this.dimensions = Check.intIn("dimensions", dimensions, 2, 3);
            return this;
        }

        /** Neighbourhood size including the point itself, 2-200; clamped to n at fit time. Default 15. */
        public Builder neighbours(int neighbours) {
            this.neighbours = Check.intIn("neighbours", neighbours, 2, 200);
            return this;
        }

        /** Minimum distance between embedded points, in [0, 1] (spread is 1). Default 0.1. */
        public Builder minDist(double minDist) {
            if (!(minDist >= 0 && minDist <= 1)) {
                throw new IllegalArgumentException("minDist must be in [0, 1], got " + minDist);
            }
            this.minDist = minDist;
            return this;
        }

        /** SGD epochs, 1-10000, or 0 for umap-learn's rule (500 up to 10,000 rows, else 200). Default 0. */
        public Builder epochs(int epochs) {
            this.epochs = Check.intIn("epochs", epochs, 0, 10_000);
            return this;
        }

        /** Negative samples per positive edge sample, 1-50. Default 5. */
        public Builder negativeSampleRate(int negativeSampleRate) {
            this.negativeSampleRate = Check.intIn("negativeSampleRate", negativeSampleRate, 1, 50);
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

        public Umap build() {
            return new Umap(this);
        }
    }
}
