package org.mammoembed.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.mammoembed.core.Dataset;
import org.mammoembed.core.EmbeddedImage;
import org.mammoembed.core.Failure;
import org.mammoembed.core.ImageRecord;
import org.mammoembed.core.MammoException;
import org.mammoembed.core.Projection;
import org.mammoembed.core.Stage;
import org.mammoembed.io.CheckpointStore;
import org.mammoembed.io.FailuresCsv;
import org.mammoembed.io.JoinedCsvWriter;
import org.mammoembed.io.NpyWriter;
import org.mammoembed.io.RunDirectory;
import org.mammoembed.io.ScatterPlot;
import org.mammoembed.io.SplitAssignment;

/**
 * {@code --assemble}: {@code features.npy}, {@code failures.csv} and {@code joined.csv} from
 * {@code embeddings.parquet}, in exactly {@code embed}'s layout and order. The Parquet rows are streamed to the
 * driver into mammo-io's {@link CheckpointStore} (the record file {@code embed} resumes from), which then lays
 * them out in dataset order with {@code embed}'s own code; memory holds the index, not the N x D matrix.
 */
final class Assembler {
    private Assembler() {
    }

    /** What was assembled: the embedded images in row order, and every failure in {@code embed}'s order. */
    record Assembled(List<EmbeddedImage> index, List<Failure> failures) {
    }

    static Assembled write(SparkSession spark, Path parquet, Dataset dataset, RunDirectory dir, int dimension,
                           SplitAssignment split, Map<String, double[]> pca) throws IOException, MammoException {
        Map<String, ImageRecord> byPath = new HashMap<>();
        for (ImageRecord r : dataset.images()) {
            byPath.put(r.relativePath(), r);
        }
        Path scratch = dir.root().resolve(".spark-assemble");
        EmbeddingStore.deleteTree(scratch);
        CheckpointStore.Assembled a;
        try (CheckpointStore store = CheckpointStore.open(scratch, dimension, "mammo-spark assemble")) {
            Iterator<Row> rows = spark.read().parquet(parquet.toString()).toLocalIterator();
            while (rows.hasNext()) {
                add(store, rows.next(), byPath, dimension);
            }
            try (NpyWriter npy = NpyWriter.create(dir.embeddings(), dimension)) {
                a = store.assembleTo(dataset, npy);
                npy.commit();
            }
        }
        EmbeddingStore.deleteTree(scratch);
        List<Failure> failures = new ArrayList<>(dataset.problems());
        failures.addAll(a.failures());
        FailuresCsv.write(dir.failuresCsv(), failures);
        JoinedCsvWriter.Builder joined = JoinedCsvWriter.builder().split(split);
        if (pca != null) {
            Projection p = projection(a.index(), pca);
            joined.projection(p);
            Files.createDirectories(dir.preview2d(p.method()).getParent());
            ScatterPlot.builder().build().write(dir.preview2d(p.method()), p, ScatterPlot.labelsOf(a.index()));
        }
        joined.build().write(dir.joinedCsv(), a.index());
        return new Assembled(a.index(), a.failures());
    }

    /** The PCA coordinates in row order, as {@code embed --pca} puts them in joined.csv and its preview. */
    static Projection projection(List<EmbeddedImage> index, Map<String, double[]> byPath) {
        double[][] xy = new double[index.size()][];
        for (int i = 0; i < xy.length; i++) {
            xy[i] = byPath.get(index.get(i).record().relativePath());
        }
        return new Projection("pca", xy, Map.of("implementation", "Spark MLlib PCA, centred"));
    }

    private static void add(CheckpointStore store, Row row, Map<String, ImageRecord> byPath, int dimension)
            throws IOException {
        String path = row.getAs(ImageTable.IMAGE_PATH);
        ImageRecord r = byPath.get(path);
        if (r == null) {
            throw new IllegalStateException("embeddings.parquet holds an image the dataset does not: " + path);
        }
        if (row.isNullAt(row.fieldIndex(EmbeddingStore.EMBEDDING))) {
            String stage = row.getAs(EmbeddingColumns.FAILURE_STAGE);
            store.appendFailure(new Failure(r.accessionNumber(), path, Stage.valueOf(stage.toUpperCase(Locale.ROOT)),
                    row.getAs(EmbeddingColumns.ERROR_CLASS), row.getAs(EmbeddingColumns.ERROR_MESSAGE)));
            return;
        }
        List<Float> e = row.getList(row.fieldIndex(EmbeddingStore.EMBEDDING));
        if (e.size() != dimension) {
            throw new IllegalStateException("embedding of " + path + " has " + e.size() + " values, expected "
                    + dimension);
        }
        float[] f = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            f[i] = e.get(i);
        }
        store.append(new EmbeddedImage(0, r, row.getAs(EmbeddingColumns.VIEW_POSITION),
                row.getAs(EmbeddingColumns.LATERALITY)), f);
    }
}
