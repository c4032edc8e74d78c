package org.mammoembed.reduce.baselines;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Stratified k-fold split grouped by exam (accession number): all views of an exam land in the same fold, and
 * each density class's exams are spread evenly over the folds. An exam's label is the most frequent label of
 * its rows (smallest code on ties). Exams of each class are shuffled with the seed and dealt to folds in turn,
 * each class starting at the fold after the previous class stopped, so fold sizes stay within one exam of
 * each other.
 */
final class GroupedStratifiedFolds {
    private GroupedStratifiedFolds() {
    }

    /**
     * @return the test fold of each row, 0..folds-1
     * @throws IllegalArgumentException when there are fewer exams than folds
     */
    static int[] assign(int[] labels, List<String> groups, int folds, long seed) {
        Map<String, List<Integer>> rowsOfExam = new LinkedHashMap<>();
        for (int i = 0; i < labels.length; i++) {
            rowsOfExam.computeIfAbsent(groups.get(i), g -> new ArrayList<>()).add(i);
        }
        if (rowsOfExam.size() < folds) {
            throw new IllegalArgumentException("folds must be <= the number of exams (" + rowsOfExam.size()
                    + "), got " + folds);
        }
        List<List<String>> examsOfClass = new ArrayList<>();
        for (int c = 0; c <= ClassificationScores.CLASSES; c++) {
            examsOfClass.add(new ArrayList<>());
        }
        for (Map.Entry<String, List<Integer>> exam : rowsOfExam.entrySet()) {
            examsOfClass.get(examLabel(labels, exam.getValue())).add(exam.getKey());
        }
        SplittableRandom random = new SplittableRandom(seed);
        int[] fold = new int[labels.length];
        int next = 0;
        for (List<String> exams : examsOfClass) {
            shuffle(exams, random);
            for (String exam : exams) {
                for (int row : rowsOfExam.get(exam)) {
                    fold[row] = next;
                }
                next = (next + 1) % folds;
            }
        }
        return fold;
    }

    private static int examLabel(int[] labels, List<Integer> rows) {
        int[] count = new int[ClassificationScores.CLASSES + 1];
        for (int r : rows) {
            count[labels[r]]++;
        }
        int best = 1;
        for (int c = 2; c <= ClassificationScores.CLASSES; c++) {
            if (count[c] > count[best]) {
                best = c;
            }
        }
        return best;
    }

    private static void shuffle(List<String> list, SplittableRandom random) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            String t = list.get(i);
            list.set(i, list.get(j));
            list.set(j, t);
        }
    }
}
