package org.mammoembed.embed;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates ORT sessions with the project's settings (all graph optimisations, memory pattern and CPU arena on,
 * the requested intra-op threads, one inter-op thread) on the requested {@link Device}. CUDA is really tried:
 * {@code OrtEnvironment.getAvailableProviders()} only says what was compiled in, not whether the driver,
 * CUDA and cuDNN libraries load.
 */
final class SessionFactory {
    private static final Logger LOG = LoggerFactory.getLogger(SessionFactory.class);
    /** {@link Device#auto()} explains once per JVM why it runs on the CPU, then stays quiet. */
    private static final AtomicBoolean AUTO_FALLBACK_LOGGED = new AtomicBoolean();

    static final String CUDA_FIX = "the CUDA execution provider needs the onnxruntime_gpu jar (build with -Pcuda), "
            + "an NVIDIA driver, CUDA 12 and cuDNN 9 on the library path (ONNX Runtime 1.23); "
            + "use Device.cpu() or Device.auto() to run without a GPU";

    /**
     * A session, the options it was created with and the provider it runs on. ONNX Runtime requires the options
     * to outlive the session (the CUDA provider keeps pointers into them), so they are owned together and
     * closed together: the session first, then its options.
     */
    record Placed(OrtSession session, SessionOptions options, String provider, String why) implements AutoCloseable {
        @Override
        public void close() {
            try {
                session.close();
            } catch (OrtException e) {
                LOG.warn("closing the ONNX Runtime session failed: {}", e.getMessage());
            } finally {
                options.close();
            }
        }
    }

    private final OrtEnvironment env;
    private final ModelSource model;
    private final int intraOpThreads;

    SessionFactory(OrtEnvironment env, ModelSource model, int intraOpThreads) {
        this.env = env;
        this.model = model;
        this.intraOpThreads = intraOpThreads;
    }

    Placed create(Device device) throws ModelException {
        model.check();
        switch (device.kind()) {
            case CPU:
                return onCpu("the CPU was asked for");
            case CUDA:
                try {
                    return onCuda(device.deviceId(), true);
                } catch (CudaUnavailable e) {
                    throw new ModelException("cannot use CUDA device " + device.deviceId() + ": " + e.getMessage()
                            + ". Fix: " + CUDA_FIX, e.getCause());
                }
            case AUTO:
                try {
                    // no model probe: the CPU fallback below loads the model anyway and says if it is bad
                    return onCuda(0, false);
                } catch (CudaUnavailable e) {
                    if (AUTO_FALLBACK_LOGGED.compareAndSet(false, true)) {
                        LOG.info("device auto: CUDA is not usable ({}); running on the CPU", e.getMessage());
                    } else {
                        LOG.debug("device auto: CUDA is not usable ({}); running on the CPU", e.getMessage());
                    }
                    return onCpu("CUDA is not usable (" + e.getMessage() + ")");
                }
            default:
                throw new AssertionError(device);
        }
    }

    /** @param why the reason the CPU runs the model, a sentence for the user */
    private Placed onCpu(String why) throws ModelException {
        SessionOptions opts = baseOptions();
        try {
            return new Placed(open(opts), opts, OrtProvider.CPU.getName(), why);
        } catch (OrtException e) {
            opts.close();
            throw new ModelException("cannot load the model " + model.describe() + ": " + e.getMessage(), e);
        }
    }

    private void checkLoadsOnCpu() throws ModelException {
        onCpu("probe").close();
    }

    /** CUDA failures of any kind (provider missing from the jar, libraries not loading, no device). */
    private static final class CudaUnavailable extends Exception {
        private static final long serialVersionUID = 1L;

        CudaUnavailable(Throwable cause) {
            super(reason(cause), cause);
        }

        private static String reason(Throwable t) {
            String m = t.getMessage();
            return t.getClass().getSimpleName() + (m == null ? "" : ": " + m.strip());
        }
    }

    /**
     * @param probeModel on failure, load the model on the CPU to report a bad model as such rather than as a
     *                   CUDA problem
     */
    private Placed onCuda(int deviceId, boolean probeModel) throws CudaUnavailable, ModelException {
        SessionOptions opts = baseOptions();
        try {
            opts.addCUDA(deviceId);
        } catch (OrtException | RuntimeException | LinkageError e) {
            opts.close();
            throw new CudaUnavailable(e);
        }
        try {
            return new Placed(open(opts), opts, OrtProvider.CUDA.getName(), "CUDA device " + deviceId + " works");
        } catch (OrtException | RuntimeException | LinkageError e) {
            opts.close();
            if (probeModel) {
                checkLoadsOnCpu();
            }
            throw new CudaUnavailable(e);
        }
    }

    /** The options every session gets; the caller owns (and closes) them. */
    private SessionOptions baseOptions() throws ModelException {
        SessionOptions opts = new SessionOptions();
        try {
            opts.setOptimizationLevel(SessionOptions.OptLevel.ALL_OPT);
            opts.setExecutionMode(SessionOptions.ExecutionMode.SEQUENTIAL);
            opts.setIntraOpNumThreads(intraOpThreads);
            opts.setInterOpNumThreads(1);
            opts.setMemoryPatternOptimization(true);
            opts.setCPUArenaAllocator(true);
            // the library never prints: ORT's errors reach us as OrtExceptions, reported and logged via SLF4J
            opts.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL);
            return opts;
        } catch (OrtException e) {
            opts.close();
            throw new ModelException("cannot configure ONNX Runtime: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            opts.close();
            throw e;
        }
    }

    private OrtSession open(SessionOptions opts) throws OrtException {
        if (model instanceof ModelSource.FromFile f) {
            return env.createSession(f.file.toString(), opts);
        }
        return env.createSession(((ModelSource.FromBytes) model).bytes, opts);
    }
}
