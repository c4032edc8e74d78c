package org.mammoembed.reduce.metrics;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.mammoembed.core.BiRadsDensity;

/**
 * The {@code clustering_metrics.json} engine: the three indices of the given density labels, then k-means for
 * each k in [minK, maxK] with its indices and inertia, and the k with the best silhouette. Degenerate inputs
 * give null values with reasons, never exceptions: one label class, n {@literal <} 3, k {@literal >=} n.
 */
public final class ClusteringAnalysis {
    private final int minK;
    private final int maxK;
    private final int restarts;
    private final long seed;
    private final int silhouetteSample;
    private final Clock clock;

    private ClusteringAnalysis(Builder b) {
        this.minK = b.minK;
        this.maxK = b.maxK;
        this.restarts = b.restarts;
        this.seed = b.seed;
        this.silhouetteSample = b.silhouetteSample;
        this.clock = b.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Runs on float features (n x d) with one density per row. */
    public ClusteringReport run(float[][] features, List<BiRadsDensity> densities) {
        return run(features, densities, org.mammoembed.core.StageListener.NONE);
    }

    /**
     * {@link #run(float[][], List)}, reporting the k-means sweep (stage "kmeans", one unit per k) to
     * {@code listener}.
     */
    public ClusteringReport run(float[][] features, List<BiRadsDensity> densities,
                                org.mammoembed.core.StageListener listener) {
        int[] labels = new int[densities.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = densities.get(i).code();
        }
        return run(ClusterMetrics.toDouble(features), labels, listener);
    }

    /** Runs on n x d features with any integer labels, one per row. */
    public ClusteringReport run(double[][] x, int[] labels) {
        return run(x, labels, org.mammoembed.core.StageListener.NONE);
    }

    /** {@link #run(double[][], int[])}, reporting the k-means sweep (stage "kmeans", one unit per k). */
    public ClusteringReport run(double[][] x, int[] labels, org.mammoembed.core.StageListener listener) {
        long start = System.nanoTime();
        long ks = maxK - minK + 1;
        org.mammoembed.reduce.internal.Check.matrix(x);
        ClusterScores given = ClusterMetrics.of(x, labels, silhouetteSample, seed);
        List<KMeansSweep> sweep = new ArrayList<>();
        Integer bestK = null;
        double bestSilhouette = Double.NEGATIVE_INFINITY;
        listener.onStage(org.mammoembed.core.StageProgress.of("kmeans", 0, ks, "k", 0, start));
        for (int k = minK; k <= maxK; k++) {
            if (k > minK) {
                listener.onStage(org.mammoembed.core.StageProgress.of("kmeans", k - minK, ks, "k", 0, start));
            }
            if (k >= x.length) {
                sweep.add(new KMeansSweep(k, ClusterScores.undefined("k = " + k + " needs more than " + k
                        + " rows, got " + x.length), Double.NaN));
                continue;
            }
            KMeans km = KMeans.fit(x, k, restarts, seed);
            ClusterScores scores = ClusterMetrics.of(x, km.labels(), silhouetteSample, seed);
            if (scores.silhouette() != null && scores.silhouette() > bestSilhouette) {
                bestSilhouette = scores.silhouette();
                bestK = k;
            }
            sweep.add(new KMeansSweep(k, scores, km.inertia()));
        }
        listener.onStage(org.mammoembed.core.StageProgress.of("kmeans", ks, ks, "k", 0, start));
        return new ClusteringReport(given, x.length, x[0].length, clock.instant(), sweep, bestK,
                silhouetteSample);
    }

    /** Options for {@link ClusteringAnalysis}; every setter validates at once. */
    public static final class Builder {
        private int minK = 2;
        private int maxK = 7;
        private int restarts = 10;
        private long seed = 42L;
        private int silhouetteSample = 0;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** Smallest k of the sweep, 2-100. Default 2. */
        public Builder minK(int minK) {
            if (minK < 2 || minK > 100) {
                throw new IllegalArgumentException("minK must be in [2, 100], got " + minK);
            }
            this.minK = minK;
            return this;
        }

        /** Largest k of the sweep, 2-100 and >= minK (checked at build). Default 7. */
        public Builder maxK(int maxK) {
            if (maxK < 2 || maxK > 100) {
                throw new IllegalArgumentException("maxK must be in [2, 100], got " + maxK);
            }
            this.maxK = maxK;
            return this;
        }

        /** k-means++ restarts per k (scikit-learn's n_init), 1-1000. Default 10. */
        public Builder restarts(int restarts) {
            if (restarts < 1 || restarts > 1000) {
                throw new IllegalArgumentException("restarts must be in [1, 1000], got " + restarts);
            }
            this.restarts = restarts;
            return this;
        }

        /** Seed of the k-means restarts. Default 42. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Rows drawn (seeded) for each silhouette, or 0 for the exact silhouette on every row; the exact one
         *  costs O(n^2 * d) (see {@link ClusterMetrics}). Default 0. */
        public Builder silhouetteSample(int silhouetteSample) {
            if (silhouetteSample < 0) {
                throw new IllegalArgumentException("silhouetteSample must be >= 0, got " + silhouetteSample);
            }
            this.silhouetteSample = silhouetteSample;
            return this;
        }

        /** Clock for the report's timestamp. Default UTC system clock. */
        public Builder clock(Clock clock) {
            this.clock = java.util.Objects.requireNonNull(clock, "clock");
            return this;
        }

        public ClusteringAnalysis build() {
            if (maxK < minK) {
                throw new IllegalArgumentException("maxK must be >= minK (" + minK + "), got " + maxK);
            }
            return new ClusteringAnalysis(this);
        }
    }
}
