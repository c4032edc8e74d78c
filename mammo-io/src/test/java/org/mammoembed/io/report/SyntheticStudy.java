package org.mammoembed.io.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.mammoembed.core.BiRadsDensity;
import org.mammoembed.core.EmbeddedImage;
import org.mammoembed.core.Failure;
import org.mammoembed.core.ImageRecord;
import org.mammoembed.core.Projection;
import org.mammoembed.core.Stage;
import org.mammoembed.io.FailuresCsv;
import org.mammoembed.io.JoinedCsvWriter;
import org.mammoembed.io.JsonOutput;
import org.mammoembed.io.NpyWriter;

/**
 * A run folder as {@code embed} leaves it, made from seeded synthetic data: features clustered by density class,
 * PCA/t-SNE/UMAP-like layouts (linear projections of the features), failures, clustering metrics, baselines, and
 * thumbnails written through {@link ReportThumbnails} from synthetic 224 x 224 network inputs.
 */
final class SyntheticStudy {
    final int n;
    final int d;
    final float[] features;
    final List<EmbeddedImage> images = new ArrayList<>();
    final List<Failure> failures = new ArrayList<>();

    SyntheticStudy(int n, int d, long seed) {
        this.n = n;
        this.d = d;
        Random rnd = new Random(seed);
        float[][] centres = new float[4][d];
        for (float[] c : centres) {
            for (int t = 0; t < d; t++) {
                c[t] = (float) rnd.nextGaussian();
            }
        }
        features = new float[n * d];
        String[] views = {"CC", "MLO"};
        String[] sides = {"L", "R"};
        for (int i = 0; i < n; i++) {
            int exam = i / 4;
            int cls = exam % 4;
            String acc = String.format("ACC%06d", exam);
            String rel = acc + "/" + sides[(i / 2) % 2] + "_" + views[i % 2] + ".dcm";
            BiRadsDensity density = exam % 37 == 5 ? null : BiRadsDensity.ofCode(cls + 1);
            images.add(new EmbeddedImage(i, new ImageRecord(acc, density, Path.of("/archive").resolve(rel), rel,
                    Map.of()), views[i % 2], sides[(i / 2) % 2]));
            for (int t = 0; t < d; t++) {
                features[i * d + t] = centres[cls][t] + 0.6f * (float) rnd.nextGaussian();
            }
        }
        for (int e = 3; e < n / 4; e += 11) {
            failures.add(new Failure(String.format("ACC%06d", e), String.format("ACC%06d", e) + "/extra.dcm",
                    e % 2 == 0 ? Stage.DECODE : Stage.READ, e % 2 == 0 ? "DicomException" : "NotDicom",
                    "synthetic failure"));
        }
        failures.add(new Failure("ACC999999", "", Stage.SCAN, "NoImages", "no readable image"));
    }

    /** A linear 2-D projection of the features along two seeded random directions. */
    Projection projection(String method, long seed) {
        Random rnd = new Random(seed);
        double[][] dirs = new double[2][d];
        for (double[] dir : dirs) {
            for (int t = 0; t < d; t++) {
                dir[t] = rnd.nextGaussian();
            }
        }
        double[][] xy = new double[n][2];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 2; k++) {
                double s = 0;
                for (int t = 0; t < d; t++) {
                    s += dirs[k][t] * features[i * d + t];
                }
                xy[i][k] = s;
            }
        }
        return new Projection(method, xy, Map.of());
    }

    /** Writes features.npy, joined.csv (3 layouts), failures.csv, clustering_metrics.json, baselines.json. */
    void writeRunFolder(Path out) throws IOException {
        NpyWriter.write(out.resolve("features.npy"), features, n, d);
        JoinedCsvWriter.builder().projection(projection("pca", 1)).projection(projection("tsne", 2))
                .projection(projection("umap", 3)).build().write(out.resolve("joined.csv"), images);
        FailuresCsv.write(out.resolve("failures.csv"), failures);
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("silhouette_score", 0.21);
        metrics.put("davies_bouldin_index", 1.7);
        metrics.put("calinski_harabasz_score", 88.5);
        metrics.put("num_samples", n);
        metrics.put("kmeans", Map.of("best_k", 4, "sweep", List.of(
                Map.of("k", 2, "silhouette_score", 0.15), Map.of("k", 4, "silhouette_score", 0.3))));
        JsonOutput.write(out.resolve("clustering_metrics.json"), metrics);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("model", "logistic_regression");
        model.put("features", "embedding");
        model.put("balanced_accuracy", Map.of("mean", 0.61, "std", 0.04, "undefined_folds", 0));
        model.put("macro_f1", Map.of("mean", 0.58, "std", 0.05, "undefined_folds", 0));
        model.put("quadratic_weighted_kappa", Map.of("mean", 0.7, "std", 0.03, "undefined_folds", 0));
        JsonOutput.write(out.resolve("baselines.json"), Map.of("embedding", List.of(model), "handcrafted", List.of()));
    }

    /** Writes every image's thumbnail from a synthetic network input (a breast-like ellipse with texture). */
    void writeThumbnails(ReportThumbnails thumbnails, long seed) throws IOException {
        Random rnd = new Random(seed);
        float[] input = new float[3 * 224 * 224];
        for (EmbeddedImage image : images) {
            fillInput(input, image.index(), rnd);
            thumbnails.write(image.record().relativePath(), input, 3, 224, 224);
        }
    }

    /** An ImageNet-normalised CHW input from {@link #fillGrey}. */
    static void fillInput(float[] input, int index, Random rnd) {
        int plane = 224 * 224;
        fillGrey(input, index, rnd);
        for (int i = plane - 1; i >= 0; i--) {
            float v = input[i];
            input[i] = (v - 0.485f) / 0.229f;
            input[plane + i] = (v - 0.456f) / 0.224f;
            input[2 * plane + i] = (v - 0.406f) / 0.225f;
        }
    }

    private static final float[][] TISSUE = tissue();

    /** Per density class and side: a breast-like ellipse, brighter for denser classes, with smooth texture. */
    private static float[][] tissue() {
        float[][] t = new float[8][224 * 224];
        for (int c = 0; c < 8; c++) {
            float density = 0.25f + 0.15f * (c / 2);
            double cx = 10 + (c % 2) * 204;
            for (int y = 0; y < 224; y++) {
                for (int x = 0; x < 224; x++) {
                    double dx = (x - cx) / 150.0;
                    double dy = (y - 112) / 100.0;
                    double r = dx * dx + dy * dy;
                    t[c][y * 224 + x] = r < 1 ? (float) (density + 0.3 * (1 - r) + 0.05 * Math.sin(x / 6.0 + c)
                            * Math.cos(y / 9.0)) : -1f;
                }
            }
        }
        return t;
    }

    /** One grey 224 x 224 plane in [0, 1] for image {@code index}: its class's tissue plus seeded noise. */
    static void fillGrey(float[] input, int index, Random rnd) {
        float[] base = TISSUE[2 * ((index / 4) % 4) + index % 2];
        for (int i = 0; i < base.length; i++) {
            float v = base[i] < 0 ? 0f : base[i] + 0.02f * (rnd.nextFloat() + rnd.nextFloat() - 1f) * 1.7f;
            input[i] = Math.max(0, Math.min(1, v));
        }
    }
}
