package org.mammoembed.reduce;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The analytic t-SNE gradient equals the finite-difference derivative of the KL divergence it reports. */
class TsneGradientTest {

    @Test
    void gradientMatchesFiniteDifferencesOfKl() {
        int n = 9;
        Random r = new Random(4);
        double[][] x = new double[n][3];
        for (double[] row : x) {
            for (int j = 0; j < 3; j++) {
                row[j] = r.nextGaussian();
            }
        }
        NearestNeighbors nn = NearestNeighbors.exact(x, 5);
        double[][] conditional = new double[n][];
        for (int i = 0; i < n; i++) {
            conditional[i] = Tsne.conditionalRow(nn.distances[i], 2.0);
        }
        SparseAffinities p = SparseAffinities.symmetric(nn.indices, conditional, SparseAffinities.Merge.SUM);
        double total = p.total();
        for (int e = 0; e < p.values.length; e++) {
            p.values[e] /= total;
        }
        Tsne tsne = Tsne.builder().build();
        double[] y = new double[n * 2];
        for (int t = 0; t < y.length; t++) {
            y[t] = r.nextGaussian();
        }
        double[] grad = new double[y.length];
        tsne.gradient(p, y, n, 1.0, grad, new double[n]);
        double h = 1e-6;
        for (int t = 0; t < y.length; t++) {
            double keep = y[t];
            y[t] = keep + h;
            double up = tsne.klDivergence(p, y, n);
            y[t] = keep - h;
            double down = tsne.klDivergence(p, y, n);
            y[t] = keep;
            assertEquals((up - down) / (2 * h), grad[t], 1e-6, "coordinate " + t);
        }
    }
}
