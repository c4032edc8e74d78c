package org.mammoembed.reduce.baselines;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.mammoembed.core.EmbeddedImage;
import org.mammoembed.core.EmbeddingResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code embeddings-baselines} engine: cross-validated density classifiers on the embeddings and,
 * optionally, on handcrafted descriptors, with a paired t-test between the best model of each.
 *
 * <p>Protocol: folds from {@link GroupedStratifiedFolds} (views of an exam never straddle train and test,
 * folds stratified on the exam label); features standardised with statistics of the training fold only; each
 * {@link BaselineModel} trained on the training fold and scored on the test fold with
 * {@link ClassificationScores}. Labels are BI-RADS codes 1-4 and are never merged. Deterministic for a seed.
 *
 * <p>Cost: dominated by the SVMs (LASVM, roughly O(n_train^2 * d) kernel work per class per fold) and the
 * forest (O(trees * n log n * sqrt(d)) per fold).
 */
public final class Baselines {
    private static final Logger LOG = LoggerFactory.getLogger(Baselines.class);

    /** Model settings passed to {@link SmileModels}. */
    record Hyperparameters(double c, int trees) {
    }

    private final int folds;
    private final long seed;
    private final Set<BaselineModel> models;
    private final Hyperparameters hyperparameters;
    private final org.mammoembed.core.StageListener progress;

