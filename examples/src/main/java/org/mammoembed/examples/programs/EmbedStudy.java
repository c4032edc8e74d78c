package org.mammoembed.examples.programs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mammoembed.core.Dataset;
import org.mammoembed.core.EmbeddingResult;
import org.mammoembed.core.Failure;
import org.mammoembed.core.MammoException;
import org.mammoembed.core.Projection;
import org.mammoembed.embed.EmbeddingExtractor;
import org.mammoembed.embed.EmbeddingExtractorBuilder;
import org.mammoembed.embed.OnnxModels;
import org.mammoembed.io.FailuresCsv;
import org.mammoembed.io.JoinedCsvWriter;
import org.mammoembed.io.NpyWriter;
import org.mammoembed.io.RunDirectory;
import org.mammoembed.io.ScatterPlot;
import org.mammoembed.reduce.Pca;

/**
 * A labelled study to the standard outputs with the library API alone (what {@code mammography embed} does,
 * minus resume, cache and provenance): {@code features.npy}, {@code joined.csv} with PCA columns,
 * {@code failures.csv} and {@code preview/pca_2d.png}.
 *
 * <pre>
 * java -cp "examples/target/mammography.jar:examples/target/lib/*" \
 *     org.mammoembed.examples.programs.EmbedStudy classificacao.csv DICOM_ROOT OUTDIR [MODEL.onnx]
 * </pre>
 */
public final class EmbedStudy {
    private EmbedStudy() {
    }

    public static void main(String[] args) throws IOException, MammoException {
        if (args.length < 3 || args.length > 4) {
            System.err.println("usage: EmbedStudy CSV DICOM_ROOT OUTDIR [MODEL.onnx]");
            System.exit(2);
        }
        EmbeddingResult r = run(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]),
                args.length == 4 ? Path.of(args[3]) : null);
        System.out.println("embedded " + r.size() + " images (" + r.dimension() + " features), "
                + r.failures().size() + " failed; outputs in " + args[2]);
    }

    /** Embeds the study and writes the outputs into {@code outdir} (replacing earlier ones); returns the result. */
    public static EmbeddingResult run(Path csv, Path dicomRoot, Path outdir, Path model)
            throws IOException, MammoException {
        RunDirectory out = RunDirectory.prepare(outdir, RunDirectory.Mode.OVERWRITE);
        Dataset dataset = Dataset.fromCsv(csv, dicomRoot);
        EmbeddingExtractorBuilder b = EmbeddingExtractor.builder().batchSize(16);
        b = model != null ? b.model(model) : b.model(OnnxModels.randomResNet50(42));
        EmbeddingResult result;
        try (EmbeddingExtractor extractor = b.build()) {
            result = extractor.extract(dataset);
        }
        try (NpyWriter npy = NpyWriter.create(out.embeddings(), result.dimension())) {
            npy.appendRows(result.toArray(), 0, result.size());
            npy.commit(); // without commit, close() discards the half-written file
        }
        // scan problems (bad CSV rows, missing folders) and image failures go to the same file
        List<Failure> failures = new ArrayList<>(dataset.problems());
        failures.addAll(result.failures());
        FailuresCsv.write(out.failuresCsv(), failures);
        JoinedCsvWriter.Builder joined = JoinedCsvWriter.builder();
        if (result.size() >= 3) {
            Projection pca = Pca.builder().components(2).build().fitTransform(result.toMatrix());
            joined.projection(pca);
            Files.createDirectories(out.preview2d("pca").getParent());
            ScatterPlot.builder().build().write(out.preview2d("pca"), pca, ScatterPlot.labelsOf(result.index()));
        }
        joined.build().write(out.joinedCsv(), result.index());
        return result;
    }
}
