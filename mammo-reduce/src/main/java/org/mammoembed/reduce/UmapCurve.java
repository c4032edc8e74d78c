package org.mammoembed.reduce;

/**
 * UMAP's low-dimensional similarity 1 / (1 + a * x^(2b)), with a and b fitted (least squares, Levenberg-
 * Marquardt) to the target curve that is 1 up to {@code minDist} and exp(-(x - minDist) / spread) after it,
 * sampled at 300 points on [0, 3 * spread], as umap-learn's {@code find_ab_params} does.
 *
 * @param a the fitted a
 * @param b the fitted b
 */
record UmapCurve(double a, double b) {
    private static final int SAMPLES = 300;

    static UmapCurve fit(double minDist, double spread) {
        double[] xs = new double[SAMPLES];
        double[] ys = new double[SAMPLES];
        for (int s = 0; s < SAMPLES; s++) {
            xs[s] = 3.0 * spread * s / (SAMPLES - 1);
            ys[s] = xs[s] < minDist ? 1.0 : Math.exp(-(xs[s] - minDist) / spread);
        }
        double a = 1.0;
        double b = 1.0;
        double lambda = 1e-3;
        double cost = cost(xs, ys, a, b);
        for (int it = 0; it < 500; it++) {
            // normal equations J^T J delta = -J^T r for the two parameters
            double jaa = 0;
            double jab = 0;
            double jbb = 0;
            double ga = 0;
            double gb = 0;
            for (int s = 1; s < SAMPLES; s++) {
                double x = xs[s];
                double p = Math.pow(x, 2 * b);
                double den = 1 + a * p;
                double f = 1 / den;
                double r = f - ys[s];
                double dfa = -p / (den * den);
                double dfb = -a * p * 2 * Math.log(x) / (den * den);
                jaa += dfa * dfa;
                jab += dfa * dfb;
                jbb += dfb * dfb;
                ga += dfa * r;
                gb += dfb * r;
            }
            double maa = jaa * (1 + lambda);
            double mbb = jbb * (1 + lambda);
            double det = maa * mbb - jab * jab;
            if (det == 0) {
                break;
            }
            double da = -(mbb * ga - jab * gb) / det;
            double db = -(maa * gb - jab * ga) / det;
            double candidate = cost(xs, ys, a + da, b + db);
            if (candidate < cost) {
                boolean converged = cost - candidate < 1e-15 * Math.max(cost, 1e-300);
                a += da;
                b += db;
                cost = candidate;
                lambda = Math.max(lambda / 10, 1e-12);
                if (converged) {
                    break;
                }
            } else {
                lambda *= 10;
                if (lambda > 1e12) {
                    break;
                }
            }
        }
        return new UmapCurve(a, b);
    }

    private static double cost(double[] xs, double[] ys, double a, double b) {
        double c = 0;
        for (int s = 0; s < xs.length; s++) {
            double r = 1 / (1 + a * Math.pow(xs[s], 2 * b)) - ys[s];
            c += r * r;
        }
        return c;
    }
}
