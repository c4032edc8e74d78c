package org.mammoembed.spark;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.mammoembed.core.Dataset;
import org.mammoembed.core.InputPaths;
import org.mammoembed.core.MammoException;
import org.mammoembed.core.ModelIdentity;
import org.mammoembed.core.Stage;
import org.mammoembed.embed.EmbeddingExtractor;
import org.mammoembed.embed.OnnxModels;
import org.mammoembed.io.JsonOutput;
import org.mammoembed.io.RunDirectory;
import org.mammoembed.io.RunManifest;
import org.mammoembed.io.EmbeddingCache;
import org.mammoembed.io.SplitAssignment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The study on a Spark cluster, one main class for {@code java -jar mammo-spark.jar --master 'local[2]' ...} and
 * {@code spark-submit --class org.mammoembed.spark.SparkEmbedJob}: scan the CSV and archive (the accession folders
 * walked on the executors when there are many, see {@link DistributedListing}), embed every image
 * with {@link DicomEmbedder} in waves (each committed to a checkpoint), write {@code embeddings.parquet} and
 * {@code run.json}; with {@code --assemble} also {@code features.npy}, {@code joined.csv}, {@code failures.csv}
 * as {@code embed --save-csv} does; with {@code --pca} / {@code --cluster} the MLlib analysis.
 * Exit status: 0 done (bad images are rows, not errors), 1 the run could not go on, 2 bad command line.
 */
public final class SparkEmbedJob {
    /** Not a static field: main must choose the logging configuration before the first logger exists. */
    private static final class Log {
        static final Logger LOG = LoggerFactory.getLogger(SparkEmbedJob.class);
    }

    private SparkEmbedJob() {
    }

    /** What a run did. */
    public record Summary(long images, long embedded, long failed, long skipped, long scanProblems, double seconds) {
    }

    public static void main(String[] args) {
        System.setProperty("io.netty.tryReflectionSetAccessible", "true");
        if (System.getProperty("log4j2.configurationFile") == null && System.getenv("SPARK_HOME") == null) {
            // java -jar: Spark's INFO chatter would bury the job's own progress
            System.setProperty("log4j2.configurationFile", "classpath:mammo-spark-log4j2.properties");
        }
        JobArguments a;
        try {
            a = JobArguments.parse(args);
        } catch (IllegalArgumentException e) {
            Log.LOG.error("{}\n{}", e.getMessage(), JobArguments.USAGE);
            System.exit(2);
            return;
        }
        SparkSession.Builder b = SparkSession.builder().appName("mammo-embed");
        if (a.master() != null) {
            b.master(a.master());
        }
        int status = 0;
        SparkSession spark = b.getOrCreate();
        try {
            run(a, spark);
        } catch (MammoException | IOException | RuntimeException e) {
            Log.LOG.error("the run could not go on: {}", e.getMessage(), e);
            status = 1;
        } finally {
            spark.stop();
        }
        System.exit(status);
    }

    /** Runs the job in {@code spark} (tests share one session). */
    public static Summary run(String[] args, SparkSession spark) throws IOException, MammoException {
        return run(JobArguments.parse(args), spark);
    }

    static Summary run(JobArguments a, SparkSession spark) throws IOException, MammoException {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        preflight(a);
        RunDirectory dir = RunDirectory.prepare(a.outdir(), RunDirectory.Mode.RESUME);
        Dataset dataset = DistributedListing.scan(spark, a.csv(), a.dicomRoot(), a.listingThreshold());
        Log.LOG.info("scan: {} images, {} scan problems", dataset.size(), dataset.problems().size());
        Path model = a.model() != null ? a.model().toAbsolutePath() : builtInModel(dir, a.seed());
        if (!spark.sparkContext().isLocal()) {
            spark.sparkContext().addFile(model.toString()); // executors without shared storage get a copy
        }
        DicomEmbedder embedder = new DicomEmbedder().setPathCol(ImageTable.PATH).setModelPath(model.toString())
                .setModelSha256(EmbeddingCache.contentSha256(model)).setBatchSize(a.batchSize())
                .setDicomRoot(dataset.root().toString());
        int partitions = partitions(a, spark);
        spark.conf().set("spark.sql.shuffle.partitions", String.valueOf(partitions));
        SplitAssignment split = SplitAssignment.builder().seed(a.seed()).build();
        org.apache.spark.sql.Dataset<Row> images = ImageTable.of(spark, dataset, split, partitions);
        EmbeddingStore store = new EmbeddingStore(spark, dir.root());
        long t1 = System.nanoTime();
        long skipped = embedWaves(a, spark, embedder, images, dataset.size(), store, started.toEpochMilli() * 1000);
        double embedSeconds = (System.nanoTime() - t1) / 1e9;
        Log.LOG.info("embedding: {} images in {} s, {} images/s", dataset.size() - skipped,
                String.format(java.util.Locale.ROOT, "%.1f", embedSeconds),
                String.format(java.util.Locale.ROOT, "%.2f", (dataset.size() - skipped) / embedSeconds));
        long embedded = store.finish(images, dataset.size());
        org.apache.spark.sql.Dataset<Row> result = spark.read().parquet(store.parquet().toString());
        long failed = dataset.size() - embedded;
        EmbeddingExtractor extractor = ExecutorExtractors.get(embedder.spec(spark.conf()));
        Map<String, double[]> pca = null;
        // the PCA coordinates only reach joined.csv and the preview, which --assemble writes
        boolean pcaWritten = a.pca() && a.assemble();
        if ((pcaWritten || a.cluster()) && embedded > 0) {
            org.apache.spark.sql.Dataset<Row> vectors = MllibAnalysis.vectors(result).cache();
            if (pcaWritten && embedded >= 2) {
                pca = MllibAnalysis.pca(vectors);
            }
            if (a.cluster()) {
                JsonOutput.write(dir.clusteringMetricsJson(), MllibAnalysis.clustering(vectors, a.seed()));
            }
            vectors.unpersist();
        }
        if (a.assemble()) {
            Assembler.write(spark, store.parquet(), dataset, dir, extractor.dimension(), split, pca);
        }
        writeRunJson(dir, a, extractor, dataset, embedded, skipped, started);
        double seconds = (System.nanoTime() - t0) / 1e9;
        Log.LOG.info("embedded {} of {} images ({} failed, {} unchanged since an earlier run, {} scan problems) in"
                + " {} s", embedded, dataset.size(), failed, skipped, dataset.problems().size(),
                String.format(java.util.Locale.ROOT, "%.1f", seconds));
        return new Summary(dataset.size(), embedded, failed, skipped, dataset.problems().size(), seconds);
    }

