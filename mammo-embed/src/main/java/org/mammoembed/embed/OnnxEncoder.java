package org.mammoembed.embed;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.TensorInfo;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ONNX Runtime session running an embedding backbone on batches of preprocessed images. Owns the session
 * (with its options, which ORT needs until the session closes), the batch tensor (an ND4J array whose off-heap
 * buffer ORT reads in place, made at the first batch after ND4J's start is over, so that the start stays off the
 * model-load path and off the first batches, which use a plain direct buffer meanwhile) and one
 * direct output buffer, reused by every batch: no per-batch tensor copies. {@link #infer} is serialised: the
 * buffers are shared.
 */
final class OnnxEncoder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OnnxEncoder.class);
    private static volatile OrtEnvironment sharedEnvironment;

    private final OrtEnvironment env;
    /** The session and its options, closed together. */
    private final SessionFactory.Placed placed;
    private final ModelSignature signature;
    private final int batchSize;
    private final long[] inputShape;
    private final long[] outputShape;
    private final int imageValues;
    private final ImagePreprocessor preprocessor;
    private INDArray batchTensor;
    private FloatBuffer input;
    private boolean nd4jRefused;
    private final FloatBuffer output;
    private boolean closed;

    /**
     * Loads, places and validates the model.
     *
     * @throws ModelException when the model cannot be read, does not fit {@code pre}, or {@code device} fails
     */
    static OnnxEncoder open(ModelSource model, Device device, int intraOpThreads, ImagePreprocessor pre,
                            int batchSize) throws ModelException {
        OrtEnvironment env = environment();
        SessionFactory.Placed placed = new SessionFactory(env, model, intraOpThreads).create(device);
        try {
            return new OnnxEncoder(env, placed, pre != null ? pre : defaultFor(placed.session()), batchSize);
        } catch (ModelException | RuntimeException e) {
            placed.close();
            throw e;
        }
    }

    /** The default recipe for this model's input channels ({@link Preprocessing#defaults(int)}). */
    private static ImagePreprocessor defaultFor(OrtSession session) {
        try {
            for (NodeInfo in : session.getInputInfo().values()) {
                if (in.getInfo() instanceof TensorInfo t && t.getShape().length == 4 && t.getShape()[1] == 1) {
                    return Preprocessing.defaults(1);
                }
            }
        } catch (OrtException e) {
            // the validator reports unreadable inputs with its own message
        }
        return Preprocessing.defaults();
    }

    private OnnxEncoder(OrtEnvironment env, SessionFactory.Placed placed, ImagePreprocessor pre, int batchSize)
            throws ModelException {
        this.env = env;
        this.preprocessor = pre;
        this.placed = placed;
        this.batchSize = batchSize;
        this.imageValues = Math.multiplyExact(pre.channels(), Math.multiplyExact(pre.height(), pre.width()));
        this.inputShape = new long[] {batchSize, pre.channels(), pre.height(), pre.width()};
        ModelSignature partial = ModelValidator.validate(placed.session(), pre, batchSize, this::probeDimension);
        this.signature = partial;
        this.outputShape = partial.outputRank() == 4
                ? new long[] {batchSize, partial.dimension(), 1, 1}
                : new long[] {batchSize, partial.dimension()};
        this.output = directFloats(Math.multiplyExact(batchSize, partial.dimension()));
    }

    /** Runs one zero image through the model to learn an output length that it declares symbolic. */
    private int probeDimension(ModelSignature partial) throws ModelException {
        long[] shape = {partial.fixedBatch() ? partial.batch() : 1, inputShape[1], inputShape[2], inputShape[3]};
        FloatBuffer zeros = directFloats(Math.multiplyExact((int) shape[0], imageValues));
        try (OnnxTensor t = OnnxTensor.createTensor(env, zeros, shape);
             OrtSession.Result r = placed.session().run(Map.of(partial.inputName(), t))) {
            long[] out = ((OnnxTensor) r.get(0)).getInfo().getShape();
            if (out.length < 2) {
                throw new ModelException("the model output '" + partial.outputName() + "' has shape "
                        + java.util.Arrays.toString(out) + ", expected [N,D]");
            }
            return (int) out[1];
        } catch (OrtException e) {
            throw new ModelException("the model does not run on a " + inputShape[2] + "x" + inputShape[3]
                    + " input: " + e.getMessage(), e);
        }
    }

    /** The recipe the inputs are made with (the default one adapted to the model when none was given). */
    ImagePreprocessor preprocessor() {
        return preprocessor;
    }

    ModelSignature signature() {
        return signature;
    }

    /** Name of the ONNX Runtime execution provider that runs the model, e.g. {@code CPUExecutionProvider}. */
    String executionProvider() {
        return placed.provider();
    }

    /** Why the session runs on its provider. */
    String placement() {
        return placed.why();
    }

    /** Values of one preprocessed image (C*H*W). */
    int imageValues() {
        return imageValues;
    }

    int batchSize() {
        return batchSize;
    }

    /**
     * Embeds up to {@link #batchSize()} preprocessed images.
     *
     * @param images CHW arrays of {@link #imageValues()} values
     * @param out    receives {@code images.size() * D} values, row-major
     */
    synchronized void infer(List<float[]> images, float[] out) throws OrtException {
        if (closed) {
            throw new IllegalStateException("EmbeddingExtractor is closed");
        }
        int n = images.size();
        if (n == 0 || n > batchSize) {
            throw new IllegalArgumentException("batch of " + n + " images, expected 1.." + batchSize);
        }
        int dim = signature.dimension();
        // A model with a fixed batch axis gets zero-padded batches; otherwise the last batch is just smaller.
        int rows = signature.fixedBatch() ? batchSize : n;
        FloatBuffer input = input();
        input.clear();
        for (float[] image : images) {
            input.put(image, 0, imageValues);
        }
        for (int i = n * imageValues; i < rows * imageValues; i++) {
            input.put(0f);
        }
        input.flip();
        output.clear().limit(rows * dim);
        long[] inShape = inputShape.clone();
        inShape[0] = rows;
        long[] outShape = outputShape.clone();
        outShape[0] = rows;
        try (OnnxTensor in = OnnxTensor.createTensor(env, input, inShape);
             OnnxTensor pinned = OnnxTensor.createTensor(env, output, outShape)) {
            // ORT writes the features straight into the pinned output buffer; the result only refers to it
            placed.session().run(Map.of(signature.inputName(), in),
                    Map.<String, OnnxValue>of(signature.outputName(), pinned)).close();
            output.rewind();
            output.get(out, 0, n * dim);
        }
        preprocessor.postProcessing().apply(out, n, dim);
    }

    /**
     * The batch's input memory: the ND4J batch tensor's own buffer (handed to ORT without a copy) once ND4J has
     * started, a plain direct buffer of the same layout before (ND4J starts only when asked: see
     * {@link EmbeddingExtractorBuilder#prestartNd4j()}), and for good where ND4J cannot start. The same values reach
     * ORT either way, so the features are the same bits.
     */
    private FloatBuffer input() {
        if (batchTensor == null && !nd4jRefused) {
            if (Nd4jTensors.hasFailed()) {
                nd4jRefused = true;
                LOG.warn("ND4J could not start; the batch tensor stays a plain direct buffer");
            } else if (Nd4jTensors.isStarted()) {
                INDArray t = null;
                try {
                    t = Nd4jTensors.batch(inputShape);
                    input = Nd4jTensors.memoryOf(t);
                    batchTensor = t;
                } catch (IllegalStateException | LinkageError e) {
                    if (t != null) {
                        t.close();
                    }
                    nd4jRefused = true;
                    LOG.warn("ND4J is unavailable ({}); the batch tensor stays a plain direct buffer", e.toString());
                }
            }
        }
        if (input == null) {
            input = directFloats(Math.multiplyExact(batchSize, imageValues));
        }
        return input;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            placed.close();
            if (batchTensor != null) {
                batchTensor.close();
                batchTensor = null;
                input = null;
            }
            Nd4jTensors.awaitStartEnded(); // closed before any batch, ND4J may still be starting
        }
    }

    synchronized boolean isClosed() {
        return closed;
    }

    private static FloatBuffer directFloats(int count) {
        return ByteBuffer.allocateDirect(Math.multiplyExact(count, Float.BYTES)).order(ByteOrder.nativeOrder())
                .asFloatBuffer();
    }

    /** Loads ONNX Runtime's native libraries now (see {@link Nd4jTensors#warmUp()} for why). */
    static void loadNatives() throws ModelException {
        environment();
    }

    /**
     * The process-wide ORT environment, with telemetry off and ORT's own logger at FATAL: library code never
     * prints, and ORT would otherwise write to stderr (e.g. when the CUDA provider library cannot load, which
     * {@code Device.auto()} handles). Every ORT error still reaches us as an OrtException that we report (per
     * image, or in a ModelException) and log through SLF4J. Other code that wants the same environment without
     * ORT's "logging level changed" warning asks for {@code getEnvironment(ORT_LOGGING_LEVEL_FATAL)} too.
     */
    private static OrtEnvironment environment() throws ModelException {
        OrtEnvironment env = sharedEnvironment;
        if (env != null) {
            return env;
        }
        synchronized (OnnxEncoder.class) {
            if (sharedEnvironment == null) {
                OrtNativeCache.apply();
                try {
                    OrtEnvironment e = OrtEnvironment.getEnvironment(ai.onnxruntime.OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL);
                    e.setTelemetry(false);
                    sharedEnvironment = e;
                } catch (OrtException e) {
                    throw new ModelException("ONNX Runtime cannot start on this machine: " + e.getMessage(), e);
                } catch (LinkageError e) {
                    throw new ModelException(NativeLibraryProbe.explain(e), e);
                }
            }
            return sharedEnvironment;
        }
    }
}
