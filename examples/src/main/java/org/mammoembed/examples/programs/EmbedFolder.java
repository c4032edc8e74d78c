package org.mammoembed.examples.programs;

import java.nio.file.Path;
import org.mammoembed.core.Dataset;
import org.mammoembed.core.EmbeddingResult;
import org.mammoembed.core.Failure;
import org.mammoembed.core.MammoException;
import org.mammoembed.embed.EmbeddingExtractor;
import org.mammoembed.embed.EmbeddingExtractorBuilder;
import org.mammoembed.embed.OnnxModels;

/**
 * The smallest use of the library: embed every DICOM file under one folder and print the shape of the result.
 * No labels are needed ({@link Dataset#fromFolder}: each first-level subfolder is an exam).
 *
 * <pre>
 * java -cp "examples/target/mammography.jar:examples/target/lib/*" \
 *     org.mammoembed.examples.programs.EmbedFolder FOLDER [MODEL.onnx]
 * </pre>
 * Without a model file it uses the built-in ResNet50 with random weights (plumbing only, not meaningful).
 */
public final class EmbedFolder {
    private EmbedFolder() {
    }

    public static void main(String[] args) throws MammoException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: EmbedFolder FOLDER [MODEL.onnx]");
            System.exit(2);
        }
        EmbeddingResult r = embed(Path.of(args[0]), args.length == 2 ? Path.of(args[1]) : null);
        System.out.println("features: " + r.size() + " x " + r.dimension());
        for (Failure f : r.failures()) {
            System.out.println("failed: " + f.relativePath() + ": " + f.message());
        }
    }

    /** Embeds the folder's images in memory; {@code model} null means the built-in random-weight ResNet50. */
    public static EmbeddingResult embed(Path folder, Path model) throws MammoException {
        Dataset dataset = Dataset.fromFolder(folder);
        EmbeddingExtractorBuilder b = EmbeddingExtractor.builder();
        b = model != null ? b.model(model) : b.model(OnnxModels.randomResNet50(42));
        // the extractor owns a native ONNX Runtime session: always close it
        try (EmbeddingExtractor extractor = b.build()) {
            return extractor.extract(dataset);
        }
    }
}
