package org.mammoembed.reduce.baselines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mammoembed.core.BiRadsDensity;
import org.mammoembed.core.EmbeddedImage;
import org.mammoembed.core.EmbeddingResult;
import org.mammoembed.core.ImageRecord;

class BaselinesTest {

    /** Exams with 2-4 views each; features are the class centre (or nothing, when separation is 0) plus noise. */
    private static final class Fixture {
        final List<float[]> rows = new ArrayList<>();
        final List<Integer> labels = new ArrayList<>();
        final List<String> exams = new ArrayList<>();

        Fixture(int examsPerClass, int dim, double separation, boolean randomLabels, long seed) {
            Random r = new Random(seed);
            double[][] centre = new double[4][dim];
            for (double[] c : centre) {
                for (int j = 0; j < dim; j++) {
                    c[j] = r.nextGaussian() * separation;
                }
            }
            int exam = 0;
            for (int cls = 1; cls <= 4; cls++) {
                for (int e = 0; e < examsPerClass; e++, exam++) {
                    int label = randomLabels ? 1 + r.nextInt(4) : cls;
                    double[] examOffset = new double[dim];
                    for (int j = 0; j < dim; j++) {
                        examOffset[j] = r.nextGaussian() * 0.5;
                    }
                    int views = 2 + r.nextInt(3);
                    for (int v = 0; v < views; v++) {
                        float[] row = new float[dim];
                        for (int j = 0; j < dim; j++) {
                            row[j] = (float) (centre[cls - 1][j] + examOffset[j] + r.nextGaussian());
                        }
                        rows.add(row);
                        labels.add(label);
                        exams.add("ACC" + exam);
                    }
                }
            }
        }

        float[][] x() {
            return rows.toArray(new float[0][]);
        }

