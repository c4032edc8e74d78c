package org.mammoembed.core;

import java.util.List;
import java.util.Objects;

/**
 * The network that produced a run's embeddings, as data (written to {@code run.json}, part of the cache and
 * checkpoint keys through its SHA-256).
 *
 * @param source      {@code "file"}, {@code "built-in"} or {@code "bytes"} (a model handed over in memory)
 * @param name        the file path as given, the built-in model's name (e.g. {@code resnet50}), or ""
 * @param weights     {@code "random"} for the built-in random-weight networks, {@code "file"} otherwise
 * @param seed        the weight seed of a built-in network, {@code null} otherwise
 * @param sha256      SHA-256 of the serialised model, lower-case hex
 * @param inputName   graph input name
 * @param inputShape  graph input shape, -1 for dynamic axes
 * @param outputName  graph output used as the embedding
 * @param outputShape its shape, -1 for dynamic axes
 */
public record ModelIdentity(String source, String name, String weights, Long seed, String sha256, String inputName,
                            List<Long> inputShape, String outputName, List<Long> outputShape) {
    public ModelIdentity {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(inputName, "inputName");
        Objects.requireNonNull(outputName, "outputName");
        inputShape = List.copyOf(inputShape);
        outputShape = List.copyOf(outputShape);
    }

    /** True for a built-in network with random weights: fine for plumbing, meaningless for science. */
    public boolean randomWeights() {
        return "random".equals(weights);
    }

    /** One line for logs: the name, source and weights, never a long sentence. */
    public String label() {
        return (name.isEmpty() ? source : name) + " (" + source + (randomWeights() ? ", RANDOM weights, seed "
                + seed : "") + ", sha256 " + sha256.substring(0, Math.min(12, sha256.length())) + ")";
    }
}
