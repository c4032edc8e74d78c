package org.mammoembed.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.udf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileUtil;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.mammoembed.io.EmbeddingCache;

/**
 * The job's results on disk and what makes a rerun cheap. Finished waves are appended to
 * {@code O/.spark-checkpoint/} (Parquet; Spark commits each write atomically, so a lost cluster loses only the
 * wave in flight); at the end the latest row of every image becomes {@code O/embeddings.parquet} and the
 * checkpoint is removed. A rerun with the same outdir skips every image that an earlier run embedded, keyed by
 * relative path and SHA-256 of the content (a changed file is embedded again; failed images are retried, as
 * {@code embed --resume} does). {@code O} must be a folder every executor and the driver see (local mode, NFS).
 */
final class EmbeddingStore {
    static final String EMBEDDING = "embedding";
    /** When a row was produced (run start in ms, plus the wave number): the latest wins. */
    static final String ATTEMPT = "Attempt";
    /** The Parquet columns, in order. */
    static final List<String> COLUMNS = List.of(ImageTable.ACCESSION, ImageTable.BI_RADS, ImageTable.IMAGE_PATH,
            ImageTable.SPLIT, EMBEDDING, EmbeddingColumns.CONTENT_SHA256, EmbeddingColumns.VIEW_POSITION,
            EmbeddingColumns.LATERALITY, EmbeddingColumns.FAILURE_STAGE, EmbeddingColumns.ERROR_CLASS,
            EmbeddingColumns.ERROR_MESSAGE, ATTEMPT);
    private static final List<String> RESULT_COLUMNS = COLUMNS.subList(4, COLUMNS.size());

    private final SparkSession spark;
    private final Path outdir;

    EmbeddingStore(SparkSession spark, Path outdir) {
        this.spark = spark;
        this.outdir = outdir.toAbsolutePath().normalize();
    }

    Path parquet() {
        return outdir.resolve("embeddings.parquet");
    }

    Path checkpoint() {
        return outdir.resolve(".spark-checkpoint");
    }

    /** Every result of earlier runs, the latest per image; empty on a first run. */
    Optional<Dataset<Row>> prior() {
        List<Dataset<Row>> parts = new ArrayList<>();
        for (Path p : List.of(parquet(), checkpoint())) {
            if (hasParquet(p)) {
                List<String> keep = new ArrayList<>(List.of(ImageTable.IMAGE_PATH));
                keep.addAll(RESULT_COLUMNS);
                parts.add(spark.read().parquet(p.toString())
                        .select(keep.stream().map(functionsCol()).toArray(Column[]::new)));
            }
        }
        return parts.stream().reduce(Dataset::unionByName).map(EmbeddingStore::latest);
    }

    /**
     * The images still to embed: all but those with an earlier embedding of the same content. Hashing is the
     * only work done for the skipped ones.
     */
    Dataset<Row> todo(Dataset<Row> images) {
        Optional<Dataset<Row>> prior = prior();
        if (prior.isEmpty()) {
            return images;
        }
        Dataset<Row> done = prior.get().filter(col(EMBEDDING).isNotNull())
                .select(col(ImageTable.IMAGE_PATH), col(EmbeddingColumns.CONTENT_SHA256).as("_priorSha"));
        UserDefinedFunction sha = udf((UDF1<String, String>) EmbeddingStore::sha256OrNull, DataTypes.StringType);
        Dataset<Row> unchanged = images.join(done, ImageTable.IMAGE_PATH)
                .filter(col("_priorSha").equalTo(sha.apply(col(ImageTable.PATH))))
                .select(ImageTable.IMAGE_PATH);
        return images.join(unchanged, images.col(ImageTable.IMAGE_PATH).equalTo(unchanged.col(ImageTable.IMAGE_PATH)),
                "left_anti");
    }

    /** Appends one wave's results (the embedder's output) to the checkpoint, stamped with {@code attempt}. */
    void appendWave(Dataset<Row> embedded, long attempt) {
        embedded.withColumn(ATTEMPT, lit(attempt)).select(COLUMNS.stream().map(functionsCol()).toArray(Column[]::new))
                .write().mode(SaveMode.Append).parquet(checkpoint().toString());
    }

    /**
     * Writes {@code embeddings.parquet}: one row per image of {@code images}, in dataset order, with its latest
     * result; then removes the checkpoint. Returns how many images have an embedding.
     *
     * @throws IllegalStateException when an image has no result at all
     */
    long finish(Dataset<Row> images, long expected) throws IOException {
        Dataset<Row> results = prior().orElseThrow(() -> new IllegalStateException("no results were written"));
        Dataset<Row> rows = images.select(ImageTable.ORDINAL, ImageTable.ACCESSION, ImageTable.BI_RADS,
                        ImageTable.IMAGE_PATH, ImageTable.SPLIT)
                .join(results, ImageTable.IMAGE_PATH).orderBy(ImageTable.ORDINAL)
                .select(COLUMNS.stream().map(functionsCol()).toArray(Column[]::new));
        Path tmp = outdir.resolve(".embeddings.parquet.tmp");
        rows.write().mode(SaveMode.Overwrite).parquet(tmp.toString());
        Row counts = spark.read().parquet(tmp.toString()).agg(count(lit(1)), count(col(EMBEDDING))).first();
        if (counts.getLong(0) != expected) {
            throw new IllegalStateException(counts.getLong(0) + " result rows for " + expected + " images");
        }
        deleteTree(parquet());
        Files.move(tmp, parquet());
        deleteTree(checkpoint());
        return counts.getLong(1);
    }

    static Dataset<Row> latest(Dataset<Row> rows) {
        return rows.withColumn("_rank", row_number().over(Window.partitionBy(ImageTable.IMAGE_PATH)
                        .orderBy(col(ATTEMPT).desc())))
                .filter(col("_rank").equalTo(1)).drop("_rank");
    }

    static String sha256OrNull(String path) {
        try {
            return EmbeddingCache.contentSha256(Path.of(path));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static java.util.function.Function<String, Column> functionsCol() {
        return name -> col("`" + name + "`");
    }

    private static boolean hasParquet(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.anyMatch(p -> p.getFileName().toString().endsWith(".parquet"));
        } catch (IOException e) {
            return false;
        }
    }

    /** Removes a folder and everything in it (Hadoop's recursive delete, on Spark's class path). */
    static void deleteTree(Path folder) throws IOException {
        if (Files.exists(folder) && !FileUtil.fullyDelete(folder.toFile())) {
            throw new IOException("cannot delete " + folder);
        }
    }
}
