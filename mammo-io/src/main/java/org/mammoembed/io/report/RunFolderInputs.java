package org.mammoembed.io.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mammoembed.core.BiRadsDensity;
import org.mammoembed.core.CsvTable;
import org.mammoembed.core.MammoException;
import org.mammoembed.core.Projection;
import org.mammoembed.io.FailuresCsv;
import org.mammoembed.io.JsonOutput;
import org.mammoembed.io.internal.JoinedRows;

/** Reads a finished run's output folder into a {@link StudyReport.Builder} (see {@link StudyReport#fromRunFolder}). */
final class RunFolderInputs {
    private static final List<String> LAYOUTS = List.of("pca", "tsne", "umap");

    private RunFolderInputs() {
    }

    static StudyReport.Builder read(Path folder) throws IOException {
        Path npy = folder.resolve("features.npy");
        Path joinedCsv = folder.resolve("joined.csv");
        for (Path p : List.of(npy, joinedCsv)) {
            if (!Files.isRegularFile(p)) {
                throw new IOException("the report needs " + p.getFileName() + " in " + folder
                        + " (embed with --save-csv, or analyze an existing run)");
            }
        }
        JoinedRows joined;
        ReportRow[] rows;
        Map<String, double[][]> layouts = new LinkedHashMap<>();
        try {
            joined = JoinedRows.read(npy, joinedCsv, JoinedRows.Rows.EACH_ONCE);
            CsvTable table = joined.table();
            int n = table.rows().size();
            rows = new ReportRow[n];
            int cAcc = joined.requiredColumn("AccessionNumber");
            int cPath = joined.requiredColumn("ImagePath");
            int cBiRads = joined.column("BI-RADS");
            int cSplit = joined.column("Split");
            int cView = joined.column("ViewPosition");
            int cSide = joined.column("ImageLaterality");
            for (String m : LAYOUTS) {
                if (table.column(m + "_1") >= 0 && table.column(m + "_2") >= 0) {
                    layouts.put(m, new double[n][2]);
                }
            }
            int r = 0;
            for (CsvTable.Row row : table.rows()) {
                int i = joined.featureRow(r++);
                BiRadsDensity density = cBiRads < 0 ? null : joined.density(row, cBiRads);
                rows[i] = new ReportRow(row.field(cAcc), density == null ? 0 : density.code(), row.field(cPath),
                        field(row, cSplit), field(row, cView), field(row, cSide));
                for (Map.Entry<String, double[][]> e : layouts.entrySet()) {
                    double[] xy = e.getValue()[i];
                    xy[0] = number(row.field(table.column(e.getKey() + "_1")));
                    xy[1] = number(row.field(table.column(e.getKey() + "_2")));
                }
            }
        } catch (MammoException e) {
            // the report's API speaks IOException; the message names the file, line and value
            throw new IOException(e.getMessage(), e);
        }
        StudyReport.Builder b = StudyReport.builder()
                .rows(Arrays.asList(rows))
                .features(joined.features(), joined.dimension());
        for (Map.Entry<String, double[][]> e : layouts.entrySet()) {
            b.projection(new Projection(e.getKey(), e.getValue(), Map.of()));
        }
        Path failures = folder.resolve("failures.csv");
        if (Files.isRegularFile(failures)) {
            b.failures(FailuresCsv.read(failures));
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

    private static String field(CsvTable.Row r, int column) {
        return column < 0 ? "" : r.field(column);
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
