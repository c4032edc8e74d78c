package org.mammoembed.io.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.mammoembed.core.Failure;
import org.mammoembed.core.Projection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The interactive HTML report of a study: {@code report.html} plus a {@code report/} folder of assets
 * (ECharts from its WebJar, the page's own script and style, {@code data.js}, thumbnails), opened straight from
 * the file system with no network and no server. It shows the 2-D layouts (PCA, t-SNE, UMAP, whichever are
 * given), coloured by BI-RADS density, split, view, laterality, k-means cluster and exams with failed images;
 * hovering names a point, clicking shows its thumbnail and its nearest neighbours by cosine similarity in the
 * full feature space (computed here, exactly). A side panel holds counts, failures by stage, clustering metrics
 * and the baseline table when given.
 *
 * <p>Only {@link ReportRow}'s columns (those of {@code joined.csv}) reach the page. Thumbnails are not made
 * here: {@link ReportThumbnails} writes them during extraction ({@link ThumbnailingSink}) or afterwards; rows
 * without one show none. Immutable; {@link #write} may be called more than once.
 */
public final class StudyReport {
    /** The page's file name in the output folder. */
    public static final String HTML = "report.html";
    /** The assets folder beside it. */
    public static final String ASSETS = "report";
    private static final Logger LOG = LoggerFactory.getLogger(StudyReport.class);

    final String title;
    final List<ReportRow> rows;
    final float[] features;
    final int dimension;
    final Map<String, Projection> projections;
    final int[] kmeans;
    final PointClusters clusterer;
    final List<Failure> failures;
    final Map<String, Object> clusteringMetrics;
    final Map<String, Object> baselines;
    final int neighbours;

    private StudyReport(Builder b) {
        this.title = b.title;
        this.rows = List.copyOf(b.rows);
        this.features = b.features;
        this.dimension = b.dimension;
        this.projections = new LinkedHashMap<>(b.projections);
        this.kmeans = b.kmeans;
        this.clusterer = b.clusterer;
        this.failures = List.copyOf(b.failures);
        this.clusteringMetrics = b.clusteringMetrics;
        this.baselines = b.baselines;
        this.neighbours = b.neighbours;
    }

    /** An empty builder: rows and features are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder filled from a finished run's folder: {@code features.npy}, {@code joined.csv} (with its
     * projection columns {@code pca_1, pca_2, tsne_1, ...}), and when present {@code failures.csv},
     * {@code clustering_metrics.json} and {@code baselines.json}.
     *
     * @throws IOException when features.npy or joined.csv is missing or unreadable, or their rows disagree
     */
    public static Builder fromRunFolder(Path folder) throws IOException {
        return RunFolderInputs.read(folder);
    }

    /** The assets folder of a report written into {@code outputFolder}. */
    public static Path assetsFolder(Path outputFolder) {
        return outputFolder.resolve(ASSETS);
    }

    /** Number of points. */
    public int size() {
        return rows.size();
    }

    /**
     * Writes {@code report.html} and {@code report/} into {@code outputFolder} (created when missing),
     * replacing an earlier report there but keeping its thumbnails.
     *
     * @return the page's path
     */
    public Path write(Path outputFolder) throws IOException {
        long t0 = System.nanoTime();
        Path assets = assetsFolder(outputFolder);
        Files.createDirectories(assets.resolve(ReportThumbnails.FOLDER));
        CosineNeighbours.Result nn = CosineNeighbours.of(features, rows.size(), dimension,
                Math.max(1, Math.min(neighbours, rows.size() - 1)));
        int[] clusters = kmeans != null ? kmeans : clustersAtBestK();
        long t1 = System.nanoTime();
        ReportData.write(assets.resolve("data.js"), this, clusters, nn, ReportThumbnails.in(outputFolder));
        ReportAssets.copy(outputFolder, title);
        LOG.info("report: {} points, {} layouts, neighbours in {} s, written in {} s", rows.size(),
                projections.size(), seconds(t1 - t0), seconds(System.nanoTime() - t1));
        return outputFolder.resolve(HTML);
    }

    /** The clusterer's labels at the clustering metrics' best k, or null when either is missing. */
    private int[] clustersAtBestK() {
        if (clusterer == null || clusteringMetrics == null
                || !(clusteringMetrics.get("kmeans") instanceof Map<?, ?> km) || !(km.get("best_k") instanceof Number k)) {
            return null;
        }
        int[] labels = clusterer.assign(features, rows.size(), dimension, k.intValue());
        if (labels.length != rows.size()) {
            throw new IllegalStateException("the clusterer gave " + labels.length + " labels for " + rows.size()
                    + " rows");
        }
        return labels;
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e9);
    }

    /** Options of a {@link StudyReport}. */
    public static final class Builder {
        private String title = "mammo-embed study";
        private List<ReportRow> rows;
        private float[] features;
        private int dimension;
        private final Map<String, Projection> projections = new LinkedHashMap<>();
        private int[] kmeans;
        private PointClusters clusterer;
        private List<Failure> failures = List.of();
        private Map<String, Object> clusteringMetrics;
        private Map<String, Object> baselines;
        private int neighbours = 5;

        private Builder() {
        }

        /** The page title. Default "mammo-embed study". */
        public Builder title(String title) {
            Objects.requireNonNull(title, "title");
            if (title.isBlank()) {
                throw new IllegalArgumentException("title must not be blank, got '" + title + "'");
            }
            this.title = title;
            return this;
        }

        /** The points, in feature-row order. Required. */
        public Builder rows(List<ReportRow> rows) {
            this.rows = new ArrayList<>(Objects.requireNonNull(rows, "rows"));
            return this;
        }

        /** The N x D features, row-major (as {@code features.npy} holds them). Required. Not copied. */
        public Builder features(float[] rowMajor, int dimension) {
            Objects.requireNonNull(rowMajor, "features");
            if (dimension < 1 || rowMajor.length % dimension != 0) {
                throw new IllegalArgumentException("features of " + rowMajor.length
                        + " values do not split into rows of dimension " + dimension);
            }
            this.features = rowMajor;
            this.dimension = dimension;
            return this;
        }

        /** The N x D features, one array per row. */
        public Builder features(float[][] matrix) {
            Objects.requireNonNull(matrix, "features");
            int d = matrix.length == 0 ? 1 : matrix[0].length;
            float[] flat = new float[matrix.length * d];
            for (int i = 0; i < matrix.length; i++) {
                if (matrix[i].length != d) {
                    throw new IllegalArgumentException("features row " + i + " has " + matrix[i].length
                            + " values, row 0 has " + d);
                }
                System.arraycopy(matrix[i], 0, flat, i * d, d);
            }
            return features(flat, d);
        }

        /**
         * Adds a layout (its first two coordinates are shown), keyed by its method ({@code pca}, {@code tsne},
         * {@code umap}, ...); a second one with the same method replaces the first. Default: none.
         */
        public Builder projection(Projection projection) {
            Objects.requireNonNull(projection, "projection");
            if (projection.rows() > 0 && projection.dimensions() < 2) {
                throw new IllegalArgumentException("projection '" + projection.method() + "' has "
                        + projection.dimensions() + " dimension(s); the report needs 2");
            }
            projections.put(projection.method().toLowerCase(Locale.ROOT), projection);
            return this;
        }

        /** A k-means cluster per row (0-based), for the "k-means cluster" colouring. Default: none. */
        public Builder kmeans(int[] labels) {
            this.kmeans = Objects.requireNonNull(labels, "kmeans").clone();
            return this;
        }

        /**
         * Computes the k-means colouring at the clustering metrics' best k ({@code kmeans.best_k} of
         * {@link #clusteringMetrics}) when no labels were given. Default: none.
         */
        public Builder kmeans(PointClusters clusterer) {
            this.clusterer = Objects.requireNonNull(clusterer, "clusterer");
            return this;
        }

        /** The study's failures (failures.csv), for the summary and the "exam with failures" colouring. */
        public Builder failures(List<Failure> failures) {
            this.failures = List.copyOf(Objects.requireNonNull(failures, "failures"));
            return this;
        }

        /** clustering_metrics.json's content, shown in the side panel. Default: none. */
        public Builder clusteringMetrics(Map<String, ?> metrics) {
            this.clusteringMetrics = new LinkedHashMap<>(Objects.requireNonNull(metrics, "clusteringMetrics"));
            return this;
        }

        /** baselines.json's content, shown as a table in the side panel. Default: none. */
        public Builder baselines(Map<String, ?> baselines) {
            this.baselines = new LinkedHashMap<>(Objects.requireNonNull(baselines, "baselines"));
            return this;
        }

        /** Nearest neighbours listed per point, 1-50. Default 5. */
        public Builder neighbours(int neighbours) {
            if (neighbours < 1 || neighbours > 50) {
                throw new IllegalArgumentException("neighbours must be in [1, 50], got " + neighbours);
            }
            this.neighbours = neighbours;
            return this;
        }

        /**
         * An immutable report.
         *
         * @throws IllegalArgumentException when rows or features are missing, or a row count disagrees
         */
        public StudyReport build() {
            if (rows == null || features == null) {
                throw new IllegalArgumentException("a report needs rows and features; got "
                        + (rows == null ? "no rows" : rows.size() + " rows") + " and "
                        + (features == null ? "no features" : "features"));
            }
            int n = features.length / dimension;
            if (n != rows.size()) {
                throw new IllegalArgumentException("features have " + n + " rows but " + rows.size()
                        + " report rows were given");
            }
            for (Projection p : projections.values()) {
                if (p.rows() != n) {
                    throw new IllegalArgumentException("projection '" + p.method() + "' has " + p.rows()
                            + " rows for " + n + " embeddings");
                }
            }
            if (kmeans != null && kmeans.length != n) {
                throw new IllegalArgumentException("kmeans has " + kmeans.length + " labels for " + n + " rows");
            }
            return new StudyReport(this);
        }
    }
}
