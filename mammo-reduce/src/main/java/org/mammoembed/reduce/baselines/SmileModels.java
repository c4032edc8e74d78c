package org.mammoembed.reduce.baselines;

import smile.base.cart.CART;
import smile.base.cart.SplitRule;
import smile.classification.Classifier;
import smile.classification.LogisticRegression;
import smile.classification.DecisionTree;
import smile.classification.SVM;
import smile.data.DataFrame;
import smile.data.type.DataTypes;
import smile.data.type.StructField;
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

    /**
     * A random forest of Smile CART trees grown here: bootstrap samples drawn from a seeded {@link java.util.Random}
     * per tree, {@code sqrt(d)} candidate features per split, Gini, depth at most 20, majority vote (ties to the
     * lower class). Not {@code RandomForest.fit}: Smile 3.1.1 scores every tree on its out-of-bag rows and throws
     * ("Sensitivity can only be applied to binary classification") whenever those rows hold exactly two classes
     * while the tree predicts a third, which small folds hit by chance.
     */
    private static Fitted forest(double[][] x, int[] y, int[] present, int trees, long seed) {
        int d = x[0].length;
        String[] names = new String[d];
        for (int j = 0; j < d; j++) {
            names[j] = "f" + j;
        }
        DataFrame features = DataFrame.of(x, names);
        int[][] order = CART.order(features);
        StructField response = new StructField(LABEL, DataTypes.IntegerType);
        int k = present.length;
        int mtry = Math.max(1, (int) Math.floor(Math.sqrt(d)));
        DecisionTree[] forest = new DecisionTree[trees];
        for (int t = 0; t < trees; t++) {
            java.util.Random rnd = new java.util.Random(seed * 7919L + t);
            int[] samples = new int[x.length];
            for (int i = 0; i < x.length; i++) {
                samples[rnd.nextInt(x.length)]++;
            }
            forest[t] = new DecisionTree(features, y, response, k, SplitRule.GINI, 20, Math.max(2, x.length), 1,
                    mtry, samples, order);
        }
        return rows -> {
            DataFrame test = DataFrame.of(rows, names);
            int[] out = new int[rows.length];
            int[] votes = new int[k];
            for (int i = 0; i < rows.length; i++) {
                java.util.Arrays.fill(votes, 0);
                for (DecisionTree tree : forest) {
                    votes[tree.predict(test.get(i))]++;
                }
                int best = 0;
                for (int c = 1; c < k; c++) {
                    if (votes[c] > votes[best]) {
                        best = c;
                    }
                }
                out[i] = present[best];
            }
            return out;
        };
    }

    private static int[] presentClasses(int[] codes) {
        return java.util.Arrays.stream(codes).distinct().sorted().toArray();
    }
}
