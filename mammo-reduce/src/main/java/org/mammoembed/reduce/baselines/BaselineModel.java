package org.mammoembed.reduce.baselines;

/** The classifiers that {@link Baselines} evaluates; each is trained by {@link SmileModels}. */
public enum BaselineModel {
    /** Multinomial L2-regularised logistic regression (lambda = 1 / C). */
    LOGISTIC_REGRESSION("logistic_regression"),
    /** Linear-kernel SVM, one-vs-rest. */
    LINEAR_SVM("linear_svm"),
    /** Gaussian-kernel SVM, one-vs-rest, gamma = 1 / d as scikit-learn's "scale" on standardised data. */
    RBF_SVM("rbf_svm"),
    /** Random forest (Gini, sqrt(d) features per split). */
    RANDOM_FOREST("random_forest");

    private final String key;

    BaselineModel(String key) {
        this.key = key;
    }

    /** Snake-case name used in reports. */
    public String key() {
        return key;
    }
}
