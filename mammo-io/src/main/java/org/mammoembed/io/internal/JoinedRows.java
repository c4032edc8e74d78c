package org.mammoembed.io.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.mammoembed.core.BiRadsDensity;
import org.mammoembed.core.CsvTable;
import org.mammoembed.core.MammoException;
import org.mammoembed.core.Stage;
import org.mammoembed.io.NpyReader;

/**
 * A finished run's {@code features.npy} and {@code joined.csv} read together: each CSV row, and the feature row its
 * {@code EmbeddingIndex} names. The one reader of the pair behind the study API ({@code RunOutputs}) and the report's
 * run folder ({@code StudyReport.fromRunFolder}); each adds the columns it needs. Problems with the files' content are
 * {@link MammoException}s of stage READ that name the file, the line and the value.
 */
public final class JoinedRows {
    /** Which feature rows joined.csv may list. */
    public enum Rows {
        /** Any of them, in any order, any number of times: a selection of a run's rows (by view, by split, ...). */
        SELECTION,
        /** Each exactly once, in any order. */
        EACH_ONCE,
        /** Each exactly once, in order: a run's own files as it wrote them. */
        EACH_IN_ORDER
    }

    private final CsvTable table;
    private final String csvName;
    private final float[] features;
    private final int dimension;
    private final int[] featureRow;

    private JoinedRows(CsvTable table, String csvName, float[] features, int dimension, int[] featureRow) {
        this.table = table;
        this.csvName = csvName;
        this.features = features;
        this.dimension = dimension;
        this.featureRow = featureRow;
    }

    /**
     * Reads both files (which must exist: each caller says in its own words what it needs them for).
     *
     * @throws MammoException (stage READ) when features.npy is not a 2-D float32 matrix, joined.csv has no
     *                        {@code EmbeddingIndex} column, an index is not a row of features.npy, or the rows are
     *                        not what {@code rows} allows
     */
    public static JoinedRows read(Path featuresNpy, Path joinedCsv, Rows rows) throws IOException, MammoException {
        NpyReader.NpyArray npy = NpyReader.read(featuresNpy);
        CsvTable csv = CsvTable.read(joinedCsv);
        String csvName = String.valueOf(joinedCsv.getFileName());
        String npyName = String.valueOf(featuresNpy.getFileName());
        if (npy.shape().length != 2) {
            throw new MammoException(Stage.READ, npyName + " has shape " + Arrays.toString(npy.shape())
                    + "; features are a 2-D matrix");
        }
        long n = npy.shape()[0];
        int listed = csv.rows().size();
        if (rows != Rows.SELECTION && listed != n) {
            throw new MammoException(Stage.READ, csvName + " has " + listed + " rows but " + npyName + " has " + n);
        }
        JoinedRows joined = new JoinedRows(csv, csvName, npy.data(), (int) npy.shape()[1], new int[listed]);
        int column = joined.requiredColumn("EmbeddingIndex");
        boolean[] seen = rows == Rows.EACH_ONCE ? new boolean[(int) n] : null;
        int r = 0;
        for (CsvTable.Row row : csv.rows()) {
            int i = joined.embeddingIndex(row, column, n);
            if (rows == Rows.EACH_IN_ORDER && i != r) {
                throw joined.badRow(row, "EmbeddingIndex " + i + ", expected " + r);
            }
            if (seen != null) {
                if (seen[i]) {
                    throw joined.badRow(row, "EmbeddingIndex " + i + " appears twice");
                }
                seen[i] = true;
            }
            joined.featureRow[r++] = i;
        }
        return joined;
    }

    /** joined.csv itself. */
    public CsvTable table() {
        return table;
    }

    /** Values per feature row. */
    public int dimension() {
        return dimension;
    }

    /** features.npy's values, row-major (not a copy). */
    public float[] features() {
        return features;
    }

    /** The feature row that joined.csv's row {@code csvRow} (0-based, in file order) names. */
    public int featureRow(int csvRow) {
        return featureRow[csvRow];
    }

    /** The column's index, or -1 when joined.csv has no such column. */
    public int column(String name) {
        return table.column(name);
    }

    /** The column's index. @throws MammoException (stage READ) naming the columns found when it is absent */
    public int requiredColumn(String name) throws MammoException {
        int c = table.column(name);
        if (c < 0) {
            throw new MammoException(Stage.READ, csvName + " has no column " + name + "; found " + table.header());
        }
        return c;
    }

    /** The row's density label in {@code column}: null when empty (an unlabelled image). */
    public BiRadsDensity density(CsvTable.Row row, int column) throws MammoException {
        String label = row.field(column).trim();
        if (label.isEmpty()) {
            return null;
        }
        return BiRadsDensity.parse(label).orElseThrow(() -> badRow(row, "BI-RADS '" + label
                + "' is not a density label (1-4 or A-D, or empty)"));
    }

    /** A READ problem of one row: {@code "joined.csv line N: " + what}. */
    public MammoException badRow(CsvTable.Row row, String what) {
        return new MammoException(Stage.READ, csvName + " line " + row.line() + ": " + what);
    }

    private int embeddingIndex(CsvTable.Row row, int column, long rows) throws MammoException {
        String field = row.field(column).trim();
        int i;
        try {
            i = Integer.parseInt(field);
        } catch (NumberFormatException e) {
            i = -1;
        }
        if (i < 0 || i >= rows) {
            throw badRow(row, "EmbeddingIndex '" + field + "' is not a row of features.npy (0 to " + (rows - 1)
                    + ")");
        }
        return i;
    }
}
