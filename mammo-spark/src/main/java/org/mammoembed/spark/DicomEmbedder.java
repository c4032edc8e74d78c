package org.mammoembed.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.mammoembed.io.EmbeddingCache;

/**
 * A Spark ML {@link Transformer} that embeds DICOM images: the input rows plus the embedding
 * ({@code array<float>}, and optionally an ML {@code Vector}), the file's SHA-256, ViewPosition, ImageLaterality
 * and the failure columns of {@link EmbeddingColumns}. A bad or hostile file never fails a task: it becomes a
 * row whose embedding is null and whose failure columns say why.
 *
 * <pre>{@code
 * Dataset<Row> files = spark.read().format("binaryFile").option("recursiveFileLookup", "true").load(root);
 * Dataset<Row> out = new DicomEmbedder().setPathCol("path").setContentCol("content")
 *         .setModelPath("/shared/resnet50.onnx").setBatchSize(32).transform(files);
 * }</pre>
 *
 * <p>Params (defaults in brackets): {@code pathCol} [path], {@code contentCol} [""; read each path],
 * {@code outputCol} [embedding], {@code vectorCol} [""; none], {@code modelPath} (required),
 * {@code modelSha256} [""; computed on the driver from modelPath], {@code batchSize} [32],
 * {@code intraOpThreads} [0: the executor's cores], {@code workers} [1 per task], {@code frame} [0], and the
 * preprocessing recipe {@code imageSize} [224], {@code windowing} [percentile:0.5:99.5], {@code resize}
 * [BILINEAR_ANTIALIAS], {@code geometry} [stretch], {@code mean}/{@code std} [ImageNet],
 * {@code excludePixelPadding} [false] (see {@link org.mammoembed.embed.Preprocessing}). Persisted with
 * {@code DefaultParamsWritable}, so it can sit in a saved {@code Pipeline}.
 *
 * <p>The model reaches executors through shared storage (the same path everywhere) or {@code --files}; each
 * executor checks its copy against {@code modelSha256} and loads it once per JVM ({@link ExecutorExtractors}).
 */
