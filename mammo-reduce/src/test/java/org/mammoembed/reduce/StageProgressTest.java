package org.mammoembed.reduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mammoembed.core.AnalysisResult;
import org.mammoembed.core.BiRadsDensity;
import org.mammoembed.core.StageProgress;
import org.mammoembed.reduce.baselines.BaselineModel;
import org.mammoembed.reduce.baselines.Baselines;

/** Long analysis steps report their progress by stage name, with counts that reach their total. */
class StageProgressTest {
    private static float[][] data(int n, int d) {
        SplittableRandom r = new SplittableRandom(5);
        float[][] x = new float[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x[i][j] = (float) (r.nextGaussian() + (i % 4) * 3);
            }
        }
        return x;
    }

    private static List<BiRadsDensity> labels(int n) {
        List<BiRadsDensity> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            l.add(BiRadsDensity.ofCode(1 + i % 4));
        }
        return l;
    }

    /** Events of one stage: start at 0, never going back, ending at the total. */
    private static void assertStage(List<StageProgress> events, String stage, String unit, long total, int minEvents) {
        List<StageProgress> s = events.stream().filter(e -> e.stage().equals(stage)).toList();
        assertTrue(s.size() >= minEvents, stage + ": " + s);
        assertEquals(0, s.get(0).done(), stage);
        for (int i = 1; i < s.size(); i++) {
            assertTrue(s.get(i).done() >= s.get(i - 1).done(), stage + " went back: " + s);
        }
        StageProgress last = s.get(s.size() - 1);
        assertEquals(total, last.total(), stage);
        assertEquals(total, last.done(), stage);
        assertEquals(unit, last.unit(), stage);
        assertTrue(last.finished());
    }

    @Test
    void tsneReportsItsIterationsAndUmapItsEpochs() {
        float[][] x = data(40, 6);
        List<StageProgress> events = new ArrayList<>();
        Tsne.builder().iterations(100).seed(1).build().fitTransform(x, events::add);
        assertStage(events, "tsne", "iterations", 100, 5);
        Umap.builder().epochs(60).seed(1).build().fitTransform(x, events::add);
        assertStage(events, "umap", "epochs", 60L * 1, 3);
    }

    @Test
    void analysisNamesEveryStepAndTheKMeansSweepCountsItsK() {
        float[][] x = data(40, 6);
        List<StageProgress> events = new ArrayList<>();
        AnalysisResult r = Analysis.builder().pca().tsne().projections3d(true).clustering().build()
                .run(x, labels(40), 42, events::add);
        assertEquals(List.of("pca", "tsne"), r.projections2d().stream().map(p -> p.method()).toList());
        assertEquals(2, r.projections3d().size());
        assertTrue(r.clusteringMetrics().containsKey("kmeans"), r.clusteringMetrics()::toString);
        assertEquals(List.of("pca", "tsne", "pca-3d", "tsne-3d", "kmeans"),
                new ArrayList<>(new LinkedHashSet<>(events.stream().map(StageProgress::stage).toList())));
        assertStage(events, "pca", "steps", 1, 2);
        assertStage(events, "tsne-3d", "iterations", 1000, 10);
        assertStage(events, "kmeans", "k", 6, 7);
    }

    @Test
    void baselinesReportEachFold() {
        float[][] x = data(60, 4);
        List<String> exams = new ArrayList<>();
        int[] y = new int[60];
        for (int i = 0; i < 60; i++) {
            exams.add("E" + i / 2);
            y[i] = 1 + (i / 2) % 4;
        }
        List<StageProgress> events = new ArrayList<>();
        Baselines.builder().folds(3).models(java.util.EnumSet.of(BaselineModel.values()[0]))
                .progress(events::add).build().run(x, y, exams);
        assertStage(events, "baselines", "folds", 3, 4);
    }
}
