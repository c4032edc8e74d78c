package org.mammoembed.io.study;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mammoembed.core.Dataset;
import org.mammoembed.core.ModelIdentity;
import org.mammoembed.io.RunManifest;

/** Fills and writes {@code run.json}: what produced the outputs, with which effective options, how fast. */
final class StudyProvenance {
    private StudyProvenance() {
    }

    static void write(Path target, EmbeddingStudy s, Dataset dataset, StudyResult r, String executionProvider,
                      Instant started) throws IOException {
        ModelIdentity m = s.embedder.modelIdentity();
        Map<String, Object> settings = s.embedder.settings();
        RunManifest.Builder b = RunManifest.builder()
                .onnxRuntimeVersion(String.valueOf(settings.getOrDefault("onnxRuntimeVersion", "")))
                .executionProvider(executionProvider)
                .model(new RunManifest.Model(m.source().equals("file") ? m.name() : m.source() + ":" + m.name(),
                        m.sha256(), m.inputName(), m.inputShape(), m.outputName(), m.outputShape(), m.source(),
                        m.name(), m.weights(), m.seed()))
                .preprocessing(s.embedder.preprocessingSpec())
                .seed(s.seed)
                .startedAt(started)
                .finishedAt(Instant.now())
                .counts(new RunManifest.Counts(r.images(), r.embedded(), r.failed(), r.scanProblems(), r.computed(),
                        r.reusedFromCheckpoint(), r.reusedFromCache()))
                .imagesPerSecond(r.imagesPerSecond());
        s.arguments.forEach(b::argument);
        options(s, dataset).forEach(b::option);
        b.build().write(target);
    }

    /** The effective value of every option, typed, defaults included. */
    static Map<String, Object> options(EmbeddingStudy s, Dataset dataset) {
        Map<String, Object> o = new java.util.LinkedHashMap<>();
        o.put("csv", s.csv == null ? null : s.csv.toAbsolutePath().normalize().toString());
        o.put("labelColumn", s.labelColumn);
        o.put("dicomRoot", dataset.root().toString());
        o.put("outputDir", s.outputDir.toString());
        o.put("mode", s.mode.name().toLowerCase(Locale.ROOT));
        o.put("cache", s.cache == null ? null : s.cache.toAbsolutePath().normalize().toString());
        o.put("failureBudget", s.budget.describe());
        o.put("joinedCsv", s.joinedCsv);
        List<String> tags = new ArrayList<>();
        s.includeTags.forEach(t -> tags.add(String.format(Locale.ROOT, "%08X", t)));
        o.put("includeTags", tags);
        o.put("aggregate", s.aggregate == null ? null : s.aggregate.name().toLowerCase(Locale.ROOT));
        o.put("seed", s.seed);
        o.put("analysis", s.analysis == null ? null : s.analysis.describe());
        o.put("embedder", s.embedder.settings());
        return o;
    }
}
