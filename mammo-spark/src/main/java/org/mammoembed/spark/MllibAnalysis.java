package org.mammoembed.spark;

import static org.apache.spark.sql.functions.col;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.clustering.KMeans;
import org.apache.spark.ml.clustering.KMeansModel;
import org.apache.spark.ml.evaluation.ClusteringEvaluator;
import org.apache.spark.ml.feature.PCA;
import org.apache.spark.ml.feature.PCAModel;
import org.apache.spark.ml.functions;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code --pca} and {@code --cluster} at scale with MLlib, on the embedded rows of {@code embeddings.parquet}:
 * a 2-D PCA (centred, so it matches the exact PCA up to each axis' sign) and {@code clustering_metrics.json}
 * with {@code embed}'s keys. MLlib's silhouette ({@link ClusteringEvaluator}) uses the squared Euclidean
 * distance, not the Euclidean one of scikit-learn and mammo-reduce; MLlib has no Davies-Bouldin or
 * Calinski-Harabasz index, so those keys are null with a reason; its k-means starts from k-means|| rather than
 * k-means++ with 10 restarts. The README gives the differences on the demo data.
 */
final class MllibAnalysis {
    static final String FEATURES = "_features";
    private static final int MIN_K = 2;
    private static final int MAX_K = 7;

    private MllibAnalysis() {
    }

    /** The embedded rows with their embedding as an ML Vector in {@link #FEATURES}. */
    static Dataset<Row> vectors(Dataset<Row> parquet) {
        return parquet.filter(col(EmbeddingStore.EMBEDDING).isNotNull())
                .withColumn(FEATURES, functions.array_to_vector(col(EmbeddingStore.EMBEDDING)));
    }

    /** ImagePath to its 2 centred principal coordinates. */
    static Map<String, double[]> pca(Dataset<Row> vectors) {
        PCAModel model = new PCA().setK(2).setInputCol(FEATURES).setOutputCol("_pca").fit(vectors);
        List<Row> rows = model.transform(vectors).select(ImageTable.IMAGE_PATH, "_pca").collectAsList();
        double[] mean = new double[2];
        for (Row r : rows) {
            Vector v = r.getAs(1);
            mean[0] += v.apply(0) / rows.size();
            mean[1] += v.apply(1) / rows.size();
        }
        Map<String, double[]> out = new HashMap<>();
        for (Row r : rows) {
            Vector v = r.getAs(1);
            out.put(r.getString(0), new double[] {v.apply(0) - mean[0], v.apply(1) - mean[1]});
        }
        return out;
    }

    /** {@code clustering_metrics.json}'s content: the labels' silhouette and the k-means sweep k = 2..7. */
    static Map<String, Object> clustering(Dataset<Row> vectors, long seed) {
        Dataset<Row> labelled = vectors.filter(col(ImageTable.BI_RADS).isNotNull())
                .withColumn("_label", col(ImageTable.BI_RADS).cast("double")).cache();
        long n = labelled.count();
        int dims = n == 0 ? 0 : labelled.first().<Vector>getAs(FEATURES).size();
        Map<String, Object> m = new LinkedHashMap<>();
        long classes = labelled.select("_label").distinct().count();
        m.put("silhouette_score", classes >= 2 && n > classes ? silhouette(labelled, "_label") : null);
        m.put("davies_bouldin_index", null);
        m.put("calinski_harabasz_score", null);
        m.put("reason", "computed with Spark MLlib: silhouette with squared Euclidean distance;"
                + " Davies-Bouldin and Calinski-Harabasz are not in MLlib (use embed for them)");
        m.put("num_samples", n);
        m.put("num_features", dims);
        m.put("timestamp", Instant.now().toString());
        m.put("silhouette_sample_size", null);
        List<Map<String, Object>> sweep = new ArrayList<>();
        Integer bestK = null;
        double best = Double.NEGATIVE_INFINITY;
        for (int k = MIN_K; k <= MAX_K && k < n; k++) {
            KMeansModel model = new KMeans().setK(k).setSeed(seed).setFeaturesCol(FEATURES)
                    .setPredictionCol("_cluster").fit(labelled);
            Dataset<Row> predicted = model.transform(labelled);
            long used = predicted.select("_cluster").distinct().count();
            Double s = used >= 2 ? silhouette(predicted, "_cluster") : null;
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("k", k);
            row.put("silhouette_score", s);
            row.put("davies_bouldin_index", null);
            row.put("calinski_harabasz_score", null);
            row.put("inertia", model.summary().trainingCost());
            sweep.add(row);
            if (s != null && s > best) {
                best = s;
                bestK = k;
            }
        }
        Map<String, Object> kmeans = new LinkedHashMap<>();
        kmeans.put("sweep", sweep);
        kmeans.put("best_k", bestK);
        m.put("kmeans", kmeans);
        labelled.unpersist();
        return m;
    }

    static double silhouette(Dataset<Row> rows, String predictionCol) {
        return new ClusteringEvaluator().setFeaturesCol(FEATURES).setPredictionCol(predictionCol)
                .setMetricName("silhouette").setDistanceMeasure("squaredEuclidean").evaluate(rows);
    }
}
