package org.mammoembed.examples;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtLoggingLevel;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.mammoembed.core.Dataset;
import org.mammoembed.embed.EmbeddingExtractor;
import org.mammoembed.embed.ExtractionSummary;
import org.mammoembed.embed.ModelSignature;
import org.mammoembed.io.RunManifest;

/** Fills and writes {@code run.json}: what produced the outputs, with which settings, on what, how fast. */
final class Provenance {
    private Provenance() {
    }

    static void write(Path target, EmbedOptions o, ModelChoice model, EmbeddingExtractor extractor,
                      ExtractionSummary summary, Dataset dataset, int embedded, int failed, Instant started)
            throws IOException {
        ModelSignature sig = extractor.modelSignature();
        RunManifest.Builder b = RunManifest.builder()
                .libraryVersion(libraryVersion())
                .gitCommit(VersionInfo.gitCommit().equals("unknown") ? "" : VersionInfo.gitCommit())
                .onnxRuntimeVersion(OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL).getVersion())
                .executionProvider(summary.executionProvider())
                .model(new RunManifest.Model(model.label(), model.sha256(), sig.inputName(),
                        List.of(sig.batch(), sig.channels(), sig.height(), sig.width()), sig.outputName(),
                        List.of(-1L, (long) sig.dimension())))
                .preprocessing(extractor.preprocessing().describe())
                .seed(o.seed())
                .startedAt(started)
                .finishedAt(Instant.now())
                .counts(new RunManifest.Counts(dataset.size(), embedded, failed,
                        dataset.problems().size()));
        for (Map.Entry<String, Object> e : o.arguments().entrySet()) {
            b.argument(e.getKey(), String.valueOf(e.getValue()));
        }
        b.build().write(target);
    }

    static String libraryVersion() {
        return VersionInfo.libraryVersion();
    }
}
