package org.mammoembed.reduce.baselines;

import java.util.LinkedHashMap;
import java.util.Map;
import smile.stat.distribution.TDistribution;

/**
 * Paired Student t-test on per-fold scores: t = mean(diff) / (sd(diff) / sqrt(n)), df = n - 1, two-sided
 * p-value from the Student t distribution. When every difference is the same, t is +-infinity (p = 0) for a
 * non-zero difference and NaN (p = 1) for none; fewer than 2 pairs give NaN values.
 *
 * @param first       name of the first series (e.g. the best embedding model)
 * @param second      name of the second series
 * @param meanDifference mean of first - second
 * @param t           t statistic
 * @param df          degrees of freedom
 * @param pValue      two-sided p-value
 */
public record PairedTTest(String first, String second, double meanDifference, double t, int df, double pValue) {

    public static PairedTTest of(String first, double[] a, String second, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("paired series differ in length: " + a.length + " and " + b.length);
        }
        int n = a.length;
        if (n < 2) {
            return new PairedTTest(first, second, n == 1 ? a[0] - b[0] : Double.NaN, Double.NaN, 0, Double.NaN);
        }
        double mean = 0.0;
        for (int i = 0; i < n; i++) {
            mean += (a[i] - b[i]) / n;
        }
        double ss = 0.0;
        for (int i = 0; i < n; i++) {
            double dev = a[i] - b[i] - mean;
            ss += dev * dev;
        }
        double sd = Math.sqrt(ss / (n - 1));
        double t;
        if (sd > 0) {
            t = mean / (sd / Math.sqrt(n));
        } else {
            t = mean == 0.0 ? Double.NaN : Math.copySign(Double.POSITIVE_INFINITY, mean);
        }
        double p;
        if (Double.isNaN(t)) {
            p = 1.0;
        } else if (Double.isInfinite(t)) {
            p = 0.0;
        } else {
            p = Math.min(1.0, 2.0 * (1.0 - new TDistribution(n - 1).cdf(Math.abs(t))));
        }
        return new PairedTTest(first, second, mean, t, n - 1, p);
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("first", first);
        m.put("second", second);
        m.put("metric", "balanced_accuracy");
        m.put("mean_difference", finiteOrNull(meanDifference));
        m.put("t", finiteOrNull(t));
        m.put("df", df);
        m.put("p_value", finiteOrNull(pValue));
        return m;
    }

    static Double finiteOrNull(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
