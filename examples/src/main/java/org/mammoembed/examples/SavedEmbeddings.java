package org.mammoembed.examples;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.mammoembed.core.BiRadsDensity;
import org.mammoembed.core.CsvTable;
import org.mammoembed.core.EmbeddedImage;
import org.mammoembed.core.EmbeddingResult;
import org.mammoembed.core.ImageRecord;
import org.mammoembed.core.MammoException;
import org.mammoembed.core.Stage;
import org.mammoembed.io.JoinedCsvWriter;
import org.mammoembed.io.NpyReader;

/**
 * The embeddings of a finished run read back from its {@code features.npy} and {@code joined.csv}, in
 * joined.csv's row order, so that the analysis can run again (after a resumed, split or distributed run). The
 * projection columns of an earlier analysis ({@code pca_1}, {@code tsne_2}, ...) are dropped: the new analysis
 * writes its own.
 */
final class SavedEmbeddings {
    private static final Pattern PROJECTION_COLUMN = Pattern.compile("(pca|tsne|umap)_\\d+");

    private SavedEmbeddings() {
    }

    /**
     * @throws MammoException (stage SCAN) naming the file and line when joined.csv lacks a column, has a bad
     *                        EmbeddingIndex or label, or the two files disagree on the number of rows
     */
    static EmbeddingResult read(Path features, Path joinedCsv) throws IOException, MammoException {
        NpyReader.NpyArray npy = NpyReader.read(features);
        if (npy.shape().length != 2) {
            throw new MammoException(Stage.SCAN, features + " is not an N x D matrix (shape "
                    + java.util.Arrays.toString(npy.shape()) + ")");
        }
        int rows = (int) npy.shape()[0];
        int dimension = (int) npy.shape()[1];
        CsvTable table = CsvTable.read(joinedCsv);
        Map<String, Integer> col = new LinkedHashMap<>();
        for (String name : JoinedCsvWriter.BASE_COLUMNS) {
            int c = table.column(name);
            if (c < 0 && !name.equals("Split")) {
                throw new MammoException(Stage.SCAN, joinedCsv + " has no column '" + name + "' (columns: "
                        + table.header() + "); give the joined.csv written by embed --save-csv");
            }
            col.put(name, c);
        }
        float[] data = new float[table.rows().size() * dimension];
        List<EmbeddedImage> index = new ArrayList<>();
        for (CsvTable.Row r : table.rows()) {
            int i = parseIndex(r.field(col.get("EmbeddingIndex")), rows, joinedCsv, r.line());
            System.arraycopy(npy.data(), i * dimension, data, index.size() * dimension, dimension);
            String label = r.field(col.get("BI-RADS")).strip();
            BiRadsDensity density = label.isEmpty() ? null : BiRadsDensity.parse(label).orElseThrow(() ->
                    new MammoException(Stage.SCAN, joinedCsv + " line " + r.line() + ": BI-RADS '" + label
                            + "' is not 1-4"));
            String rel = r.field(col.get("ImagePath"));
            ImageRecord record = new ImageRecord(r.field(col.get("AccessionNumber")), density, Path.of(rel), rel,
                    extraColumns(table, r));
            index.add(new EmbeddedImage(index.size(), record, r.field(col.get("ViewPosition")),
                    r.field(col.get("ImageLaterality"))));
        }
        return new EmbeddingResult(dimension, data, index, List.of());
    }

    private static int parseIndex(String text, int rows, Path csv, int line) throws MammoException {
        try {
            int i = Integer.parseInt(text.strip());
            if (i >= 0 && i < rows) {
                return i;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new MammoException(Stage.SCAN, csv + " line " + line + ": EmbeddingIndex '" + text
                + "' is not a row of features.npy (" + rows + " rows)");
    }

    /** The columns beyond the fixed ones, less earlier projections: the label CSV's extras and header tags. */
    private static Map<String, String> extraColumns(CsvTable table, CsvTable.Row r) {
        Map<String, String> extra = new LinkedHashMap<>();
        List<String> header = table.header();
        for (int c = 0; c < header.size(); c++) {
            String name = header.get(c);
            if (!JoinedCsvWriter.BASE_COLUMNS.contains(name) && !PROJECTION_COLUMN.matcher(name).matches()) {
                extra.put(name, r.field(c));
            }
        }
        return extra;
    }
}
