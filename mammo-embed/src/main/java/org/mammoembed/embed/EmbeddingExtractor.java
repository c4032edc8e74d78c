package org.mammoembed.embed;

import ai.onnxruntime.OrtException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.mammoembed.core.Dataset;
import org.mammoembed.core.DecodedImage;
import org.mammoembed.core.Embedder;
import org.mammoembed.core.ImageReader;
import org.mammoembed.core.EmbeddingResult;
import org.mammoembed.core.EmbeddingSink;
import org.mammoembed.core.MammoException;
import org.mammoembed.core.ModelIdentity;
import org.mammoembed.core.ProgressListener;
import org.mammoembed.core.Stage;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Turns DICOM images into embeddings with an ONNX image backbone (typically ResNet50 without its classifier).
 *
 * <pre>{@code
 * try (EmbeddingExtractor ex = EmbeddingExtractor.builder()
 *         .model(Path.of("resnet50.onnx"))
 *         .device(Device.cpu())
 *         .batchSize(32)
 *         .build()) {
 *     EmbeddingResult r = ex.extract(Dataset.fromCsv(csv, dicomRoot));
 * }
 * }</pre>
 *
 * <p>Immutable once built; every method may be called from several threads (inference itself is serialised,
 * since one session already uses all the intra-op threads). Owns the ONNX Runtime session: {@link #close()}
 * releases it, and any later call fails with {@link IllegalStateException}.
 *
 * <p>Determinism: on the CPU an image's embedding is bitwise the same whatever the batch size, the batch it lands
 * in, the intra-op thread count and the worker count, and equals {@link #embed(DecodedImage)} of that image alone
 * (measured by {@code EmbeddingDeterminismTest}: batch sizes 1, 7 and 32 with 1, 2 and 4 intra-op threads on a
 * small model with a Gemm layer, and with 1 and 2 threads on ResNet50). ONNX Runtime's CPU kernels evidently
 * partition work by output element and image, not inside a sum, so no padding to one batch shape and no
 * deterministic-compute mode is needed: it costs nothing. On CUDA this is not guaranteed (cuDNN may choose
 * different algorithms for different batch shapes).
 *
 * <p>Memory: at most {@code 3 * batchSize + workers} preprocessed inputs ({@code 3 x H x W} floats each) plus one
 * decoded frame per worker are held at once, whatever the dataset size.
 */
public final class EmbeddingExtractor implements Embedder, AutoCloseable {
    private final OnnxEncoder encoder;
    private final Device device;
    /** The reader, recipe, frame and decode limits: the extractor's half without a network. */
    private final NetworkInputs inputs;
    private final int workers;
    private final int intraOpThreads;
    private final ProgressListener progress;
    private final String modelDescription;
    private final ModelIdentity identity;

    /** Takes a validated snapshot of the builder's options; see {@link EmbeddingExtractorBuilder#build()}. */
    EmbeddingExtractor(OnnxEncoder encoder, EmbeddingExtractorBuilder b, ModelIdentity identity) {
        this.identity = identity;
        this.encoder = encoder;
        this.device = b.device;
        this.inputs = new NetworkInputs(b.reader, b.preprocessing, b.frame, b.decodeTimeout, b.maxAbandonedDecodes);
        this.workers = b.workers;
        this.intraOpThreads = b.intraOpThreads;
        this.progress = b.progress;
        this.modelDescription = b.model.describe();
    }

    /** A builder with every option at its default; only the model is required. */
    public static EmbeddingExtractorBuilder builder() {
        return new EmbeddingExtractorBuilder();
    }

    /**
     * Embeds every image of {@code dataset} in memory. Images that fail are in {@link EmbeddingResult#failures()},
     * after the dataset's own scan problems.
     *
     * @throws MammoException only when the run cannot go on (interrupted); bad images never throw
     */
    public EmbeddingResult extract(Dataset dataset) throws MammoException {
        CollectingSink sink = new CollectingSink(dimension(), dataset.size());
        extract(dataset, sink, progress);
        return sink.toResult();
    }

    /** {@link #extract(Dataset, EmbeddingSink, ProgressListener)} with the builder's progress listener. */
    public ExtractionSummary extract(Dataset dataset, EmbeddingSink sink) throws MammoException {
        return extract(dataset, sink, progress);
    }

    /**
     * Streams the embeddings of {@code dataset} to {@code sink} with bounded memory: first the dataset's scan
     * problems (as failures), then every image in input order, embedded ({@code accept}) or failed
     * ({@code failed}, with the stage it failed at; an inference error fails each image of its batch).
     *
     * @param listener told after each batch
     * @throws MammoException with stage WRITE when the sink throws, INFER when the run is interrupted
     */
    @Override
    public ExtractionSummary extract(Dataset dataset, EmbeddingSink sink, ProgressListener listener)
            throws MammoException {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(listener, "listener");
        ensureOpen();
        return new BatchPipeline(encoder, inputs.deadline(dataset.root()), inputs.preprocessing(), inputs.frame(),
                workers)
                .run(dataset.images(), dataset.problems(), sink, listener);
    }

    /**
     * Each image's network input, as {@link #extract} makes it, without the network ({@link NetworkInputs}): decoded
     * confined to the dataset's root and under the decode deadline, on this thread. An image that fails is skipped.
     */
    @Override
    public void preprocessOnly(Dataset images, EmbeddingSink sink) throws IOException {
        ensureOpen();
        inputs.preprocessOnly(images, sink);
    }

    /**
     * The embedding of one decoded image (a new array of {@link #dimension()} values).
     *
     * @throws MammoException stage PREPROCESS or INFER
     */
    public float[] embed(DecodedImage image) throws MammoException {
        Objects.requireNonNull(image, "image");
        ensureOpen();
        float[] input = new float[encoder.imageValues()];
        inputs.preprocessing().apply(image, input, 0);
        float[] out = new float[dimension()];
        try {
            encoder.infer(List.of(input), out);
        } catch (OrtException e) {
            throw new MammoException(Stage.INFER, "inference failed: " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * The embeddings of {@code images}, in order, as an N x D float {@code INDArray} (ND4J), run in batches of
     * {@link #batchSize()}. For a whole dataset use {@link #extract(Dataset)} and
     * {@link Nd4jTensors#features(EmbeddingResult)}. The first {@code INDArray} a process asks for starts ND4J
     * (about a second of CPU), unless {@link EmbeddingExtractorBuilder#prestartNd4j()} started it at build time.
     *
     * @throws MammoException stage PREPROCESS or INFER, for the first image that fails
     */
    public INDArray embedAll(List<DecodedImage> images) throws MammoException {
        Objects.requireNonNull(images, "images");
        ensureOpen();
        int dim = dimension();
        float[] all = new float[Math.multiplyExact(images.size(), dim)];
        float[] out = new float[encoder.batchSize() * dim];
        List<float[]> batch = new ArrayList<>();
        int done = 0;
        for (int i = 0; i < images.size(); i++) {
            float[] input = new float[encoder.imageValues()];
            inputs.preprocessing().apply(Objects.requireNonNull(images.get(i), "images[" + i + "]"), input, 0);
            batch.add(input);
            if (batch.size() == encoder.batchSize() || i == images.size() - 1) {
                try {
                    encoder.infer(batch, out);
                } catch (OrtException e) {
                    throw new MammoException(Stage.INFER, "inference failed: " + e.getMessage(), e);
                }
                System.arraycopy(out, 0, all, done * dim, batch.size() * dim);
                done += batch.size();
                batch.clear();
            }
        }
        return Nd4jTensors.matrix(all, images.size(), dim);
    }

    /**
     * The embedding of frame {@code frame} (builder option) of one DICOM file.
     *
     * @throws MammoException stage READ, DECODE, PREPROCESS or INFER
     */
    public float[] embed(Path dicomFile) throws MammoException {
        Objects.requireNonNull(dicomFile, "dicomFile");
        ensureOpen();
        return embed(inputs.reader().read(dicomFile, inputs.frame()));
    }

    /** Length of one embedding (2048 for ResNet50). */
    @Override
    public int dimension() {
        return encoder.signature().dimension();
    }

    /** The validated inputs and outputs of the model. */
    public ModelSignature modelSignature() {
        return encoder.signature();
    }

    /**
     * The ONNX Runtime execution provider that runs the network ({@code CPUExecutionProvider} or
     * {@code CUDAExecutionProvider}): with {@link Device#auto()} this says what was actually picked.
     */
    @Override
    public String executionProvider() {
        return encoder.executionProvider();
    }

    /**
     * Why the network runs where it does, one sentence: e.g. "CUDA device 0 works", "the CPU was asked for", or
     * for {@link Device#auto()} on a machine without a usable GPU "CUDA is not usable (reason)".
     */
    public String placementReason() {
        return encoder.placement();
    }

    /** The device asked for. */
    public Device device() {
        return device;
    }

    @Override
    public int batchSize() {
        return encoder.batchSize();
    }

    public ImagePreprocessor preprocessing() {
        return inputs.preprocessing();
    }

    /** {@code preprocessing().describe()}. */
    @Override
    public String preprocessingSpec() {
        return inputs.preprocessingSpec();
    }

    /** The model as data (source, name, seed of a built-in network, SHA-256, input and output). */
    @Override
    public ModelIdentity modelIdentity() {
        return identity;
    }

    /** The reader images are decoded with. */
    @Override
    public ImageReader reader() {
        return inputs.reader();
    }

    /** device, executionProvider, batchSize, intraOpThreads, workers, frame, onnxRuntimeVersion: effective values. */
    @Override
    public Map<String, Object> settings() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("device", device.toString());
        m.put("executionProvider", executionProvider());
        m.put("batchSize", batchSize());
        m.put("intraOpThreads", intraOpThreads);
        m.put("workers", workers);
        m.put("frame", inputs.frame());
        m.put("onnxRuntimeVersion", ai.onnxruntime.OrtEnvironment.getEnvironment(
                ai.onnxruntime.OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL).getVersion());
        return m;
    }

    /** For run provenance: model, signature, provider and settings, one line. */
    public String describe() {
        return "model=" + modelDescription + ", signature=" + encoder.signature() + ", device=" + device
                + ", provider=" + executionProvider() + ", batchSize=" + batchSize() + ", intraOpThreads="
                + intraOpThreads + ", workers=" + workers + ", frame=" + inputs.frame() + ", preprocessing="
                + inputs.preprocessingSpec();
    }

    /** Releases the ONNX Runtime session. Idempotent. */
    @Override
    public void close() {
        encoder.close();
    }

    private void ensureOpen() {
        if (encoder.isClosed()) {
            throw new IllegalStateException("EmbeddingExtractor is closed");
        }
    }
}
