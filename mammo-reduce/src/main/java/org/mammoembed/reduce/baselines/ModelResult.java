package org.mammoembed.reduce.baselines;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Cross-validated scores of one model on one feature set.
 *
 * @param model      the classifier
 * @param featureSet "embedding" or "handcrafted"
 * @param folds      scores of each test fold, in fold order
 */
public record ModelResult(BaselineModel model, String featureSet, List<ClassificationScores> folds) {
    public ModelResult {
        folds = List.copyOf(folds);
    }

    /** Per-fold balanced accuracy, in fold order (the paired t-test's input). */
    public double[] balancedAccuracies() {
        return folds.stream().mapToDouble(ClassificationScores::balancedAccuracy).toArray();
    }

    public MeanStd balancedAccuracy() {
        return summary(ClassificationScores::balancedAccuracy);
    }

    public MeanStd accuracy() {
        return summary(ClassificationScores::accuracy);
    }

    public MeanStd macroF1() {
        return summary(ClassificationScores::macroF1);
    }

    public MeanStd kappa() {
        return summary(ClassificationScores::kappa);
    }

    public MeanStd quadraticKappa() {
        return summary(ClassificationScores::quadraticKappa);
    }

    /** Confusion matrix summed over the folds, [true code - 1][predicted code - 1]. */
    public int[][] confusion() {
        int[][] sum = new int[ClassificationScores.CLASSES][ClassificationScores.CLASSES];
        for (ClassificationScores f : folds) {
            for (int t = 0; t < sum.length; t++) {
                for (int p = 0; p < sum.length; p++) {
                    sum[t][p] += f.confusion()[t][p];
                }
            }
        }
        return sum;
    }

    private MeanStd summary(ToDoubleFunction<ClassificationScores> metric) {
        return MeanStd.of(folds.stream().mapToDouble(metric).toArray());
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", model.key());
        m.put("features", featureSet);
        m.put("balanced_accuracy", balancedAccuracy().toMap());
        m.put("accuracy", accuracy().toMap());
        m.put("macro_f1", macroF1().toMap());
        m.put("cohen_kappa", kappa().toMap());
        m.put("quadratic_weighted_kappa", quadraticKappa().toMap());
        List<List<Integer>> confusion = new ArrayList<>();
        for (int[] row : confusion()) {
            confusion.add(java.util.Arrays.stream(row).boxed().toList());
        }
        m.put("confusion_matrix", confusion);
        m.put("per_fold_balanced_accuracy", java.util.Arrays.stream(balancedAccuracies()).boxed().toList());
        return m;
    }

    /**
     * Mean and sample standard deviation (n - 1) of per-fold values; NaN folds (undefined kappa) are left out
     * and counted in {@code undefinedFolds}.
     */
    public record MeanStd(double mean, double std, int undefinedFolds) {
        static MeanStd of(double[] values) {
            double[] defined = java.util.Arrays.stream(values).filter(Double::isFinite).toArray();
            int n = defined.length;
            if (n == 0) {
                return new MeanStd(Double.NaN, Double.NaN, values.length);
            }
            double mean = java.util.Arrays.stream(defined).sum() / n;
            double ss = 0.0;
            for (double v : defined) {
                ss += (v - mean) * (v - mean);
            }
            return new MeanStd(mean, n > 1 ? Math.sqrt(ss / (n - 1)) : 0.0, values.length - n);
        }

        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("mean", PairedTTest.finiteOrNull(mean));
            m.put("std", PairedTTest.finiteOrNull(std));
            if (undefinedFolds > 0) {
                m.put("undefined_folds", undefinedFolds);
            }
            return m;
        }

        /** "0.812 ± 0.034", or "n/a". */
        public String format() {
            return Double.isFinite(mean) ? String.format(java.util.Locale.ROOT, "%.3f ± %.3f", mean, std) : "n/a";
        }
    }
}
