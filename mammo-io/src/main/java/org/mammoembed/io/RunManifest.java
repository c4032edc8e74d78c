package org.mammoembed.io;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Provenance of one run, written as {@code run.json}: what produced the outputs and how, so a result can be
 * traced and reproduced. Holds no patient identifiers; image paths never appear (only counts).
 *
 * <p>JSON keys (in this order): {@code libraryVersion, gitCommit, java, os, cpu, onnxRuntimeVersion,
 * executionProvider, model {path, sha256, inputName, inputShape, outputName, outputShape, source, name, weights,
 * seed}, preprocessing, arguments, options, seed, startedAt, finishedAt, counts {images, embedded, failed,
 * scanProblems, computed, reusedFromCheckpoint, reusedFromCache}, imagesPerSecond}. Times are ISO-8601 UTC strings; unknown text values are "".
 *
 * @param libraryVersion     mammo-embed version ({@link BuildInfo#version()}), "unknown" when not built by Maven
 * @param gitCommit          commit of the build, "" when unknown
 * @param java               Java version and vendor
 * @param os                 OS name, version, architecture
 * @param cpu                the processor that computed the features ({@link HostCpu#describe()}; on Spark, the
 *                           driver's): ONNX Runtime's CPU kernels depend on its instruction set
 * @param onnxRuntimeVersion ONNX Runtime version
 * @param executionProvider  e.g. "CPU" or "CUDA"
 * @param model              the network
 * @param preprocessing      the preprocessing spec string (resize, windowing, normalisation)
 * @param arguments          every argument of the run as the user typed it, in the order given
 * @param options            the effective value of every option, typed, defaults included
 * @param seed               the run's random seed
 * @param startedAt          start, ISO-8601
 * @param finishedAt         end, ISO-8601
 * @param counts             what happened to the images
 * @param imagesPerSecond    images finished in this run (computed or failed, not reused) per second of the
 *                           embedding stage's wall time: the one definition the console uses too
 */
public record RunManifest(String libraryVersion, String gitCommit, String java, String os, String cpu,
                          String onnxRuntimeVersion, String executionProvider, Model model, String preprocessing,
                          Map<String, String> arguments, Map<String, Object> options, long seed, String startedAt, String finishedAt,
                          Counts counts, double imagesPerSecond) {

    public RunManifest {
        arguments = Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /**
     * The network.
     *
     * @param path        model file as given by the user (or the built-in model's name)
     * @param sha256      SHA-256 of the model file
     * @param inputName   graph input name
     * @param inputShape  graph input shape (-1 for dynamic axes)
     * @param outputName  graph output used as the embedding
     * @param outputShape its shape
     * @param source      "file", "built-in" or "bytes"
     * @param name        the built-in model's name (e.g. "resnet50"), the file as given, or ""
     * @param weights     "random" for a built-in random-weight network, "file" otherwise
     * @param weightSeed  the weight seed of a built-in network, null otherwise
     */
    public record Model(String path, String sha256, String inputName, List<Long> inputShape, String outputName,
                        List<Long> outputShape, String source, String name, String weights, Long weightSeed) {
        public Model {
            inputShape = List.copyOf(inputShape);
            outputShape = List.copyOf(outputShape);
        }

        /** A model file: source "file", weights "file". */
        public Model(String path, String sha256, String inputName, List<Long> inputShape, String outputName,
                     List<Long> outputShape) {
            this(path, sha256, inputName, inputShape, outputName, outputShape, "file", path, "file", null);
        }
    }

    /**
     * @param images       images planned (found by the scan)
     * @param embedded     images embedded
     * @param failed       images that failed
     * @param scanProblems scan-stage problems (CSV rows, folders)
     * @param computed     images embedded or failed by this run (not reused)
     * @param reusedFromCheckpoint images taken from the checkpoint of an interrupted run
     * @param reusedFromCache      images served by the embedding cache
     */
    public record Counts(long images, long embedded, long failed, long scanProblems, long computed,
                         long reusedFromCheckpoint, long reusedFromCache) {
        /** Counts of a run that reused nothing: computed = embedded + failed. */
        public Counts(long images, long embedded, long failed, long scanProblems) {
            this(images, embedded, failed, scanProblems, embedded + failed, 0, 0);
        }
    }

    /** A builder with the Java, OS, processor and library version of this process filled in. */
    public static Builder builder() {
        return new Builder();
    }

    /** Writes {@code run.json} atomically. */
    public void write(Path target) throws IOException {
        JsonOutput.write(target, this);
    }

    /** Fills a {@link RunManifest}; every field has a default so a partial run can still be described. */
    public static final class Builder {
        private String libraryVersion = BuildInfo.version();
        private String gitCommit = BuildInfo.UNKNOWN.equals(BuildInfo.commit()) ? "" : BuildInfo.commit();
        private String java = System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")";
        private String os = System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch");
        private String cpu = HostCpu.describe();
        private String onnxRuntimeVersion = "";
        private String executionProvider = "";
        private Model model = new Model("", "", "", List.of(), "", List.of());
        private String preprocessing = "";
        private final Map<String, String> arguments = new LinkedHashMap<>();
        private final Map<String, Object> options = new LinkedHashMap<>();
        private Double imagesPerSecond;
        private long seed = 42;
        private Instant startedAt = Instant.now();
        private Instant finishedAt;
        private Counts counts = new Counts(0, 0, 0, 0);

        private Builder() {
        }

        /** Default: the jar manifest's Implementation-Version, or "unknown". */
        public Builder libraryVersion(String v) {
            this.libraryVersion = text(v, "libraryVersion");
            return this;
        }

        /** Default "" (unknown). */
        public Builder gitCommit(String v) {
            this.gitCommit = text(v, "gitCommit");
            return this;
        }

        /** Default: this process's processor ({@link HostCpu#describe()}); "" for unknown. */
        public Builder cpu(String v) {
            this.cpu = text(v, "cpu");
            return this;
        }

        /** Default "" (unknown). */
        public Builder onnxRuntimeVersion(String v) {
            this.onnxRuntimeVersion = text(v, "onnxRuntimeVersion");
            return this;
        }

        /** Default "" (unknown), e.g. "CPU", "CUDA". */
        public Builder executionProvider(String v) {
            this.executionProvider = text(v, "executionProvider");
            return this;
        }

        /** Default: all fields empty. */
        public Builder model(Model v) {
            this.model = Objects.requireNonNull(v, "model");
            return this;
        }

        /** Default "". */
        public Builder preprocessing(String v) {
            this.preprocessing = text(v, "preprocessing");
            return this;
        }

        /** Adds one argument (name without dashes, value as given); later calls with a name replace it. */
        public Builder argument(String name, String value) {
            arguments.put(text(name, "argument name"), text(value, "argument value"));
            return this;
        }

        /** Adds the effective value of one option (typed: number, boolean, string, list, map, or null). */
        public Builder option(String name, Object value) {
            options.put(text(name, "option name"), value);
            return this;
        }

        /** Default: (embedded + failed) / (finishedAt - startedAt); a study passes its own definition. */
        public Builder imagesPerSecond(double v) {
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("imagesPerSecond must be finite and >= 0, got " + v);
            }
            this.imagesPerSecond = v;
            return this;
        }

        /** Default 42. */
        public Builder seed(long v) {
            this.seed = v;
            return this;
        }

        /** Default: when the builder was created. */
        public Builder startedAt(Instant v) {
            this.startedAt = Objects.requireNonNull(v, "startedAt");
            return this;
        }

        /** Default: when {@link #build()} is called. Must not precede startedAt. */
        public Builder finishedAt(Instant v) {
            this.finishedAt = Objects.requireNonNull(v, "finishedAt");
            return this;
        }

        /** Default all zero. */
        public Builder counts(Counts v) {
            this.counts = Objects.requireNonNull(v, "counts");
            return this;
        }

        /** The manifest; throughput is (embedded + failed) / (finishedAt - startedAt). */
        public RunManifest build() {
            Instant end = finishedAt == null ? Instant.now() : finishedAt;
            if (end.isBefore(startedAt)) {
                throw new IllegalArgumentException("finishedAt must not precede startedAt, got " + end + " < "
                        + startedAt);
            }
            double seconds = (end.toEpochMilli() - startedAt.toEpochMilli()) / 1000.0;
            double rate = imagesPerSecond != null ? imagesPerSecond
                    : seconds > 0 ? (counts.embedded() + counts.failed()) / seconds : 0.0;
            return new RunManifest(libraryVersion, gitCommit, java, os, cpu, onnxRuntimeVersion, executionProvider,
                    model, preprocessing, arguments, options, seed, startedAt.toString(), end.toString(), counts, rate);
        }

        private static String text(String v, String option) {
            return Objects.requireNonNull(v, option);
        }
    }
}