public final class DicomEmbedder extends Transformer implements DefaultParamsWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final Param<String> pathCol;
    private final Param<String> contentCol;
    private final Param<String> outputCol;
    private final Param<String> vectorCol;
    private final Param<String> modelPath;
    private final Param<String> modelSha256;
    private final Param<String> dicomRoot;
    private final IntParam batchSize;
    private final IntParam intraOpThreads;
    private final IntParam workers;
    private final IntParam frame;
    private final IntParam imageSize;
    private final Param<String> windowing;
    private final Param<String> resize;
    private final Param<String> geometry;
    private final DoubleArrayParam mean;
    private final DoubleArrayParam std;
    private final BooleanParam excludePixelPadding;

    public DicomEmbedder() {
        this(Identifiable$.MODULE$.randomUID("dicomEmbedder"));
    }

    /** With a given uid (Spark's persistence and {@code copy} use this constructor). */
    public DicomEmbedder(String uid) {
        this.uid = uid;
        pathCol = new Param<>(this, "pathCol", "column of image paths (local paths or file: URIs)");
        contentCol = new Param<>(this, "contentCol", "column of file bytes (binaryFile's content); empty: read the"
                + " paths");
        outputCol = new Param<>(this, "outputCol", "output column, array<float>");
        vectorCol = new Param<>(this, "vectorCol", "optional output column holding the embedding as an ML Vector");
        modelPath = new Param<>(this, "modelPath", "ONNX model: a path every executor can read, or a file shipped"
                + " with --files");
        modelSha256 = new Param<>(this, "modelSha256", "expected SHA-256 of the model; empty: computed on the"
                + " driver");
        dicomRoot = new Param<>(this, "dicomRoot", "folder every path must still resolve into when opened (links"
                + " swapped in after a scan are refused); default '/': no confinement");
        batchSize = new IntParam(this, "batchSize", "images per inference batch (1 to 1024)",
                ParamValidators.inRange(1, 1024));
        intraOpThreads = new IntParam(this, "intraOpThreads", "ONNX Runtime intra-op threads per executor;"
                + " 0: the executor's cores", ParamValidators.inRange(0, 256));
        workers = new IntParam(this, "workers", "decode/preprocess threads per task (1 to 256)",
                ParamValidators.inRange(1, 256));
        frame = new IntParam(this, "frame", "frame of multi-frame files (0-based)", ParamValidators.gtEq(0));
        imageSize = new IntParam(this, "imageSize", "network input height and width",
                ParamValidators.inRange(1, 8192));
        windowing = new Param<>(this, "windowing", "percentile:LOW:HIGH or dicom-voi");
        resize = new Param<>(this, "resize", "resampling filter: BILINEAR_ANTIALIAS or BICUBIC");
        geometry = new Param<>(this, "geometry", "stretch, letterbox or short-side-crop:N");
        mean = new DoubleArrayParam(this, "mean", "per-channel means (window units)");
        std = new DoubleArrayParam(this, "std", "per-channel standard deviations");
        excludePixelPadding = new BooleanParam(this, "excludePixelPadding", "leave padding pixels out of the"
                + " percentiles");
        PreprocessingRecipe d = PreprocessingRecipe.DEFAULTS;
        setDefault(pathCol, "path");
        setDefault(contentCol, "");
        setDefault(outputCol, "embedding");
        setDefault(vectorCol, "");
        setDefault(modelSha256, "");
        setDefault(dicomRoot, "/");
        setDefault(batchSize, 32);
        setDefault(intraOpThreads, 0);
        setDefault(workers, 1);
        setDefault(frame, 0);
        setDefault(imageSize, d.size());
        setDefault(windowing, d.windowing());
        setDefault(resize, d.resize());
        setDefault(geometry, d.geometry());
        setDefault(mean, d.mean());
        setDefault(std, d.std());
        setDefault(excludePixelPadding, false);
    }

    /** Reads a saved embedder (Spark finds this static method when it loads a saved Pipeline). */
    public static MLReader<DicomEmbedder> read() {
        return new DefaultParamsReader<>();
    }

    public static DicomEmbedder load(String path) {
        return read().load(path);
    }

    @Override
    public String uid() {
        return uid;
    }

    // the param accessors: Spark discovers params through public no-argument methods returning Param

    public Param<String> pathCol() { return pathCol; }
    public Param<String> contentCol() { return contentCol; }
    public Param<String> outputCol() { return outputCol; }
    public Param<String> vectorCol() { return vectorCol; }
    public Param<String> modelPath() { return modelPath; }
    public Param<String> modelSha256() { return modelSha256; }
    public Param<String> dicomRoot() { return dicomRoot; }
    public IntParam batchSize() { return batchSize; }
    public IntParam intraOpThreads() { return intraOpThreads; }
    public IntParam workers() { return workers; }
    public IntParam frame() { return frame; }
    public IntParam imageSize() { return imageSize; }
    public Param<String> windowing() { return windowing; }
    public Param<String> resize() { return resize; }
    public Param<String> geometry() { return geometry; }
    public DoubleArrayParam mean() { return mean; }
    public DoubleArrayParam std() { return std; }
    public BooleanParam excludePixelPadding() { return excludePixelPadding; }

    public DicomEmbedder setPathCol(String v) { set(pathCol, v); return this; }
    public DicomEmbedder setContentCol(String v) { set(contentCol, v); return this; }
    public DicomEmbedder setOutputCol(String v) { set(outputCol, v); return this; }
    public DicomEmbedder setVectorCol(String v) { set(vectorCol, v); return this; }
    public DicomEmbedder setModelPath(String v) { set(modelPath, v); return this; }
    public DicomEmbedder setModelSha256(String v) { set(modelSha256, v); return this; }
    public DicomEmbedder setDicomRoot(String v) { set(dicomRoot, v); return this; }
    public DicomEmbedder setBatchSize(int v) { set(batchSize, v); return this; }
    public DicomEmbedder setIntraOpThreads(int v) { set(intraOpThreads, v); return this; }
    public DicomEmbedder setWorkers(int v) { set(workers, v); return this; }
    public DicomEmbedder setFrame(int v) { set(frame, v); return this; }
    public DicomEmbedder setImageSize(int v) { set(imageSize, v); return this; }
    public DicomEmbedder setWindowing(String v) { PreprocessingRecipe.windowing(v); set(windowing, v); return this; }
    public DicomEmbedder setResize(String v) { PreprocessingRecipe.resize(v); set(resize, v); return this; }
    public DicomEmbedder setGeometry(String v) { PreprocessingRecipe.geometry(v); set(geometry, v); return this; }
    public DicomEmbedder setMean(double[] v) { set(mean, v.clone()); return this; }
    public DicomEmbedder setStd(double[] v) { set(std, v.clone()); return this; }
    public DicomEmbedder setExcludePixelPadding(boolean v) { set(excludePixelPadding, v); return this; }

    /** The recipe the params describe. */
    PreprocessingRecipe recipe() {
        return new PreprocessingRecipe((Integer) getOrDefault(imageSize), getOrDefault(windowing),
                getOrDefault(resize), getOrDefault(geometry), getOrDefault(mean), getOrDefault(std),
                (Boolean) getOrDefault(excludePixelPadding));
    }

    @Override
    public StructType transformSchema(StructType schema) {
        requireType(schema, getOrDefault(pathCol), DataTypes.StringType);
        String content = getOrDefault(contentCol);
        if (!content.isEmpty()) {
            requireType(schema, content, DataTypes.BinaryType);
        }
        List<StructField> fields = new ArrayList<>(Arrays.asList(schema.fields()));
        EmbeddingColumns.requireAbsent(schema, getOrDefault(outputCol));
        fields.add(DataTypes.createStructField(getOrDefault(outputCol),
                DataTypes.createArrayType(DataTypes.FloatType, false), true));
        String vector = getOrDefault(vectorCol);
        if (!vector.isEmpty()) {
            EmbeddingColumns.requireAbsent(schema, vector);
            fields.add(DataTypes.createStructField(vector, SQLDataTypes.VectorType(), true));
        }
        for (StructField f : EmbeddingColumns.stringFields()) {
            EmbeddingColumns.requireAbsent(schema, f.name());
            fields.add(f);
        }
        return DataTypes.createStructType(fields);
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        StructType out = transformSchema(dataset.schema());
        StructType in = dataset.schema();
        String content = getOrDefault(contentCol);
        PartitionEmbedder f = new PartitionEmbedder(spec(dataset.sparkSession().conf()),
                in.fieldIndex(getOrDefault(pathCol)), content.isEmpty() ? -1 : in.fieldIndex(content),
                !getOrDefault(vectorCol).isEmpty(), content.isEmpty() ? getOrDefault(dicomRoot) : "/");
        return dataset.toDF().mapPartitions(f, Encoders.row(out));
    }

    /** What executors build; the model's SHA-256 and the thread counts are settled here, on the driver. */
    ExtractorSpec spec(org.apache.spark.sql.RuntimeConfig conf) {
        if (!isDefined(modelPath)) {
            throw new IllegalStateException("modelPath is required: call setModelPath");
        }
        String model = getOrDefault(modelPath);
        String sha = getOrDefault(modelSha256);
        if (sha.isEmpty()) {
            try {
                sha = EmbeddingCache.contentSha256(ExecutorExtractors.locate(model));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the model " + model + " on the driver: "
                        + e.getMessage(), e);
            }
        }
        int threads = (Integer) getOrDefault(intraOpThreads);
        if (threads == 0) {
            threads = ExecutorCores.of(conf);
        }
        return new ExtractorSpec(model, sha, (Integer) getOrDefault(batchSize), threads,
                (Integer) getOrDefault(workers), (Integer) getOrDefault(frame), recipe());
    }

    @Override
    public DicomEmbedder copy(ParamMap extra) {
        return (DicomEmbedder) defaultCopy(extra);
    }

    private static void requireType(StructType schema, String column, DataType type) {
        StructField f;
        try {
            f = schema.apply(column);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("input has no column '" + column + "'; columns: "
                    + Arrays.toString(schema.fieldNames()), e);
        }
        if (!f.dataType().equals(type)) {
            throw new IllegalArgumentException("column '" + column + "' must be " + type.simpleString() + ", got "
                    + f.dataType().simpleString());
        }
    }
}
