package org.mammoembed.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mammoembed.core.CsvTable;
import org.mammoembed.embed.OnnxModels;
import org.mammoembed.examples.Mammography;
import org.mammoembed.io.NpyReader;

/**
 * The Spark job in local[2] against the single-machine {@code embed} on the same study: a generated phantom
 * study (4 exams x 4 views), a corrupt file, a DICOM without pixel data, and (with {@code -Dmammo.corpus})
 * real mammograms in four encodings plus a truncated one. Outputs must be byte-identical and every embedding
 * bitwise equal; a rerun must skip every unchanged image; the transformer must also work on binaryFile bytes and inside a
 * saved Pipeline.
 */
class SparkEmbedJobTest {
    @TempDir
    static Path tmp;
    static SparkSession spark;
    static Path csv;
    static Path root;
    static Path model;
    static Path single;

    @BeforeAll
    static void studyAndSingleMachineRun() throws IOException {
        spark = SparkSession.builder().master("local[2]").appName("mammo-spark-test")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate();
        assertEquals(0, cli("demo", "--outdir", tmp.resolve("demo").toString(), "--data-only",
                "--exams-per-class", "1", "--size", "96x80"));
        Path data = tmp.resolve("demo").resolve("data");
        csv = data.resolve("classificacao.csv");
        root = data.resolve("archive");
        StudyFiles.addBadFiles(root.resolve("DEMO0000"));
        if (StudyFiles.corpus() != null) {
            StudyFiles.addCorpusExam(csv, root.resolve("CORPUS01"));
        }
        model = tmp.resolve("tiny.onnx");
        Files.write(model, OnnxModels.tinyResNet(7));
        single = tmp.resolve("single");
        assertEquals(0, cli("embed", "--csv", csv.toString(), "--dicom-root", root.toString(), "--outdir",
                single.toString(), "--model", model.toString(), "--save-csv", "--batch-size", "5"));
    }

    @AfterAll
    static void stop() {
        spark.stop();
        ExecutorExtractors.closeAll();
    }