    /** Embeds what earlier runs did not, a wave at a time; returns how many images were skipped. */
    private static long embedWaves(JobArguments a, SparkSession spark, DicomEmbedder embedder,
                                   org.apache.spark.sql.Dataset<Row> images, long total, EmbeddingStore store,
                                   long attempt) {
        org.apache.spark.sql.Dataset<Row> todo = store.todo(images);
        int waveSize = a.waveFor(spark.sparkContext().defaultParallelism());
        if (todo == images && total <= waveSize) {
            Log.LOG.info("{} images to embed", total);
            store.appendWave(embedder.transform(images), attempt);
            return 0;
        }
        if (todo != images) {
            todo = todo.localCheckpoint(); // the hashes of unchanged files are computed once
        }
        List<Long> ordinals = todo.select(ImageTable.ORDINAL).as(Encoders.LONG()).collectAsList().stream()
                .sorted().toList();
        Log.LOG.info("{} images to embed, {} unchanged since an earlier run", ordinals.size(), total - ordinals.size());
        int parts = partitions(a, spark);
        for (int w = 0, from = 0; from < ordinals.size(); w++, from += waveSize) {
            int to = Math.min(ordinals.size(), from + waveSize);
            org.apache.spark.sql.Dataset<Row> wave = todo.filter(col(ImageTable.ORDINAL)
                    .between(ordinals.get(from), ordinals.get(to - 1))).repartitionByRange(parts,
                    col(ImageTable.ORDINAL));
            store.appendWave(embedder.transform(wave), attempt + w);
            Log.LOG.info("wave {}: {} of {} images embedded", w + 1, to, ordinals.size());
        }
        return total - ordinals.size();
    }

    private static int partitions(JobArguments a, SparkSession spark) {
        return a.partitions() > 0 ? a.partitions() : Math.max(1, spark.sparkContext().defaultParallelism());
    }

    private static void preflight(JobArguments a) throws MammoException {
        InputPaths.requireFile(a.csv(), "--csv", Stage.SCAN);
        InputPaths.requireFolder(a.dicomRoot(), "--dicom-root", Stage.SCAN);
        if (a.model() != null) {
            InputPaths.requireFile(a.model(), "--model", Stage.READ);
        }
    }

    /** Without --model, as {@code embed}: the built-in ResNet50 with RANDOM weights, written once to a file. */
    private static Path builtInModel(RunDirectory dir, long seed) throws IOException {
        Path file = dir.root().resolve(".spark-model").resolve("resnet50-random-seed" + seed + ".onnx");
        if (!Files.isRegularFile(file)) {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            OnnxModels.writeRandomResNet50(seed, tmp);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Log.LOG.warn("model: built-in ResNet50 with RANDOM weights (seed {}), not ImageNet: use --model with an"
                + " exported network for real studies", seed);
        return file;
    }

    private static void writeRunJson(RunDirectory dir, JobArguments a, EmbeddingExtractor ex,
                                     Dataset dataset, long embedded, long skipped, Instant started)
            throws IOException {
        // the executors' extractor loaded (and hashed) the model as a file, also when it is the built-in one
        ModelIdentity id = ex.modelIdentity();
        RunManifest.Model m = a.model() != null
                ? new RunManifest.Model(a.model().toString(), id.sha256(), id.inputName(), id.inputShape(),
                        id.outputName(), id.outputShape())
                : new RunManifest.Model("built-in:resnet50", id.sha256(), id.inputName(), id.inputShape(),
                        id.outputName(), id.outputShape(), "built-in", "resnet50", "random", a.seed());
        long failed = dataset.size() - embedded;
        RunManifest.Builder b = RunManifest.builder()
                .onnxRuntimeVersion(String.valueOf(ex.settings().getOrDefault("onnxRuntimeVersion", "")))
                .executionProvider(ex.executionProvider())
                .model(m)
                .preprocessing(ex.preprocessingSpec())
                .seed(a.seed())
                .startedAt(started)
                .finishedAt(Instant.now())
                .counts(new RunManifest.Counts(dataset.size(), embedded, failed, dataset.problems().size(),
                        dataset.size() - skipped, skipped, 0));
        b.argument("engine", "spark");
        a.given().forEach((k, v) -> b.argument(k.substring(2), v));
        b.build().write(dir.runJson());
    }
}
