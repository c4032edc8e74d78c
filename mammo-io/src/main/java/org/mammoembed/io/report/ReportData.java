package org.mammoembed.io.report;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.mammoembed.core.Failure;
import org.mammoembed.core.Projection;
import org.mammoembed.io.internal.AtomicOutput;

/**
 * Writes {@code report/data.js}: the page's data as one JavaScript assignment ({@code window.MAMMO_REPORT =
 * {...};}), loaded by a script tag, so the page works from {@code file://}, where fetch is refused. Columns are
 * stored as arrays (one entry per point) to keep 20,000 points at a few megabytes; coordinates are rounded to
 * about 5 significant digits of the layout's extent and similarities to 4 decimals.
 */
final class ReportData {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .build();

    private ReportData() {
    }

    static void write(Path target, StudyReport report, int[] kmeans, CosineNeighbours.Result nn,
                      ReportThumbnails thumbnails) throws IOException {
        Map<String, Object> data = build(report, kmeans, nn, thumbnails);
        AtomicOutput.write(target, out -> {
            out.write("window.MAMMO_REPORT = ".getBytes(StandardCharsets.UTF_8));
            MAPPER.writeValue(out, data);
            out.write(";\n".getBytes(StandardCharsets.UTF_8));
        });
    }

    static Map<String, Object> build(StudyReport report, int[] kmeans, CosineNeighbours.Result nn,
                                     ReportThumbnails thumbnails) {
        List<ReportRow> rows = report.rows;
        int n = rows.size();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("title", report.title);
        data.put("generated", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        data.put("points", n);
        data.put("dimension", report.dimension);
        List<String> acc = new ArrayList<>(n);
        int[] biRads = new int[n];
        List<String> path = new ArrayList<>(n);
        List<String> split = new ArrayList<>(n);
        List<String> view = new ArrayList<>(n);
        List<String> side = new ArrayList<>(n);
        List<String> thumb = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ReportRow r = rows.get(i);
            acc.add(r.accessionNumber());
            biRads[i] = r.biRads();
            path.add(r.imagePath());
            split.add(r.split());
            view.add(r.viewPosition());
            side.add(r.laterality());
            thumb.add(thumbnails.has(r.imagePath()) ? ReportThumbnails.fileName(r.imagePath()) : "");
        }
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put("accession", acc);
        columns.put("birads", biRads);
        columns.put("path", path);
        columns.put("split", split);
        columns.put("view", view);
        columns.put("laterality", side);
        columns.put("thumb", thumb);
        if (kmeans != null) {
            columns.put("kmeans", kmeans);
        }
        int[] examFailed = examsWithFailures(rows, report.failures);
        if (examFailed != null) {
            columns.put("examFailed", examFailed);
        }
        data.put("columns", columns);
        Map<String, Object> layouts = new LinkedHashMap<>();
        for (Map.Entry<String, Projection> e : report.projections.entrySet()) {
            layouts.put(e.getKey(), layout(e.getValue()));
        }
        data.put("layouts", layouts);
        Map<String, Object> neighbours = new LinkedHashMap<>();
        neighbours.put("k", nn.k());
        neighbours.put("index", nn.indices());
        float[] sims = new float[nn.similarities().length];
        for (int i = 0; i < sims.length; i++) {
            sims[i] = Math.round(nn.similarities()[i] * 1e4f) / 1e4f;
        }
        neighbours.put("similarity", sims);
        data.put("neighbours", neighbours);
        data.put("summary", summary(rows, report.failures));
        data.put("clustering", report.clusteringMetrics);
        data.put("baselines", report.baselines);
        return data;
    }

    /** 1 where the row's exam has at least one failed image, 0 elsewhere; null when nothing failed. */
    private static int[] examsWithFailures(List<ReportRow> rows, List<Failure> failures) {
        Set<String> failed = new HashSet<>();
        for (Failure f : failures) {
            if (!f.accessionNumber().isEmpty()) {
                failed.add(f.accessionNumber());
            }
        }
        if (failed.isEmpty()) {
            return null;
        }
        int[] flags = new int[rows.size()];
        for (int i = 0; i < flags.length; i++) {
            flags[i] = failed.contains(rows.get(i).accessionNumber()) ? 1 : 0;
        }
        return flags;
    }

    private static Map<String, Object> layout(Projection p) {
        double[][] xy = p.coordinates();
        double extent = 0;
        for (double[] row : xy) {
            for (int k = 0; k < 2; k++) {
                if (Double.isFinite(row[k])) {
                    extent = Math.max(extent, Math.abs(row[k]));
                }
            }
        }
        double scale = extent > 0 ? Math.pow(10, 5 - Math.ceil(Math.log10(extent))) : 1;
        Float[] x = new Float[xy.length];
        Float[] y = new Float[xy.length];
        for (int i = 0; i < xy.length; i++) {
            x[i] = round(xy[i][0], scale);
            y[i] = round(xy[i][1], scale);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("x", x);
        m.put("y", y);
        return m;
    }

    /** Rounded, or null (JSON null, not drawn) when not finite. */
    private static Float round(double v, double scale) {
        return Double.isFinite(v) ? (float) (Math.round(v * scale) / scale) : null;
    }

    private static Map<String, Object> summary(List<ReportRow> rows, List<Failure> failures) {
        Map<String, Integer> byClass = new TreeMap<>();
        Map<String, Integer> bySplit = new TreeMap<>();
        Set<String> exams = new HashSet<>();
        for (ReportRow r : rows) {
            byClass.merge(r.biRads() == 0 ? "unlabelled" : Integer.toString(r.biRads()), 1, Integer::sum);
            bySplit.merge(r.split().isEmpty() ? "unknown" : r.split(), 1, Integer::sum);
            exams.add(r.accessionNumber());
        }
        Map<String, Integer> byStage = new LinkedHashMap<>();
        Map<String, Integer> byError = new TreeMap<>();
        for (Failure f : failures) {
            byStage.merge(f.stage().label(), 1, Integer::sum);
            byError.merge(f.stage().label() + " / " + f.errorClass(), 1, Integer::sum);
        }
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("images", rows.size());
        s.put("exams", exams.size());
        s.put("byBiRads", byClass);
        s.put("bySplit", bySplit);
        s.put("failures", failures.size());
        s.put("failuresByStage", byStage);
        s.put("failuresByError", byError);
        return s;
    }
}
