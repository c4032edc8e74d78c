package org.mammoembed.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.mammoembed.core.EmbeddedImage;
import org.mammoembed.core.ImageRecord;
import org.mammoembed.core.Projection;

/**
 * Writes {@code joined.csv}: one row per embedding, in embedding order, with the columns
 * <ol>
 *   <li>{@code AccessionNumber}, {@code BI-RADS} (1-4, empty when unlabelled), {@code ImagePath} (relative to
 *       the DICOM root, '/' separated), {@code EmbeddingIndex} (row of {@code embeddings.npy}), {@code Split}
 *       ({@code train}/{@code val}/{@code test}, see {@link SplitAssignment}), {@code ViewPosition},
 *       {@code ImageLaterality};</li>
 *   <li>then, for each projection given, {@code <method>_1 .. <method>_k} (e.g. {@code pca_1, pca_2});</li>
 *   <li>then the label CSV's extra columns, in order of first appearance (empty where a row lacks one).</li>
 * </ol>
 * Immutable and reusable; the file is written atomically.
 */
public final class JoinedCsvWriter {
    /** The fixed leading columns. */
    public static final List<String> BASE_COLUMNS = List.of("AccessionNumber", "BI-RADS", "ImagePath",
            "EmbeddingIndex", "Split", "ViewPosition", "ImageLaterality");

    private final SplitAssignment split;
    private final List<Projection> projections;

    private JoinedCsvWriter(Builder b) {
        this.split = b.split;
        this.projections = List.copyOf(b.projections);
    }

    /** A builder with the defaults (split seed 42, no projection columns). */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Writes the file.
     *
     * @throws IllegalArgumentException when a projection's row count differs from {@code rows.size()}
     */
    public void write(Path target, List<EmbeddedImage> rows) throws IOException {
        for (Projection p : projections) {
            requireRows(p, rows.size());
        }
        Set<String> extras = new LinkedHashSet<>();
        for (EmbeddedImage row : rows) {
            extras.addAll(row.record().extraColumns().keySet());
        }
        extras.removeAll(BASE_COLUMNS);
        List<String> header = new ArrayList<>(BASE_COLUMNS);
        for (Projection p : projections) {
            for (int k = 1; k <= p.dimensions(); k++) {
                header.add(p.method() + "_" + k);
            }
        }
        header.addAll(extras);
        try (CsvRowWriter csv = CsvRowWriter.create(target, header)) {
            for (int i = 0; i < rows.size(); i++) {
                EmbeddedImage row = rows.get(i);
                ImageRecord r = row.record();
                List<String> fields = new ArrayList<>(header.size());
                fields.add(r.accessionNumber());
                fields.add(biRads(r));
                fields.add(r.relativePath());
                fields.add(Integer.toString(row.index()));
                fields.add(split.of(r.accessionNumber()).label());
                fields.add(row.viewPosition());
                fields.add(row.laterality());
                for (Projection p : projections) {
                    for (double v : p.row(i)) {
                        fields.add(number(v));
                    }
                }
                for (String column : extras) {
                    fields.add(r.extraColumns().getOrDefault(column, ""));
                }
                csv.row(fields);
            }
            csv.commit();
        }
    }

    /** The BI-RADS column: the code 1-4, or "" when unlabelled. */
    static String biRads(ImageRecord r) {
        return r.density() == null ? "" : Integer.toString(r.biRads());
    }

    /** Refuses a projection that does not have one row per embedding. */
    static void requireRows(Projection p, int rows) {
        if (p.rows() != rows) {
            throw new IllegalArgumentException("projection '" + p.method() + "' has " + p.rows() + " rows for "
                    + rows + " embeddings");
        }
    }

    /** A coordinate as written to CSV: Java's shortest round-trip decimal form, empty for NaN. */
    static String number(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }

    /** Options of a {@link JoinedCsvWriter}. */
    public static final class Builder {
        private SplitAssignment split = SplitAssignment.builder().build();
        private final List<Projection> projections = new ArrayList<>();

        private Builder() {
        }

        /** How the Split column is filled. Default {@code SplitAssignment.builder().build()} (seed 42, 70/15/15). */
        public Builder split(SplitAssignment split) {
            this.split = Objects.requireNonNull(split, "split");
            return this;
        }

        /** Adds a projection's columns, after those added before. Default: none. */
        public Builder projection(Projection projection) {
            Objects.requireNonNull(projection, "projection");
            if (projection.method().isBlank()) {
                throw new IllegalArgumentException("projection method must not be blank, got '"
                        + projection.method() + "'");
            }
            projections.add(projection);
            return this;
        }

        /** An immutable writer with these options. */
        public JoinedCsvWriter build() {
            return new JoinedCsvWriter(this);
        }
    }
}
