package org.mammoembed.reduce.baselines;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything {@link Baselines} found: the settings, one {@link ModelResult} per model and feature set, the
 * paired t-test (null without handcrafted features) and the test fold of each row.
 */
public record BaselineReport(Map<String, Object> settings, List<ModelResult> embedding,
                             List<ModelResult> handcrafted, PairedTTest bestModelTest, int[] foldOfRow) {
    public BaselineReport {
        settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        embedding = List.copyOf(embedding);
        handcrafted = List.copyOf(handcrafted);
        foldOfRow = foldOfRow.clone();
    }

    @Override
    public int[] foldOfRow() {
        return foldOfRow.clone();
    }

    /** The {@code baselines.json} shape. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("settings", new LinkedHashMap<>(settings));
        m.put("embedding", maps(embedding));
        m.put("handcrafted", maps(handcrafted));
        m.put("best_embedding_model", Baselines.best(embedding).model().key());
        if (!handcrafted.isEmpty()) {
            m.put("best_handcrafted_model", Baselines.best(handcrafted).model().key());
        }
        m.put("paired_t_test", bestModelTest == null ? null : bestModelTest.toMap());
        return m;
    }

    /** The {@code report.md} content. */
    public String toMarkdown() {
        StringBuilder md = new StringBuilder();
        md.append("# BI-RADS density baselines\n\n");
        md.append("Stratified ").append(settings.get("folds")).append("-fold cross-validation grouped by exam ")
                .append("(views of one exam never straddle train and test); ").append(settings.get("num_samples"))
                .append(" images, ").append(settings.get("num_exams")).append(" exams, seed ")
                .append(settings.get("seed")).append(". Features standardised on each training fold. ")
                .append("Values are mean ± standard deviation over folds.\n\n");
        table(md, "Embedding features", embedding);
        if (!handcrafted.isEmpty()) {
            table(md, "Handcrafted features", handcrafted);
        }
        if (bestModelTest != null) {
            md.append("## Paired t-test on per-fold balanced accuracy\n\n")
                    .append(String.format(java.util.Locale.ROOT,
                            "%s vs %s: mean difference %.4f, t = %.3f, df = %d, two-sided p = %.4g\n\n",
                            bestModelTest.first(), bestModelTest.second(), bestModelTest.meanDifference(),
                            bestModelTest.t(), bestModelTest.df(), bestModelTest.pValue()));
        }
        ModelResult best = Baselines.best(embedding);
        md.append("## Confusion matrix of the best embedding model (").append(best.model().key())
                .append("), summed over folds\n\n| true \\ predicted | 1 (A) | 2 (B) | 3 (C) | 4 (D) |\n")
                .append("|---|---|---|---|---|\n");
        int[][] c = best.confusion();
        for (int t = 0; t < c.length; t++) {
            md.append("| ").append(t + 1).append(" (").append((char) ('A' + t)).append(") |");
            for (int v : c[t]) {
                md.append(' ').append(v).append(" |");
            }
            md.append('\n');
        }
        return md.toString();
    }

    private static void table(StringBuilder md, String title, List<ModelResult> results) {
        md.append("## ").append(title).append("\n\n")
                .append("| model | balanced accuracy | accuracy | macro-F1 | Cohen's kappa | quadratic kappa |\n")
                .append("|---|---|---|---|---|---|\n");
        for (ModelResult r : results) {
            md.append("| ").append(r.model().key()).append(" | ").append(r.balancedAccuracy().format())
                    .append(" | ").append(r.accuracy().format()).append(" | ").append(r.macroF1().format())
                    .append(" | ").append(r.kappa().format()).append(" | ").append(r.quadraticKappa().format())
                    .append(" |\n");
        }
        md.append('\n');
    }

    private static List<Map<String, Object>> maps(List<ModelResult> results) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ModelResult r : results) {
            out.add(r.toMap());
        }
        return out;
    }
}
