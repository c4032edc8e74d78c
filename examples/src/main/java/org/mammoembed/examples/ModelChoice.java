package org.mammoembed.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.mammoembed.embed.EmbeddingExtractorBuilder;
import org.mammoembed.embed.OnnxModels;
import org.mammoembed.io.internal.Sha256;

/**
 * The network a run uses: a user's ONNX file, or the built-in ResNet50 with random weights (for demos and
 * plumbing tests only: its embeddings carry no image meaning).
 *
 * @param label  what run.json and the log call it
 * @param sha256 SHA-256 of the model bytes
 */
record ModelChoice(Path file, byte[] bytes, String label, String sha256) {

    static ModelChoice of(Path file, long seed) throws IOException {
        if (file != null) {
            if (!Files.isRegularFile(file)) {
                throw new IOException("model file not found: " + file);
            }
            return new ModelChoice(file, null, file.toString(), Sha256.of(file));
        }
        byte[] bytes = OnnxModels.randomResNet50(seed);
        return new ModelChoice(null, bytes, "built-in ResNet50 with RANDOM weights (seed " + seed
                + "), not ImageNet: use --model with an exported network for real studies", Sha256.of(bytes));
    }

    boolean isBuiltIn() {
        return file == null;
    }

    EmbeddingExtractorBuilder applyTo(EmbeddingExtractorBuilder b) {
        return file != null ? b.model(file) : b.model(bytes);
    }
}
