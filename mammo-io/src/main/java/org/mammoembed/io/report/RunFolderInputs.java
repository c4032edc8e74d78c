package org.mammoembed.io.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mammoembed.core.CsvTable;
import org.mammoembed.core.Failure;
import org.mammoembed.core.Projection;
import org.mammoembed.core.Stage;
import org.mammoembed.io.JsonOutput;
import org.mammoembed.io.NpyFormatException;
import org.mammoembed.io.NpyReader;

/** Reads a finished run's output folder into a {@link StudyReport.Builder} (see {@link StudyReport#fromRunFolder}). */
final class RunFolderInputs {
    private static final List<String> LAYOUTS = List.of("pca", "tsne", "umap");

    private RunFolderInputs() {
    }

    static StudyReport.Builder read(Path folder) throws IOException {
        Path npy = folder.resolve("features.npy");
        Path joined = folder.resolve("joined.csv");
        for (Path p : List.of(npy, joined)) {
            if (!Files.isRegularFile(p)) {
                throw new IOException("the report needs " + p.getFileName() + " in " + folder
                        + " (embed with --save-csv, or analyze an existing run)");
            }
        }
        NpyReader.NpyArray features;
        try {
            features = NpyReader.read(npy);
        } catch (NpyFormatException e) {
            throw new IOException("features.npy: " + e.getMessage(), e);
        }
        long[] shape = features.shape();
        if (shape.length != 2) {
            throw new IOException("features.npy has shape " + Arrays.toString(shape) + "; expected (N, D)");
        }
        int n = (int) shape[0];
        int d = (int) shape[1];
        CsvTable table = CsvTable.read(joined);
        if (table.rows().size() != n) {
            throw new IOException("joined.csv has " + table.rows().size() + " rows but features.npy has " + n);
        }
        ReportRow[] rows = new ReportRow[n];
        int cIndex = required(table, "EmbeddingIndex");
        int cAcc = required(table, "AccessionNumber");
        int cPath = required(table, "ImagePath");
        int cBiRads = table.column("BI-RADS");
        int cSplit = table.column("Split");
        int cView = table.column("ViewPosition");
        int cSide = table.column("ImageLaterality");
        Map<String, double[][]> layouts = new LinkedHashMap<>();
        for (String m : LAYOUTS) {
            if (table.column(m + "_1") >= 0 && table.column(m + "_2") >= 0) {
                layouts.put(m, new double[n][2]);
            }
        }
        for (CsvTable.Row r : table.rows()) {
            int i = parseIndex(r.field(cIndex), n, r.line());
            if (rows[i] != null) {
                throw new IOException("joined.csv line " + r.line() + ": EmbeddingIndex " + i + " appears twice");
            }
            rows[i] = new ReportRow(r.field(cAcc), biRads(cBiRads < 0 ? "" : r.field(cBiRads), r.line()),
                    r.field(cPath), field(r, cSplit), field(r, cView), field(r, cSide));
            for (Map.Entry<String, double[][]> e : layouts.entrySet()) {
                double[] xy = e.getValue()[i];
                xy[0] = number(r.field(table.column(e.getKey() + "_1")));
                xy[1] = number(r.field(table.column(e.getKey() + "_2")));
            }
        }
        StudyReport.Builder b = StudyReport.builder()
                .rows(Arrays.asList(rows))
                .features(features.data(), d);
        for (Map.Entry<String, double[][]> e : layouts.entrySet()) {
            b.projection(new Projection(e.getKey(), e.getValue(), Map.of()));
        }
        Path failures = folder.resolve("failures.csv");
        if (Files.isRegularFile(failures)) {
            b.failures(failures(CsvTable.read(failures)));
        }
        Path metrics = folder.resolve("clustering_metrics.json");
        if (Files.isRegularFile(metrics)) {
            b.clusteringMetrics(JsonOutput.readObject(metrics));
        }
        Path baselines = folder.resolve("baselines.json");
        if (Files.isRegularFile(baselines)) {
            b.baselines(JsonOutput.readObject(baselines));
        }
        return b;
    }

    private static List<Failure> failures(CsvTable t) throws IOException {
        int cStage = required(t, "Stage");
        List<Failure> out = new ArrayList<>();
        for (CsvTable.Row r : t.rows()) {
            Stage stage;
            try {
                stage = Stage.valueOf(r.field(cStage).trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IOException("failures.csv line " + r.line() + ": unknown stage '" + r.field(cStage) + "'",
                        e);
            }
            out.add(new Failure(field(r, t.column("AccessionNumber")), field(r, t.column("ImagePath")), stage,
                    field(r, t.column("ErrorClass")), field(r, t.column("Message"))));
        }
        return out;
    }

    private static int required(CsvTable t, String column) throws IOException {
        int c = t.column(column);
        if (c < 0) {
            throw new IOException("column " + column + " missing; found " + t.header());
        }
        return c;
    }

    private static String field(CsvTable.Row r, int column) {
        return column < 0 ? "" : r.field(column);
    }

    private static int parseIndex(String s, int n, int line) throws IOException {
        try {
            int i = Integer.parseInt(s.trim());
            if (i >= 0 && i < n) {
                return i;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IOException("joined.csv line " + line + ": EmbeddingIndex '" + s + "' is not a row of "
                + "features.npy (0-" + (n - 1) + ")");
    }

    private static int biRads(String s, int line) throws IOException {
        String t = s.trim();
        if (t.isEmpty()) {
            return 0;
        }
        try {
            int v = Integer.parseInt(t);
            if (v >= 0 && v <= 4) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IOException("joined.csv line " + line + ": BI-RADS '" + s + "' is not 1-4 or empty");
    }

    private static double number(String s) {
        String t = s.trim();
        if (t.isEmpty()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
