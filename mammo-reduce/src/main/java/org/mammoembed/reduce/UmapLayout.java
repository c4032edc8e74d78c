package org.mammoembed.reduce;

import org.mammoembed.reduce.internal.Distances;
import java.util.SplittableRandom;

/**
 * UMAP's stochastic gradient descent on one connected component (umap-learn's
 * {@code optimize_layout_euclidean}): each edge is sampled in proportion to its weight, pulls its ends together
 * with the gradient of log(1 / (1 + a d^2b)), and is followed by {@code negativeSampleRate} repulsive samples
 * against random vertices of the component. Gradients are clipped to [-4, 4]; the step size decays linearly
 * from 1 to 0. Sequential and driven by one seeded generator, hence deterministic.
 */
final class UmapLayout {
    private static final double CLIP = 4.0;

    private UmapLayout() {
    }

    /**
     * @param embedding m x dim start layout, optimised in place
     * @param head      edge sources (local indices), both directions of each undirected edge
     * @param tail      edge targets
     * @param weights   edge weights, > 0
     * @param maxWeight the graph's largest weight; edges below maxWeight / epochs were already removed
     */
    static void optimise(double[][] embedding, int[] head, int[] tail, double[] weights, double maxWeight,
                         UmapCurve curve, int epochs, int negativeSampleRate, SplittableRandom random,
                         java.util.function.IntConsumer epochsDone) {
        int m = embedding.length;
        int edges = head.length;
        int dim = embedding.length == 0 ? 0 : embedding[0].length;
        double a = curve.a();
        double b = curve.b();
        double[] epochsPerSample = new double[edges];
        double[] nextSample = new double[edges];
        double[] epochsPerNegative = new double[edges];
        double[] nextNegative = new double[edges];
        for (int e = 0; e < edges; e++) {
            epochsPerSample[e] = maxWeight / weights[e];
            nextSample[e] = epochsPerSample[e];
            epochsPerNegative[e] = epochsPerSample[e] / negativeSampleRate;
            nextNegative[e] = epochsPerNegative[e];
        }
        for (int epoch = 0; epoch < epochs; epoch++) {
            double alpha = 1.0 - (double) epoch / epochs;
            for (int e = 0; e < edges; e++) {
                if (nextSample[e] > epoch) {
                    continue;
                }
                double[] current = embedding[head[e]];
                double[] other = embedding[tail[e]];
                double distSq = Distances.squared(current, other);
                double coefficient = distSq > 0
                        ? -2.0 * a * b * Math.pow(distSq, b - 1.0) / (a * Math.pow(distSq, b) + 1.0)
                        : 0.0;
                for (int t = 0; t < dim; t++) {
                    double g = clip(coefficient * (current[t] - other[t]));
                    current[t] += g * alpha;
                    other[t] -= g * alpha;
                }
                nextSample[e] += epochsPerSample[e];
                int negatives = (int) ((epoch - nextNegative[e]) / epochsPerNegative[e]);
                for (int s = 0; s < negatives; s++) {
                    int k = random.nextInt(m);
                    if (k == head[e]) {
                        continue;
                    }
                    double[] far = embedding[k];
                    double d2 = Distances.squared(current, far);
                    if (d2 <= 0) {
                        continue;
                    }
                    double repulsion = 2.0 * b / ((0.001 + d2) * (a * Math.pow(d2, b) + 1.0));
                    for (int t = 0; t < dim; t++) {
                        current[t] += clip(repulsion * (current[t] - far[t])) * alpha;
                    }
                }
                nextNegative[e] += negatives * epochsPerNegative[e];
            }
            epochsDone.accept(epoch + 1);
        }
    }

    private static double clip(double v) {
        return v > CLIP ? CLIP : (v < -CLIP ? -CLIP : v);
    }
}
