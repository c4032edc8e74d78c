package org.mammoembed.embed;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.mammoembed.core.ImageReader;
import org.mammoembed.core.ProgressListener;
import org.mammoembed.core.ImageReaders;

/**
 * Options of an {@link EmbeddingExtractor}, from {@link EmbeddingExtractor#builder()}. Each setter checks its
 * value at once and throws {@link IllegalArgumentException} naming the option and the bad value (or
 * {@link NullPointerException} naming the option); {@link #build()} loads and checks the model. Not thread-safe;
 * one builder may build several independent extractors.
 */
public final class EmbeddingExtractorBuilder {
    /** Largest accepted {@link #batchSize(int)}. */
    public static final int MAX_BATCH_SIZE = 1024;
    /** Largest accepted thread count for {@link #workers(int)} and {@link #intraOpThreads(int)}. */
    public static final int MAX_THREADS = 256;
    /** Default {@link #decodeTimeout(Duration)}. */
    public static final Duration DEFAULT_DECODE_TIMEOUT = Duration.ofSeconds(120);

    ModelSource model;
    Device device = Device.cpu();
    int batchSize = 32;
    ImagePreprocessor preprocessing;
    ImageReader reader;
    int workers = defaultWorkers();
    int intraOpThreads = defaultIntraOpThreads();
    int frame;
    Duration decodeTimeout = DEFAULT_DECODE_TIMEOUT;
    int maxAbandonedDecodes = 4;
    ProgressListener progress = ProgressListener.NONE;
    boolean prestartNd4j;

    EmbeddingExtractorBuilder() {
    }

    /**
     * The default of {@link #workers(int)} on this machine: half the available processors, at least 2 and at
     * most 8. Programs that expose a workers option (the CLI) use this as their default too.
     */
    public static int defaultWorkers() {
        return ThreadPolicy.defaultWorkers(Runtime.getRuntime().availableProcessors());
    }

    /** The default of {@link #intraOpThreads(int)} on this machine: the available processors. */
    public static int defaultIntraOpThreads() {
        return ThreadPolicy.defaultIntraOpThreads(Runtime.getRuntime().availableProcessors());
    }

    /**
     * The ONNX model file. Required (this or {@link #model(byte[])}; the last call wins). It must have one float
     * NCHW input of 3 channels (or 1: see {@link #preprocessing}) and one output {@code [N,D]} or {@code [N,D,1,1]}, not a 1000-class head.
     */
    public EmbeddingExtractorBuilder model(Path onnxFile) {
        this.model = ModelSource.of(Objects.requireNonNull(onnxFile, "model"));
        return this;
    }

    /** The ONNX model as bytes (copied), e.g. {@code OnnxModels.randomResNet50(42)}. Required, as above. */
    public EmbeddingExtractorBuilder model(byte[] onnxBytes) {
        Objects.requireNonNull(onnxBytes, "model");
        if (onnxBytes.length == 0) {
            throw new IllegalArgumentException("model must not be empty, got 0 bytes");
        }
        this.model = ModelSource.of(onnxBytes);
        return this;
    }

    /**
     * The built-in ResNet50 backbone with <b>random</b> weights from {@code seed} ({@link OnnxModels#randomResNet50});
     * unlike {@code model(OnnxModels.randomResNet50(seed))}, the extractor's {@link EmbeddingExtractor#modelIdentity()}
     * then names it as data (source built-in, name resnet50, weights random, the seed), and no warning is logged
     * here: {@code ModelIdentity.randomWeights()} says it, and a study writes it once to run.log. Required, as above.
     */
    public EmbeddingExtractorBuilder builtInResNet50(long seed) {
        this.model = ModelSource.builtIn("resnet50", seed, OnnxModels.randomResNet50Unannounced(seed));
        return this;
    }

    /** Where the network runs. Default {@link Device#cpu()}. */
    public EmbeddingExtractorBuilder device(Device device) {
        this.device = Objects.requireNonNull(device, "device");
        return this;
    }

