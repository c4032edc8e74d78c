package org.mammoembed.io.study;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mammoembed.core.Failure;

/**
 * Counts failures by stage and error class, keeping the first few image names of each kind, so that a flood
 * (100,000 non-DICOM files) is one log line with its count and examples, while every row stays in
 * {@code failures.csv}. Thread-safe.
 */
final class FailureTally {
    /** Names shown per kind in a summary line. */
    static final int EXAMPLES = 3;

    private final Map<String, Kind> kinds = new LinkedHashMap<>();

    private static final class Kind {
        final String stage;
        final String errorClass;
        long count;
        final List<String> examples = new ArrayList<>(EXAMPLES);

        Kind(String stage, String errorClass) {
            this.stage = stage;
            this.errorClass = errorClass;
        }
    }

    synchronized void add(Failure f) {
        Kind k = kinds.computeIfAbsent(f.stage().label() + "\u0000" + f.errorClass(),
                key -> new Kind(f.stage().label(), f.errorClass()));
        k.count++;
        if (k.examples.size() < EXAMPLES) {
            String name = f.relativePath().isEmpty() ? f.accessionNumber() : f.relativePath();
            k.examples.add(name.isEmpty() ? f.message() : name);
        }
    }

    synchronized void addAll(List<Failure> failures) {
        failures.forEach(this::add);
    }

    /** Counts, most frequent first (then by stage and class, for a stable order). */
    synchronized List<StudyResult.FailureCount> counts() {
        List<StudyResult.FailureCount> l = new ArrayList<>();
        for (Kind k : kinds.values()) {
            l.add(new StudyResult.FailureCount(k.stage, k.errorClass, k.count));
        }
        l.sort(Comparator.comparingLong(StudyResult.FailureCount::count).reversed()
                .thenComparing(StudyResult.FailureCount::stage).thenComparing(StudyResult.FailureCount::errorClass));
        return l;
    }

    /** One line per kind: "stage ErrorClass: 85 (first: a, b, c)". */
    synchronized List<String> lines() {
        List<String> out = new ArrayList<>();
        for (StudyResult.FailureCount c : counts()) {
            Kind k = kinds.get(c.stage() + "\u0000" + c.errorClass());
            out.add(c.stage() + " " + c.errorClass() + ": " + c.count() + " (first: " + String.join(", ", k.examples)
                    + (c.count() > k.examples.size() ? ", ..." : "") + ")");
        }
        return out;
    }
}
