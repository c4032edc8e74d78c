package org.mammoembed.reduce.baselines;

import java.util.stream.LongStream;
import smile.base.cart.SplitRule;
import smile.classification.Classifier;
import smile.classification.LogisticRegression;
import smile.classification.RandomForest;
import smile.classification.SVM;
import smile.data.DataFrame;
import smile.data.formula.Formula;
import smile.data.vector.IntVector;
import smile.math.MathEx;
import smile.math.kernel.GaussianKernel;
import smile.math.kernel.LinearKernel;
import smile.math.kernel.MercerKernel;

/**
 * Trains the {@link BaselineModel}s with Smile, keeping Smile types inside this class. Labels given to Smile
 * are 0..m-1 over the classes present in the training fold (mapped back on prediction), so a fold that lacks a
 * class still trains. SVMs are combined one-vs-rest here rather than with Smile's OneVersusRest, which trains
 * in parallel threads whose random state the seed cannot reach; each binary SVM is trained on the calling
 * thread after {@code MathEx.setSeed}, which makes it deterministic.
 */
final class SmileModels {
    private static final String LABEL = "density_label";

    private SmileModels() {
    }

    /** A trained classifier over standardised rows; predicts BI-RADS codes. */
    interface Fitted {
        int[] predict(double[][] rows);
    }

    private static Fitted perRow(java.util.function.ToIntFunction<double[]> f) {
        return rows -> java.util.Arrays.stream(rows).mapToInt(f).toArray();
    }

    static Fitted train(BaselineModel model, double[][] x, int[] codes, Baselines.Hyperparameters h, long seed) {
        int[] present = presentClasses(codes);
        if (present.length == 1) {
            int only = present[0];
            return perRow(row -> only);
        }
        int[] y = new int[codes.length];
        for (int i = 0; i < codes.length; i++) {
            y[i] = java.util.Arrays.binarySearch(present, codes[i]);
        }
        MathEx.setSeed(seed);
        switch (model) {
            case LOGISTIC_REGRESSION: {
                LogisticRegression lr = LogisticRegression.fit(x, y, 1.0 / h.c(), 1e-5, 500);
                return perRow(row -> present[lr.predict(row)]);
            }
            case LINEAR_SVM:
                return oneVersusRest(x, y, present, new LinearKernel(), h.c(), seed);
            case RBF_SVM:
                // exp(-gamma |u - v|^2) with gamma = 1 / d equals Smile's exp(-|u - v|^2 / (2 sigma^2))
                return oneVersusRest(x, y, present, new GaussianKernel(Math.sqrt(x[0].length / 2.0)), h.c(), seed);
            case RANDOM_FOREST:
                return forest(x, y, present, h.trees(), seed);
            default:
                throw new IllegalStateException("unknown model " + model);
        }
    }

    private static Fitted oneVersusRest(double[][] x, int[] y, int[] present, MercerKernel<double[]> kernel,
                                        double c, long seed) {
        int m = present.length;
        if (m == 2) {
            SVM<double[]> svm = binary(x, y, 1, kernel, c, seed);
            return perRow(row -> present[svm.score(row) > 0 ? 1 : 0]);
        }
        java.util.List<SVM<double[]>> machines = new java.util.ArrayList<>();
        for (int k = 0; k < m; k++) {
            machines.add(binary(x, y, k, kernel, c, seed + k));
        }
        return perRow(row -> {
            int best = 0;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < m; k++) {
                double s = machines.get(k).score(row);
                if (s > bestScore) {
                    bestScore = s;
                    best = k;
                }
            }
            return present[best];
        });
    }

    /** SVM separating class {@code positive} (+1) from the rest (-1). */
    private static SVM<double[]> binary(double[][] x, int[] y, int positive, MercerKernel<double[]> kernel,
                                        double c, long seed) {
        int[] pm = new int[y.length];
        for (int i = 0; i < y.length; i++) {
            pm[i] = y[i] == positive ? 1 : -1;
        }
        MathEx.setSeed(seed);
        return SVM.fit(x, pm, kernel, c, 1e-3);
    }

    private static Fitted forest(double[][] x, int[] y, int[] present, int trees, long seed) {
        int d = x[0].length;
        String[] names = new String[d];
        for (int j = 0; j < d; j++) {
            names[j] = "f" + j;
        }
        DataFrame train = DataFrame.of(x, names).merge(IntVector.of(LABEL, y));
        int mtry = Math.max(1, (int) Math.floor(Math.sqrt(d)));
        RandomForest rf = RandomForest.fit(Formula.lhs(LABEL), train, trees, mtry, SplitRule.GINI, 20,
                Math.max(2, x.length), 1, 1.0, null, LongStream.range(0, trees).map(t -> seed * 7919L + t));
        return rows -> {
            DataFrame test = DataFrame.of(rows, names).merge(IntVector.of(LABEL, new int[rows.length]));
            int[] out = new int[rows.length];
            for (int i = 0; i < rows.length; i++) {
                out[i] = present[rf.predict(test.get(i))];
            }
            return out;
        };
    }

    private static int[] presentClasses(int[] codes) {
        return java.util.Arrays.stream(codes).distinct().sorted().toArray();
    }
}
