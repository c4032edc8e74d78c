package org.mammoembed.reduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
            conditional[i] = PerplexityCalibration.conditionalRow(nn.distances[i], 2.0);
        }
        SparseAffinities p = SparseAffinities.symmetric(nn.indices, conditional, SparseAffinities.Merge.SUM);
        double total = p.total();
        for (int e = 0; e < p.values.length; e++) {
            p.values[e] /= total;
        }
        Tsne tsne = Tsne.builder().theta(0).build();
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

    /** Barnes-Hut with theta 0 opens every cell (exact); with 0.5 it stays within a few percent. */
    @Test
    void barnesHutMatchesExactRepulsion() {
        int n = 400;
        Random r = new Random(9);
        double[] y = new double[n * 2];
        for (int t = 0; t < y.length; t++) {
            y[t] = r.nextGaussian() * (t % 4 == 0 ? 5 : 1);
        }
        // duplicates share a leaf and must still be counted
        y[2] = y[0];
        y[3] = y[1];
        y[4] = y[0];
        y[5] = y[1];
        double[] exact = new double[2];
        double exactZ = 0;
        double[] zero = new double[2];
        double[] approx = new double[2];
        BarnesHutTree tree = new BarnesHutTree(y, n, 2);
        double worst = 0;
        double largest = 0;
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(exact, 0);
            java.util.Arrays.fill(zero, 0);
            java.util.Arrays.fill(approx, 0);
            exactZ = 0;
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    double dx = y[2 * i] - y[2 * j];
                    double dy = y[2 * i + 1] - y[2 * j + 1];
                    double q = 1 / (1 + dx * dx + dy * dy);
                    exactZ += q;
                    exact[0] += q * q * dx;
                    exact[1] += q * q * dy;
                }
            }
            assertEquals(exactZ, tree.repulsion(i, 0.0, zero), 1e-9 * exactZ);
            assertEquals(exact[0], zero[0], 1e-9);
            assertEquals(exact[1], zero[1], 1e-9);
            double z = tree.repulsion(i, 0.5, approx);
            assertEquals(exactZ, z, 0.02 * exactZ, "Z of row " + i);
            worst = Math.max(worst, Math.hypot(approx[0] - exact[0], approx[1] - exact[1]));
            largest = Math.max(largest, Math.hypot(exact[0], exact[1]));
        }
        assertTrue(worst < 0.05 * largest, "largest force error " + worst + " for forces up to " + largest);
    }
}