    private Baselines(Builder b) {
        this.progress = b.progress;
        this.folds = b.folds;
        this.seed = b.seed;
        this.models = EnumSet.copyOf(b.models);
        this.hyperparameters = new Hyperparameters(b.c, b.trees);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The baselines of a run's labelled images (e.g. {@code RunOutputs.read(...).labelled()}): the labels are the
     * records' densities, the folds grouped by AccessionNumber.
     *
     * @param handcrafted descriptor rows for the same images in the same order, or null to skip that baseline
     * @throws IllegalArgumentException when an image has no density, or there are fewer exams than folds (as
     *                                  {@link #run(float[][], float[][], int[], List)})
     */
    public BaselineReport run(EmbeddingResult labelled, float[][] handcrafted) {
        Objects.requireNonNull(labelled, "labelled");
        int n = labelled.size();
        int[] labels = new int[n];
        List<String> accessions = new ArrayList<>(n);
        for (EmbeddedImage e : labelled.index()) {
            if (e.record().density() == null) {
                throw new IllegalArgumentException("image " + e.record().relativePath() + " (row " + e.index()
                        + ") has no density label; pass the labelled rows only (EmbeddingResult.labelled())");
            }
            labels[e.index()] = e.record().biRads();
            accessions.add(e.record().accessionNumber());
        }
        return run(labelled.toMatrix(), handcrafted, labels, accessions);
    }

    /** Embedding models only. */
    public BaselineReport run(float[][] embeddings, int[] labels, List<String> accessions) {
        return run(embeddings, null, labels, accessions);
    }

    /**
     * @param embeddings  n x d embedding rows
     * @param handcrafted n x h descriptor rows for the same images, or null to skip that baseline
     * @param labels      BI-RADS code 1-4 per row
     * @param accessions  exam (group) per row
     */
    public BaselineReport run(float[][] embeddings, float[][] handcrafted, int[] labels, List<String> accessions) {
        int n = checkInputs(embeddings, handcrafted, labels, accessions);
        int[] fold = GroupedStratifiedFolds.assign(labels, accessions, folds, seed);
        long[] done = {0};
        long total = (long) models.size() * folds * (handcrafted == null ? 1 : 2);
        long start = System.nanoTime();
        progress.onStage(org.mammoembed.core.StageProgress.of("baselines", 0, total, "folds", 0, start));
        Runnable foldDone = () -> progress.onStage(org.mammoembed.core.StageProgress.of("baselines", ++done[0],
                total, "folds", 0, start));
        List<ModelResult> embedding = evaluate("embedding", embeddings, labels, fold, foldDone);
        List<ModelResult> descriptors = handcrafted == null ? List.of() : evaluate("handcrafted", handcrafted,
                labels, fold, foldDone);
        PairedTTest test = null;
        if (!descriptors.isEmpty()) {
            ModelResult a = best(embedding);
            ModelResult b = best(descriptors);
            test = PairedTTest.of(a.featureSet() + "/" + a.model().key(), a.balancedAccuracies(),
                    b.featureSet() + "/" + b.model().key(), b.balancedAccuracies());
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("folds", folds);
        settings.put("seed", seed);
        settings.put("num_samples", n);
        settings.put("num_exams", accessions.stream().distinct().count());
        settings.put("svm_c", hyperparameters.c());
        settings.put("forest_trees", hyperparameters.trees());
        return new BaselineReport(settings, embedding, descriptors, test, fold);
    }

    /** The model with the highest mean balanced accuracy (first in enum order on ties). */
    static ModelResult best(List<ModelResult> results) {
        ModelResult best = results.get(0);
        for (ModelResult r : results) {
            if (r.balancedAccuracy().mean() > best.balancedAccuracy().mean()) {
                best = r;
            }
        }
        return best;
    }

    private List<ModelResult> evaluate(String featureSet, float[][] x, int[] labels, int[] fold, Runnable foldDone) {
        List<ModelResult> out = new ArrayList<>();
        for (BaselineModel model : models) {
            List<ClassificationScores> scores = new ArrayList<>();
            for (int f = 0; f < folds; f++) {
                int[] train = rowsWhere(fold, f, false);
                int[] test = rowsWhere(fold, f, true);
                Standardizer scaler = Standardizer.fit(x, train);
                int[] trainLabels = select(labels, train);
                SmileModels.Fitted fitted = SmileModels.train(model, scaler.apply(x, train), trainLabels,
                        hyperparameters, seed * 31 + f);
                int[] predicted = fitted.predict(scaler.apply(x, test));
                scores.add(ClassificationScores.of(select(labels, test), predicted));
                foldDone.run();
            }
            ModelResult result = new ModelResult(model, featureSet, scores);
            LOG.info("{} {}: balanced accuracy {}", featureSet, model.key(), result.balancedAccuracy().format());
            out.add(result);
        }
        return out;
    }

    private static int[] rowsWhere(int[] fold, int f, boolean inFold) {
        return java.util.stream.IntStream.range(0, fold.length).filter(i -> (fold[i] == f) == inFold).toArray();
    }

    private static int[] select(int[] values, int[] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = values[rows[i]];
        }
        return out;
    }

    private static int checkInputs(float[][] embeddings, float[][] handcrafted, int[] labels,
                                   List<String> accessions) {
        Objects.requireNonNull(embeddings, "embeddings");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(accessions, "accessions");
        org.mammoembed.reduce.internal.Check.matrix(embeddings);
        if (handcrafted != null) {
            org.mammoembed.reduce.internal.Check.matrix(handcrafted);
        }
        int n = embeddings.length;
        if (labels.length != n || accessions.size() != n || (handcrafted != null && handcrafted.length != n)) {
            throw new IllegalArgumentException("embeddings (" + n + " rows), labels (" + labels.length
                    + "), accessions (" + accessions.size() + ")" + (handcrafted == null ? ""
                    : " and handcrafted (" + handcrafted.length + " rows)") + " must have the same length");
        }
        for (int i = 0; i < n; i++) {
            if (labels[i] < 1 || labels[i] > ClassificationScores.CLASSES) {
                throw new IllegalArgumentException("labels[" + i + "] must be a BI-RADS code 1-4, got " + labels[i]);
            }
            Objects.requireNonNull(accessions.get(i), "accessions[" + i + "]");
        }
        return n;
    }

    /** Options for {@link Baselines}; every setter validates at once. */
    public static final class Builder {
        private int folds = 5;
        private long seed = 42L;
        private Set<BaselineModel> models = EnumSet.allOf(BaselineModel.class);
        private double c = 1.0;
        private int trees = 100;
        private org.mammoembed.core.StageListener progress = org.mammoembed.core.StageListener.NONE;

        private Builder() {
        }

        /** Told after each model's fold (stage "baselines", unit "folds"). Default: nobody. */
        public Builder progress(org.mammoembed.core.StageListener listener) {
            this.progress = Objects.requireNonNull(listener, "progress");
            return this;
        }

        /** Cross-validation folds, 2-20; must not exceed the number of exams. Default 5. */
        public Builder folds(int folds) {
            if (folds < 2 || folds > 20) {
                throw new IllegalArgumentException("folds must be in [2, 20], got " + folds);
            }
            this.folds = folds;
            return this;
        }

        /** Seed of the fold assignment and of the models. Default 42. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Models to evaluate, at least one. Default all of {@link BaselineModel}. */
        public Builder models(Set<BaselineModel> models) {
            if (models == null || models.isEmpty()) {
                throw new IllegalArgumentException("models must name at least one model, got " + models);
            }
            this.models = EnumSet.copyOf(models);
            return this;
        }

        /** Inverse regularisation C of the SVMs and the logistic regression (lambda = 1 / C), > 0. Default 1. */
        public Builder c(double c) {
            if (!(c > 0) || Double.isInfinite(c)) {
                throw new IllegalArgumentException("c must be a finite number > 0, got " + c);
            }
            this.c = c;
            return this;
        }

        /** Trees of the random forest, 1-5000. Default 100 (scikit-learn's). */
        public Builder trees(int trees) {
            if (trees < 1 || trees > 5000) {
                throw new IllegalArgumentException("trees must be in [1, 5000], got " + trees);
            }
            this.trees = trees;
            return this;
        }

        public Baselines build() {
            return new Baselines(this);
        }
    }
}
