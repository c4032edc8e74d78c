package org.mammoembed.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.mammoembed.embed.EmbeddingExtractorBuilder;

/**
 * The network a run uses: a user's ONNX file, or the built-in ResNet50 with random weights (for demos and
 * plumbing tests only: its embeddings carry no image meaning).
 *
 * @param file  the model file, or null for the built-in network
 * @param seed  the built-in network's weight seed
 * @param label what the console calls it
 */
record ModelChoice(Path file, long seed, String label) {

    static ModelChoice of(Path file, long seed) throws IOException {
        if (file != null) {
            if (!Files.isRegularFile(file)) {
                throw new IOException("model file not found: " + file);
            }
            return new ModelChoice(file, seed, file.toString());
        }
        return new ModelChoice(null, seed, "built-in ResNet50 with RANDOM weights (seed " + seed
                + "), not ImageNet: use --model with an exported network for real studies");
    }

    boolean isBuiltIn() {
        return file == null;
    }

    EmbeddingExtractorBuilder applyTo(EmbeddingExtractorBuilder b) {
        return file != null ? b.model(file) : b.builtInResNet50(seed);
    }
}
