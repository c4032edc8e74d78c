package org.mammoembed.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Embeddings of a dataset held in memory: an N x D float matrix (row-major) and one {@link EmbeddedImage} per
 * row, plus the images that failed. Immutable; {@link #row(int)} and {@link #toMatrix()} return copies.
 */
public final class EmbeddingResult {
    private final int dimension;
    private final float[] features;
    private final List<EmbeddedImage> index;
    private final List<Failure> failures;

    /**
     * @param dimension D
     * @param features  N*D values, row-major; copied
     * @param index     N rows, {@code index.get(i).index() == i}
     * @param failures  images that could not be embedded
     */
    public EmbeddingResult(int dimension, float[] features, List<EmbeddedImage> index, List<Failure> failures) {
        this(Objects.requireNonNull(features, "features").clone(), dimension, index, failures);
    }

    /**
     * A result that takes ownership of {@code features} without copying (N x 2048 floats is 8 KB per image):
     * for the code that just assembled the array, which must not keep or change it afterwards.
     */
    public static EmbeddingResult wrap(int dimension, float[] features, List<EmbeddedImage> index,
                                       List<Failure> failures) {
        return new EmbeddingResult(features, dimension, index, failures);
    }

    /** Takes {@code features} as is (the argument order tells it apart from the copying constructor). */
    private EmbeddingResult(float[] features, int dimension, List<EmbeddedImage> index, List<Failure> failures) {
        if (dimension <= 0) {
            throw new IllegalArgumentException("dimension must be > 0, got " + dimension);
        }
        Objects.requireNonNull(features, "features");
        if ((long) index.size() * dimension != features.length) {
            throw new IllegalArgumentException("features has " + features.length + " values for " + index.size()
                    + " rows of " + dimension);
        }
        for (int i = 0; i < index.size(); i++) {
            if (index.get(i).index() != i) {
                throw new IllegalArgumentException("index row " + i + " says " + index.get(i).index());
            }
        }
        this.dimension = dimension;
        this.features = features;
        this.index = List.copyOf(index);
        this.failures = List.copyOf(failures);
    }

    /** Number of embedded images (N). */
    public int size() {
        return index.size();
    }

    /** Embedding dimension (D), 2048 for ResNet50. */
    public int dimension() {
        return dimension;
    }

    public List<EmbeddedImage> index() {
        return index;
    }

    public List<Failure> failures() {
        return failures;
    }

    /** A copy of row i. */
    public float[] row(int i) {
        Objects.checkIndex(i, size());
        return Arrays.copyOfRange(features, i * dimension, (i + 1) * dimension);
    }

    /** A copy of the whole matrix as N rows. */
    public float[][] toMatrix() {
        float[][] m = new float[size()][];
        for (int i = 0; i < m.length; i++) {
            m[i] = row(i);
        }
        return m;
    }

    /** A copy of the row-major N*D values. */
    public float[] toArray() {
        return features.clone();
    }

    /**
     * The rows whose image has a density label, in order and numbered again from 0 (a copy): what a classifier
     * of the labels can be trained and scored on. Failures are kept.
     */
    public EmbeddingResult labelled() {
        List<EmbeddedImage> rows = new ArrayList<>();
        float[] out = new float[Math.toIntExact((long) index.stream().filter(e -> e.record().density() != null)
                .count() * dimension)];
        for (EmbeddedImage e : index) {
            if (e.record().density() != null) {
                System.arraycopy(features, e.index() * dimension, out, rows.size() * dimension, dimension);
                rows.add(new EmbeddedImage(rows.size(), e.record(), e.viewPosition(), e.laterality()));
            }
        }
        return new EmbeddingResult(out, dimension, rows, failures);
    }

    /**
     * One embedding per exam (AccessionNumber), in order of first appearance, combining the exam's images
     * with {@code how}. The density label belongs to the exam; each result row keeps the first image's record
     * as its representative, with {@code relativePath} set to the exam folder.
     */
    public EmbeddingResult aggregate(Aggregation how) {
        Objects.requireNonNull(how, "how");
        Map<String, List<Integer>> byExam = new LinkedHashMap<>();
        for (EmbeddedImage e : index) {
            byExam.computeIfAbsent(e.record().accessionNumber(), k -> new ArrayList<>()).add(e.index());
        }
        float[] out = new float[byExam.size() * dimension];
        List<EmbeddedImage> rows = new ArrayList<>(byExam.size());
        int r = 0;
        for (Map.Entry<String, List<Integer>> exam : byExam.entrySet()) {
            List<Integer> members = exam.getValue();
            int base = r * dimension;
            for (int d = 0; d < dimension; d++) {
                double acc = how == Aggregation.MAX ? Double.NEGATIVE_INFINITY : 0.0;
                for (int m : members) {
                    float v = features[m * dimension + d];
                    acc = how == Aggregation.MAX ? Math.max(acc, v) : acc + v;
                }
                out[base + d] = (float) (how == Aggregation.MAX ? acc : acc / members.size());
            }
            ImageRecord first = index.get(members.get(0)).record();
            ImageRecord examRecord = new ImageRecord(first.accessionNumber(), first.density(),
                    first.path().getParent() == null ? first.path() : first.path().getParent(),
                    exam.getKey(), first.extraColumns());
            rows.add(new EmbeddedImage(r, examRecord, "", ""));
            r++;
        }
        return new EmbeddingResult(out, dimension, rows, failures);
    }
}