        int[] y() {
            return labels.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    private static Baselines fast() {
        return Baselines.builder().trees(40).seed(1).build();
    }

    @Test
    void separableClassesAreLearnedByEveryModelWithoutGroupLeakage() {
        Fixture f = new Fixture(10, 24, 3.0, false, 5);
        BaselineReport report = fast().run(f.x(), f.y(), f.exams);
        assertEquals(4, report.embedding().size());
        for (ModelResult m : report.embedding()) {
            assertTrue(m.balancedAccuracy().mean() > 0.9, m.model() + " " + m.balancedAccuracy());
            int[][] c = m.confusion();
            for (int p = 0; p < 4; p++) {
                int predicted = 0;
                for (int t = 0; t < 4; t++) {
                    predicted += c[t][p];
                }
                assertTrue(predicted > 0, m.model() + " never predicts class " + (p + 1));
            }
            assertEquals(5, m.folds().size());
        }
        assertNoExamStraddlesFolds(report.foldOfRow(), f.exams);
        assertNull(report.bestModelTest());
        assertNotNull(report.toMap().get("best_embedding_model"));
        assertEquals(report.toMap(), fast().run(f.x(), f.y(), f.exams).toMap(), "same seed, same report");
    }

    @Test
    void aRunsLabelledRowsGiveTheSameReportAsTheArraysTheyHold() {
        Fixture f = new Fixture(6, 12, 3.0, false, 9);
        float[][] x = f.x();
        List<EmbeddedImage> index = new ArrayList<>();
        float[] flat = new float[x.length * 12];
        for (int i = 0; i < x.length; i++) {
            System.arraycopy(x[i], 0, flat, i * 12, 12);
            index.add(new EmbeddedImage(i, new ImageRecord(f.exams.get(i), BiRadsDensity.ofCode(f.labels.get(i)),
                    Path.of("/data/img" + i + ".dcm"), "img" + i + ".dcm", Map.of()), "CC", "L"));
        }
        EmbeddingResult run = EmbeddingResult.wrap(12, flat, index, List.of());
        assertEquals(fast().run(x, f.y(), f.exams).toMap(), fast().run(run, null).toMap());

        List<EmbeddedImage> withUnlabelled = new ArrayList<>(index);
        withUnlabelled.add(new EmbeddedImage(x.length, new ImageRecord("U", null, Path.of("/data/u.dcm"), "u.dcm",
                Map.of()), "CC", "L"));
        EmbeddingResult mixed = EmbeddingResult.wrap(12, java.util.Arrays.copyOf(flat, flat.length + 12),
                withUnlabelled, List.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fast().run(mixed, null));
        assertTrue(e.getMessage().contains("u.dcm") && e.getMessage().contains("labelled()"), e.getMessage());
        assertEquals(fast().run(x, f.y(), f.exams).toMap(), fast().run(mixed.labelled(), null).toMap());
    }

    @Test
    void smallFoldsTrainEveryModel() {
        // 2 exams per class, 5 folds: training folds of 6-7 exams, where each forest tree's out-of-bag rows
        // often hold just two classes (Smile's RandomForest.fit threw on that; our forest must not)
        for (long seed = 1; seed <= 5; seed++) {
            Fixture f = new Fixture(2, 16, 3.0, false, seed);
            BaselineReport report = Baselines.builder().trees(100).seed(seed).build().run(f.x(), f.y(), f.exams);
            assertEquals(4, report.embedding().size());
            for (ModelResult m : report.embedding()) {
                assertEquals(5, m.folds().size(), m.model().toString());
                assertTrue(m.balancedAccuracy().mean() > 0.5, m.model() + " " + m.balancedAccuracy());
            }
        }
    }

    @Test
    void randomLabelsGiveChanceLevel() {
        Fixture f = new Fixture(20, 16, 0.0, true, 6);
        BaselineReport report = fast().run(f.x(), f.y(), f.exams);
        for (ModelResult m : report.embedding()) {
            double mean = m.balancedAccuracy().mean();
            assertTrue(mean > 0.1 && mean < 0.42, m.model() + " " + m.balancedAccuracy());
        }
    }

    @Test
    void handcraftedBaselineAndPairedTestAreReported() {
        Fixture f = new Fixture(10, 24, 3.0, false, 7);
        float[][] weak = new Fixture(10, 24, 0.3, false, 7).x();
        BaselineReport report = fast().run(f.x(), weak, f.y(), f.exams);
        assertEquals(4, report.handcrafted().size());
        PairedTTest t = report.bestModelTest();
        assertNotNull(t);
        assertEquals(4, t.df());
        assertTrue(t.meanDifference() > 0, "strong features beat weak ones: " + t);
        String md = report.toMarkdown();
        assertTrue(md.contains("## Embedding features") && md.contains("## Handcrafted features")
                && md.contains("Paired t-test") && md.contains("| 4 (D) |"), md);
        Map<String, Object> m = report.toMap();
        assertNotNull(m.get("paired_t_test"));
        assertEquals(5, ((Map<?, ?>) m.get("settings")).get("folds"));
    }

    @Test
    void foldsAreStratifiedOnExamLabels() {
        Fixture f = new Fixture(10, 4, 1.0, false, 8);
        int[] fold = GroupedStratifiedFolds.assign(f.y(), f.exams, 5, 3);
        assertNoExamStraddlesFolds(fold, f.exams);
        // 10 exams per class over 5 folds: exactly 2 exams of each class per fold
        Map<String, Integer> examFold = new HashMap<>();
        Map<String, Integer> examLabel = new HashMap<>();
        for (int i = 0; i < fold.length; i++) {
            examFold.put(f.exams.get(i), fold[i]);
            examLabel.put(f.exams.get(i), f.labels.get(i));
        }
        int[][] count = new int[5][5];
        for (String e : examFold.keySet()) {
            count[examFold.get(e)][examLabel.get(e)]++;
        }
        for (int k = 0; k < 5; k++) {
            for (int c = 1; c <= 4; c++) {
                assertEquals(2, count[k][c], "fold " + k + " class " + c);
            }
        }
    }

    @Test
    void badInputsAndOptionsAreRejectedWithNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Baselines.builder().folds(1));
        assertTrue(e.getMessage().contains("folds") && e.getMessage().contains("1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> fast().run(new float[][] {{1}, {2}}, new int[] {1, 5}, List.of("a", "b")));
        assertTrue(e.getMessage().contains("labels[1]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> fast().run(new float[][] {{1}, {2}}, new int[] {1, 2}, List.of("a", "b")));
        assertTrue(e.getMessage().contains("folds"), e.getMessage());
    }

    private static void assertNoExamStraddlesFolds(int[] fold, List<String> exams) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < fold.length; i++) {
            Integer before = seen.putIfAbsent(exams.get(i), fold[i]);
            assertTrue(before == null || before == fold[i], "exam " + exams.get(i) + " is in two folds");
        }
    }
}
