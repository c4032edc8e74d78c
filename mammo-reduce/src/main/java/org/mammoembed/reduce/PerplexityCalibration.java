package org.mammoembed.reduce;

/**
 * The input affinities of t-SNE (van der Maaten &amp; Hinton 2008): each row's Gaussian kernel over its neighbours,
 * its width found so that the row's perplexity is the one asked for.
 */
final class PerplexityCalibration {
    private PerplexityCalibration() {
    }

    /** p(j | i) over the neighbours, with the Gaussian width found by bisection on the entropy. */
    static double[] conditionalRow(double[] distances, double perplexity) {
        int k = distances.length;
        double[] d2 = new double[k];
        double min = Double.POSITIVE_INFINITY;
        for (int m = 0; m < k; m++) {
            d2[m] = distances[m] * distances[m];
            min = Math.min(min, d2[m]);
        }
        // shifting by the nearest distance leaves p unchanged and keeps the sum >= 1 (no underflow)
        for (int m = 0; m < k; m++) {
            d2[m] -= min;
        }
        double target = Math.log(perplexity);
        double beta = 1.0;
        double lo = Double.NEGATIVE_INFINITY;
        double hi = Double.POSITIVE_INFINITY;
        double[] row = new double[k];
        for (int step = 0; step < 200; step++) {
            double sum = 0.0;
            for (int m = 0; m < k; m++) {
                row[m] = Math.exp(-d2[m] * beta);
                sum += row[m];
            }
            double weighted = 0.0;
            for (int m = 0; m < k; m++) {
                row[m] /= sum;
                weighted += d2[m] * row[m];
            }
            double entropy = Math.log(sum) + beta * weighted;
            double diff = entropy - target;
            if (Math.abs(diff) <= 1e-5) {
                break;
            }
            if (diff > 0) {
                lo = beta;
                beta = hi == Double.POSITIVE_INFINITY ? beta * 2.0 : (beta + hi) / 2.0;
            } else {
                hi = beta;
                beta = lo == Double.NEGATIVE_INFINITY ? beta / 2.0 : (beta + lo) / 2.0;
            }
        }
        return row;
    }
}