    @Test
    void sameFilesAsEmbedBitForBitAndRerunSkipsEverything() throws Exception {
        Path out = tmp.resolve("spark");
        String[] args = {"--csv", csv.toString(), "--dicom-root", root.toString(), "--outdir", out.toString(),
                "--model", model.toString(), "--partitions", "3", "--batch-size", "4", "--assemble"};
        int extractorsBefore = ExecutorExtractors.openCount();
        SparkEmbedJob.Summary first = SparkEmbedJob.run(args, spark);
        System.out.println("spark job: " + first);
        assertEquals(0, first.skipped());
        assertTrue(first.failed() >= 2, "the corrupt and the pixel-less file fail: " + first);
        for (String f : List.of("features.npy", "joined.csv", "failures.csv")) {
            assertArrayEquals(Files.readAllBytes(single.resolve(f)), Files.readAllBytes(out.resolve(f)), f);
        }
        assertParquetMatchesEmbed(out);
        assertEquals(extractorsBefore + 1, ExecutorExtractors.openCount(),
                "one extractor per JVM, reused across partitions, tasks and the driver's run.json");

        // a rerun skips every unchanged image; a file whose content changed is embedded again (here in waves of 3)
        Files.copy(root.resolve("DEMO0002/L_CC.dcm"), root.resolve("DEMO0001/L_CC.dcm"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        String[] rerun = java.util.Arrays.copyOf(args, args.length + 2);
        rerun[args.length] = "--wave";
        rerun[args.length + 1] = "3";
        SparkEmbedJob.Summary again = SparkEmbedJob.run(rerun, spark);
        System.out.println("rerun: " + again);
        assertEquals(first.embedded() - 1, again.skipped(), "only the changed file is embedded again");
        assertEquals(first.failed(), again.failed(), "failed images are retried and fail the same way");
        assertEquals(extractorsBefore + 1, ExecutorExtractors.openCount(), "the rerun reuses the extractor");
        Map<String, float[]> before = embedRows();
        Row changed = spark.read().parquet(out.resolve("embeddings.parquet").toString())
                .filter("ImagePath = 'DEMO0001/L_CC.dcm'").first();
        List<Float> e = changed.getList(changed.fieldIndex("embedding"));
        float[] want = before.get("DEMO0002/L_CC.dcm");
        for (int i = 0; i < want.length; i++) {
            assertEquals(Float.floatToRawIntBits(want[i]), Float.floatToRawIntBits(e.get(i)), "changed file, " + i);
        }
        assertTrue(Files.exists(out.resolve("run.json")));
        assertTrue(!Files.exists(out.resolve(".spark-checkpoint")), "the checkpoint is removed at the end");
    }

    /** Each Parquet row: the embedding equals embed's row bitwise, or the failure columns equal failures.csv. */
    private static void assertParquetMatchesEmbed(Path out) throws Exception {
        Map<String, float[]> expected = embedRows();
        Map<String, List<String>> failures = new HashMap<>();
        for (CsvTable.Row row : CsvTable.read(single.resolve("failures.csv")).rows()) {
            if (!row.field(1).isEmpty() && !row.field(2).equals("scan")) {
                failures.put(row.field(1), row.fields());
            }
        }
        List<Row> rows = spark.read().parquet(out.resolve("embeddings.parquet").toString()).collectAsList();
        assertEquals(expected.size() + failures.size(), rows.size());
        int seen = 0;
        for (Row r : rows) {
            String path = r.getAs("ImagePath");
            if (r.isNullAt(r.fieldIndex("embedding"))) {
                List<String> f = failures.get(path);
                assertNotNull(f, "unexpected failure of " + path);
                assertEquals(List.of(f.get(2), f.get(3), f.get(4)), List.of(r.getAs("FailureStage"),
                        r.getAs("ErrorClass"), r.getAs("ErrorMessage")), path);
                continue;
            }
            assertNull(r.getAs("FailureStage"));
            List<Float> e = r.getList(r.fieldIndex("embedding"));
            float[] want = expected.get(path);
            for (int i = 0; i < want.length; i++) {
                assertEquals(Float.floatToRawIntBits(want[i]), Float.floatToRawIntBits(e.get(i)), path + "[" + i + "]");
            }
            seen++;
        }
        assertEquals(expected.size(), seen);
    }

    /** embed's features by ImagePath, through joined.csv's EmbeddingIndex. */
    static Map<String, float[]> embedRows() throws Exception {
        float[][] features = NpyReader.read(single.resolve("features.npy")).toMatrix();
        Map<String, float[]> byPath = new HashMap<>();
        for (CsvTable.Row row : CsvTable.read(single.resolve("joined.csv")).rows()) {
            byPath.put(row.field(2), features[Integer.parseInt(row.field(3))]);
        }
        return byPath;
    }

    @Test
    void binaryFileBytesInASavedPipelineGiveTheSameEmbeddings() throws Exception {
        DicomEmbedder embedder = new DicomEmbedder().setPathCol("path").setContentCol("content")
                .setModelPath(model.toString()).setBatchSize(3).setVectorCol("vec");
        Path saved = tmp.resolve("pipeline");
        org.apache.spark.sql.Dataset<Row> files = spark.read().format("binaryFile")
                .option("recursiveFileLookup", "true").load(root.resolve("DEMO0000").toString());
        new Pipeline().setStages(new PipelineStage[] {embedder}).fit(files).write().save(saved.toString());
        PipelineModel loaded = PipelineModel.load(saved.toString());
        DicomEmbedder back = (DicomEmbedder) loaded.stages()[0];
        assertEquals(3, (Integer) back.getOrDefault(back.batchSize()));
        assertEquals(embedder.recipe(), back.recipe());

        List<Row> rows = loaded.transform(files).collectAsList();
        Map<String, float[]> expected = embedRows();
        int embedded = 0;
        for (Row r : rows) {
            String rel = root.toUri().relativize(PartitionEmbedder.localPath(r.getAs("path")).toUri()).getPath();
            float[] want = expected.get(rel);
            if (want == null) {
                assertNotNull(r.getAs("ErrorClass"), rel + " is not an embedded image yet has no failure");
                continue;
            }
            List<Float> e = r.getList(r.fieldIndex("embedding"));
            for (int i = 0; i < want.length; i++) {
                assertEquals(Float.floatToRawIntBits(want[i]), Float.floatToRawIntBits(e.get(i)), rel);
            }
            assertEquals(want.length, ((org.apache.spark.ml.linalg.Vector) r.getAs("vec")).size());
            embedded++;
        }
        assertEquals(4, embedded, "the four phantom views of DEMO0000");
        assertEquals(6, rows.size(), "and its corrupt and pixel-less files, as failure rows");
    }

    private static int cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = Mammography.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        if (status != 0) {
            System.err.println(out.toString(StandardCharsets.UTF_8));
        }
        return status;
    }
}
