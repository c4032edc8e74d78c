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
 * <p>JSON keys (in this order): {@code libraryVersion, gitCommit, java, os, onnxRuntimeVersion,
 * executionProvider, model {path, sha256, inputName, inputShape, outputName, outputShape}, preprocessing,
 * arguments, seed, startedAt, finishedAt, counts {images, embedded, failed, scanProblems},
 * imagesPerSecond}. Times are ISO-8601 UTC strings; unknown text values are "".
 *
 * @param libraryVersion     mammo-embed version (jar manifest), "unknown" when run from classes
 * @param gitCommit          commit of the build, "" when unknown
 * @param java               Java version and vendor
 * @param os                 OS name, version, architecture
 * @param onnxRuntimeVersion ONNX Runtime version
 * @param executionProvider  e.g. "CPU" or "CUDA"
 * @param model              the network
 * @param preprocessing      the preprocessing spec string (resize, windowing, normalisation)
 * @param arguments          every argument of the run, in the order given
 * @param seed               the run's random seed
 * @param startedAt          start, ISO-8601
 * @param finishedAt         end, ISO-8601
 * @param counts             what happened to the images
 * @param imagesPerSecond    images finished per second of wall time
 */
public record RunManifest(String libraryVersion, String gitCommit, String java, String os,
                          String onnxRuntimeVersion, String executionProvider, Model model, String preprocessing,
                          Map<String, String> arguments, long seed, String startedAt, String finishedAt,
                          Counts counts, double imagesPerSecond) {

    public RunManifest {
        arguments = Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
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
     */
    public record Model(String path, String sha256, String inputName, List<Long> inputShape, String outputName,
                        List<Long> outputShape) {
        public Model {
            inputShape = List.copyOf(inputShape);
            outputShape = List.copyOf(outputShape);
        }
    }

    /**
     * @param images       images planned (found by the scan)
     * @param embedded     images embedded
     * @param failed       images that failed
     * @param scanProblems scan-stage problems (CSV rows, folders)
     */
    public record Counts(long images, long embedded, long failed, long scanProblems) {
    }

    /** A builder with the Java, OS and library version of this process filled in. */
    public static Builder builder() {
        return new Builder();
    }

    /** Writes {@code run.json} atomically. */
    public void write(Path target) throws IOException {
        JsonOutput.write(target, this);
    }

    /** Fills a {@link RunManifest}; every field has a default so a partial run can still be described. */
    public static final class Builder {
        private String libraryVersion = libraryVersionOfThisJar();
        private String gitCommit = "";
        private String java = System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")";
        private String os = System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch");
        private String onnxRuntimeVersion = "";
        private String executionProvider = "";
        private Model model = new Model("", "", "", List.of(), "", List.of());
        private String preprocessing = "";
        private final Map<String, String> arguments = new LinkedHashMap<>();
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
            double rate = seconds > 0 ? (counts.embedded() + counts.failed()) / seconds : 0.0;
            return new RunManifest(libraryVersion, gitCommit, java, os, onnxRuntimeVersion, executionProvider,
                    model, preprocessing, arguments, seed, startedAt.toString(), end.toString(), counts, rate);
        }

        private static String text(String v, String option) {
            return Objects.requireNonNull(v, option);
        }

        private static String libraryVersionOfThisJar() {
            String v = RunManifest.class.getPackage().getImplementationVersion();
            return v == null ? "unknown" : v;
        }
    }
}
