package org.mammoembed.core;

import java.util.List;
import java.util.Map;

/**
 * The optional exploration step of a study (projections, clustering metrics), as an SPI so that the study
 * runner needs nothing beyond core: {@code org.mammoembed.reduce.Analysis} (GPL-3.0, optional) implements it.
 * A study without analysis never loads an implementation. Implementations compute; the runner writes the files
 * (previews, 3-D CSVs, {@code clustering_metrics.json}, projection columns of {@code joined.csv}).
 */
public interface EmbeddingAnalysis {

    /** What this analysis will do, typed, for {@code run.json} (e.g. {@code {"pca": true, "tsne": false}}). */
    Map<String, Object> describe();

    /**
     * Runs on {@code features} (N rows, one per embedded image, in output order). A step that cannot run on
     * this data (too few rows) is skipped with a note; it never throws for that.
     *
     * @param labels   the density label of each row ({@code null} where unlabelled)
     * @param seed     the study's seed (every randomised step is seeded from it)
     * @param listener told about each step's progress (stage names such as {@code pca}, {@code tsne})
     */
    AnalysisResult run(float[][] features, List<BiRadsDensity> labels, long seed, StageListener listener);
}
