package org.mammoembed.reduce;

/**
 * UMAP's directed edge weights (umap-learn's {@code smooth_knn_dist} with local_connectivity 1):
 * w = exp(-max(0, dist - rho) / sigma), where rho is the distance to the nearest non-identical neighbour and
 * sigma is found by bisection so that the weights of a row sum to log2(k).
 */
final class FuzzyMembership {
    private static final double TOLERANCE = 1e-5;
    private static final double MIN_SCALE = 1e-3;

    private FuzzyMembership() {
    }

    /**
     * @param distances n rows of ascending neighbour distances (the point itself excluded)
     * @param k         neighbourhood size including the point itself
     */
    static double[][] of(double[][] distances, int k) {
        int n = distances.length;
        double target = Math.log(k) / Math.log(2);
        double meanAll = 0.0;
        long total = 0;
        for (double[] row : distances) {
            for (double v : row) {
                meanAll += v;
                total++;
            }
        }
        meanAll = total > 0 ? meanAll / total : 0.0;
        double[][] weights = new double[n][];
        for (int i = 0; i < n; i++) {
            double[] row = distances[i];
            double rho = 0.0;
            for (double v : row) {
                if (v > 0) {
                    rho = v;
                    break;
                }
            }
            double lo = 0.0;
            double hi = Double.POSITIVE_INFINITY;
            double sigma = 1.0;
            for (int step = 0; step < 64; step++) {
                double sum = 0.0;
                for (double v : row) {
                    double shifted = v - rho;
                    sum += shifted > 0 ? Math.exp(-shifted / sigma) : 1.0;
                }
                if (Math.abs(sum - target) < TOLERANCE) {
                    break;
                }
                if (sum > target) {
                    hi = sigma;
                    sigma = (lo + hi) / 2.0;
                } else {
                    lo = sigma;
                    sigma = hi == Double.POSITIVE_INFINITY ? sigma * 2.0 : (lo + hi) / 2.0;
                }
            }
            double meanRow = 0.0;
            for (double v : row) {
                meanRow += v;
            }
            meanRow = row.length > 0 ? meanRow / row.length : 0.0;
            double floor = MIN_SCALE * (rho > 0 ? meanRow : meanAll);
            sigma = Math.max(sigma, floor);
            double[] w = new double[row.length];
            for (int m = 0; m < row.length; m++) {
                double shifted = row[m] - rho;
                w[m] = shifted <= 0 || sigma == 0 ? 1.0 : Math.exp(-shifted / sigma);
            }
            weights[i] = w;
        }
        return weights;
    }
}
