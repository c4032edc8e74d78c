package org.mammoembed.reduce.baselines;

/**
 * Scores of one test fold over the four BI-RADS density classes (codes 1-4), with scikit-learn's definitions:
 * balanced accuracy is the mean recall over the classes present in the truth; macro-F1 averages F1 over the
 * classes present in the truth or the predictions (F1 = 0 when a class is never right); Cohen's kappa is
 * (p_o - p_e) / (1 - p_e), and the quadratic-weighted kappa uses weights (i - j)^2 between codes. A kappa whose
 * chance agreement is 1 (one class everywhere) is NaN.
 *
 * @param balancedAccuracy mean per-class recall
 * @param accuracy         fraction correct
 * @param macroF1          unweighted mean F1
 * @param kappa            Cohen's kappa
 * @param quadraticKappa   Cohen's kappa with quadratic weights
 * @param confusion        4 x 4 counts, [true code - 1][predicted code - 1]
 */
public record ClassificationScores(double balancedAccuracy, double accuracy, double macroF1, double kappa,
                                   double quadraticKappa, int[][] confusion) {
    /** Number of density classes. */
    public static final int CLASSES = 4;

    public ClassificationScores {
        confusion = copy(confusion);
    }

    /** 4 x 4 counts (a copy). */
    @Override
    public int[][] confusion() {
        return copy(confusion);
    }

    /** Scores predictions against the truth, both as BI-RADS codes 1-4. */
    public static ClassificationScores of(int[] truth, int[] predicted) {
        if (truth.length != predicted.length || truth.length == 0) {
            throw new IllegalArgumentException("truth and predictions must have the same non-zero length, got "
                    + truth.length + " and " + predicted.length);
        }
        int[][] m = new int[CLASSES][CLASSES];
        for (int i = 0; i < truth.length; i++) {
            m[index(truth[i])][index(predicted[i])]++;
        }
        return fromConfusion(m);
    }

    static ClassificationScores fromConfusion(int[][] m) {
        int n = 0;
        int correct = 0;
        int[] rowSum = new int[CLASSES];
        int[] colSum = new int[CLASSES];
        for (int t = 0; t < CLASSES; t++) {
            for (int p = 0; p < CLASSES; p++) {
                n += m[t][p];
                rowSum[t] += m[t][p];
                colSum[p] += m[t][p];
            }
            correct += m[t][t];
        }
        double recallSum = 0.0;
        int present = 0;
        double f1Sum = 0.0;
        int f1Classes = 0;
        for (int c = 0; c < CLASSES; c++) {
            if (rowSum[c] > 0) {
                recallSum += (double) m[c][c] / rowSum[c];
                present++;
            }
            if (rowSum[c] > 0 || colSum[c] > 0) {
                f1Sum += 2.0 * m[c][c] / (rowSum[c] + colSum[c]);
                f1Classes++;
            }
        }
        return new ClassificationScores(recallSum / present, (double) correct / n, f1Sum / f1Classes,
                kappa(m, rowSum, colSum, n, false), kappa(m, rowSum, colSum, n, true), m);
    }

    /** 1 - sum(w * observed) / sum(w * expected), with w = 1 off the diagonal, or (i - j)^2. */
    private static double kappa(int[][] m, int[] rowSum, int[] colSum, int n, boolean quadratic) {
        double observed = 0.0;
        double expected = 0.0;
        for (int t = 0; t < CLASSES; t++) {
            for (int p = 0; p < CLASSES; p++) {
                double w = quadratic ? (t - p) * (t - p) : (t == p ? 0.0 : 1.0);
                observed += w * m[t][p];
                expected += w * (double) rowSum[t] * colSum[p] / n;
            }
        }
        return expected == 0.0 ? Double.NaN : 1.0 - observed / expected;
    }

    private static int index(int code) {
        if (code < 1 || code > CLASSES) {
            throw new IllegalArgumentException("BI-RADS density code must be 1-4, got " + code);
        }
        return code - 1;
    }

    static int[][] copy(int[][] m) {
        int[][] c = new int[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }
}
