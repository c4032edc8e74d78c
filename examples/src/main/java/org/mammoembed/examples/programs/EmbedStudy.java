package org.mammoembed.examples.programs;

import java.nio.file.Path;
import org.mammoembed.embed.EmbeddingExtractor;
import org.mammoembed.io.study.EmbeddingStudy;
import org.mammoembed.io.study.FailureBudget;
import org.mammoembed.io.study.StudyResult;
import org.mammoembed.reduce.Analysis;

/**
 * A labelled study to the standard outputs through the library's study API: resumable after a crash (run it
 * again after a kill), cached (a second study with one new exam computes one exam), with failures.csv, run.log
 * and run.json provenance, PCA columns and preview.
 * {@code java -cp "examples/target/mammography.jar:examples/target/lib/*" org.mammoembed.examples.programs.EmbedStudy
 * classificacao.csv DICOM_ROOT OUTDIR CACHE [MODEL.onnx]}
 */
public final class EmbedStudy {
    private EmbedStudy() {
    }

    public static void main(String[] args) throws Exception {
        var model = EmbeddingExtractor.builder().batchSize(16);
        try (EmbeddingExtractor ex = (args.length > 4 ? model.model(Path.of(args[4])) : model.builtInResNet50(42))
                .build()) {
            StudyResult r = EmbeddingStudy.builder()
                    .dataset(Path.of(args[0]), Path.of(args[1]))
                    .embedder(ex)
                    .outputDir(Path.of(args[2]))       // features.npy, joined.csv, failures.csv, run.json, run.log
                    .resume(true)                      // picks up a killed run; starts afresh in an empty folder
                    .cache(Path.of(args[3]))           // embeddings keyed by file content, model and preprocessing
                    .failureBudget(FailureBudget.maxRate(0.20))
                    .analysis(Analysis.builder().pca().build())
                    .run();
            System.out.println(r.summary());
        }
    }
}