    /**
     * Images per inference batch, 1 to {@value #MAX_BATCH_SIZE}. Default 32. The first batches of a run are
     * smaller, 1, 2, 4, ... up to this size, so that the network starts on the first decoded image (a model with a
     * fixed batch axis runs full padded batches from the start); on the CPU the features do not depend on the batch
     * an image ran in, bit for bit.
     */
    public EmbeddingExtractorBuilder batchSize(int batchSize) {
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            throw new IllegalArgumentException("batchSize must be between 1 and " + MAX_BATCH_SIZE + ", got "
                    + batchSize);
        }
        this.batchSize = batchSize;
        return this;
    }

    /**
     * How a decoded image becomes a network input. Default {@link Preprocessing#defaults(int)} for the model's input
     * channels: {@link Preprocessing#defaults()}, or for a model whose input has 1 channel its grey form (grey plane
     * normalised once, mean {@value Preprocessing#GREY_MEAN}, std {@value Preprocessing#GREY_STD}).
     */
    public EmbeddingExtractorBuilder preprocessing(ImagePreprocessor preprocessing) {
        this.preprocessing = Objects.requireNonNull(preprocessing, "preprocessing");
        return this;
    }

    /**
     * Reads and decodes the images. Default {@link org.mammoembed.core.ImageReaders#defaultReader()} (DICOM). Must
     * be thread-safe.
     */
    public EmbeddingExtractorBuilder reader(ImageReader reader) {
        this.reader = Objects.requireNonNull(reader, "reader");
        return this;
    }

    /**
     * Threads that read, decode and preprocess images while the network runs, 1 to {@value #MAX_THREADS}.
     * Default ({@link #defaultWorkers()}): half the available processors, at least 2 and at most 8.
     *
     * <p>Thread policy (with {@link #intraOpThreads(int)}): decoding and preprocessing a detector-size image
     * costs about as much CPU as the network's inference on it, so the workers get half the cores; inference
     * runs in bursts, one batch at a time, and may use every core while it runs. Two workers at least, because
     * one leaves the CPU idle while it waits on file I/O (on 2 cores, 2 workers gave 1.12x to 1.46x the
     * images/s of 1). Each worker holds one image in memory, hence the cap of 8 by default.
     */
    public EmbeddingExtractorBuilder workers(int workers) {
        if (workers < 1 || workers > MAX_THREADS) {
            throw new IllegalArgumentException("workers must be between 1 and " + MAX_THREADS + ", got " + workers);
        }
        this.workers = workers;
        return this;
    }

    /**
     * ONNX Runtime intra-op threads (the threads one convolution uses), 1 to {@value #MAX_THREADS}.
     * Default ({@link #defaultIntraOpThreads()}): the available processors; see {@link #workers(int)} for the
     * policy.
     */
    public EmbeddingExtractorBuilder intraOpThreads(int intraOpThreads) {
        if (intraOpThreads < 1 || intraOpThreads > MAX_THREADS) {
            throw new IllegalArgumentException("intraOpThreads must be between 1 and " + MAX_THREADS + ", got "
                    + intraOpThreads);
        }
        this.intraOpThreads = intraOpThreads;
        return this;
    }

    /** Which frame (0-based) of multi-frame files to embed, {@code >= 0}. Default 0. */
    public EmbeddingExtractorBuilder frame(int frame) {
        if (frame < 0) {
            throw new IllegalArgumentException("frame must be >= 0, got " + frame);
        }
        this.frame = frame;
        return this;
    }

    /**
     * How long reading and decoding one image may take before the image is failed ("decode exceeded N s",
     * stage DECODE) and the run goes on; between 1 ms and 1 day. Default 120 s: a detector-sized JPEG 2000
     * mammogram decodes in a few seconds, so this only catches decoders that never return. The abandoned decode
     * cannot be stopped (codecs ignore interruption): it runs on, on a daemon thread, holding one core and at
     * most one image's memory, and is counted in {@link ExtractionSummary#abandonedDecodes()}.
     */
    public EmbeddingExtractorBuilder decodeTimeout(Duration decodeTimeout) {
        Objects.requireNonNull(decodeTimeout, "decodeTimeout");
        if (decodeTimeout.compareTo(Duration.ofMillis(1)) < 0 || decodeTimeout.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("decodeTimeout must be between 1 ms and 1 day, got " + decodeTimeout);
        }
        this.decodeTimeout = decodeTimeout;
        return this;
    }

    /**
     * How many abandoned decodes ({@link #decodeTimeout(Duration)}) may still be running at once before the run
     * stops with a {@code MammoException} instead of starting more images, 1 to {@value #MAX_THREADS}: this bounds
     * the cores and memory that runaway decoders can take. Default 4.
     */
    public EmbeddingExtractorBuilder maxAbandonedDecodes(int maxAbandonedDecodes) {
        if (maxAbandonedDecodes < 1 || maxAbandonedDecodes > MAX_THREADS) {
            throw new IllegalArgumentException("maxAbandonedDecodes must be between 1 and " + MAX_THREADS + ", got "
                    + maxAbandonedDecodes);
        }
        this.maxAbandonedDecodes = maxAbandonedDecodes;
        return this;
    }

    /** Told after each batch of {@code extract} calls that do not pass their own. Default: none. */
    public EmbeddingExtractorBuilder progressListener(ProgressListener listener) {
        this.progress = Objects.requireNonNull(listener, "progressListener");
        return this;
    }

    /**
     * Starts ND4J on a background thread at {@link #build()}, beside the model load, for callers that will ask for
     * {@code INDArray} results ({@link EmbeddingExtractor#embedAll}, {@link Nd4jTensors#features}); once it is up,
     * batch inputs go through its tensor (no copy either way). Default: not started; it starts the first time an
     * {@code INDArray} is asked for, on the asking thread. Why not always: ND4J's start took 0.9 s of CPU, and a
     * one-image {@code embed} 0.35 s longer, on 2 cores (README, Benchmarks), while embeddings written to files
     * never need it.
     */
    public EmbeddingExtractorBuilder prestartNd4j() {
        this.prestartNd4j = true;
        return this;
    }

    private static ImageReader defaultReader() {
        try {
            return ImageReaders.defaultReader();
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("no reader given and " + e.getMessage()
                    + ": add mammo-dicom to the class path or call reader(...)", e);
        }
    }

    /**
     * The decoding and preprocessing of these settings without a model: each image's network input as the
     * extractor that {@link #build()} makes would make it, for work that needs only the inputs (a report's
     * thumbnails made after the run, {@code StudyAnalysis.thumbnails}). No network is loaded: on the demo's 80 images,
     * {@code analyze --report --dicom-root} took 1.7 s with these inputs, 4.7 s with a built extractor (README,
     * Benchmarks). Uses {@link #reader}, {@link #preprocessing} (default {@link Preprocessing#defaults()}: without a
     * model there is no 1-channel input to adapt it to), {@link #frame}, {@link #decodeTimeout} and
     * {@link #maxAbandonedDecodes}; the model, device, batch size, thread, ND4J and progress options are not used.
     */
    public NetworkInputs buildInputs() {
        return new NetworkInputs(reader != null ? reader : defaultReader(),
                preprocessing != null ? preprocessing : Preprocessing.defaults(), frame, decodeTimeout,
                maxAbandonedDecodes);
    }

    /**
     * Loads the model on the device and checks that it fits the preprocessing.
     *
     * @throws IllegalStateException when no model was given
     * @throws ModelException        when the model cannot be loaded, is not an image embedding backbone that fits
     *                               the preprocessing (a 1000-class head, wrong rank, channels or input size),
     *                               or the device cannot run it ({@link Device#cuda(int)} says why and how to fix)
     */
    public EmbeddingExtractor build() throws ModelException {
        if (model == null) {
            throw new IllegalStateException("model is required: call model(Path) or model(byte[])");
        }
        EmbeddingExtractorBuilder s = new EmbeddingExtractorBuilder();
        s.model = model;
        s.device = device;
        s.batchSize = batchSize;
        // ND4J may start now (prestartNd4j, beside the model load and the first decodes) or later, whenever an
        // INDArray is asked for. Either way the other native libraries a run needs are loaded first, on this thread:
        // JavaCPP's loader, as ND4J starts, deadlocks against a library being loaded by another thread at the same
        // moment (a hung run, caught with gdb: glibc's two loader locks taken in opposite orders by
        // dl_iterate_phdr + dlclose and by dlopen)
        OnnxEncoder.loadNatives();
        CpuClock.loadNatives();
        // libawt, which the ImageIO codecs' first BufferedImage would load in a worker (JPEG baseline, JJ2000, PNG)
        java.awt.image.ColorModel.getRGBdefault();
        if (prestartNd4j) {
            Nd4jTensors.warmUp();
        }
        s.preprocessing = preprocessing;
        s.reader = reader != null ? reader : defaultReader();
        s.workers = workers;
        s.intraOpThreads = intraOpThreads;
        s.frame = frame;
        s.decodeTimeout = decodeTimeout;
        s.maxAbandonedDecodes = maxAbandonedDecodes;
        s.progress = progress;
        if (s.preprocessing == null || s.preprocessing instanceof Preprocessing) {
            // the JIT compiles the per-pixel loops while the model loads (the default recipe runs the same loops).
            // It starts at once, beside ND4J's native start where there is one: it runs the pure-Java loops that the
            // decode workers run beside that start anyway (native loads go through NativeLoads), and waiting for
            // ND4J, which outlasts the model load on 2 cores, left the first images to cold code (measured: the
            // first batch 0.15 s later)
            Preprocessing recipe = s.preprocessing == null ? Preprocessing.defaults() : (Preprocessing) s.preprocessing;
            PreprocessingWarmUp.start(recipe);
        }
        ModelDigest digest = ModelDigest.start(s.model);
        OnnxEncoder encoder;
        try {
            encoder = OnnxEncoder.open(s.model, s.device, s.intraOpThreads, s.preprocessing, s.batchSize);
        } catch (ModelException | RuntimeException | Error e) {
            digest.cancel();
            Nd4jTensors.awaitStartEnded(); // the caller may exit on this error
            throw e;
        }
        s.preprocessing = encoder.preprocessor();
        try {
            return new EmbeddingExtractor(encoder, s, s.model.identity(encoder.signature(), digest.await()));
        } catch (ModelException | RuntimeException | Error e) {
            encoder.close();
            throw e;
        }
    }
}
