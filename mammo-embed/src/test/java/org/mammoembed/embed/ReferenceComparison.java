package org.mammoembed.embed;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mammoembed.core.Dataset;
import org.mammoembed.core.EmbeddingResult;
import org.mammoembed.io.NpyReader;
import org.mammoembed.io.NpyReader.NpyArray;

/**
 * End-to-end parity and speed against the PyTorch reference ({@code examples/python/reference_pipeline.py}):
 * runs the default pipeline (DicomFileReader, Preprocessing.defaults(), the model) over the same CSV and DICOM
 * root, matches rows by image path and prints the differences and the speed ratio.
 *
 * <pre>
 * /usr/bin/python3 examples/python/reference_pipeline.py --csv C --dicom-root R --out REF
 * java -cp ... org.mammoembed.embed.ReferenceComparison C R /work/shared/models/resnet50-random-seed42.onnx REF [batch]
 * </pre>
 */
public final class ReferenceComparison {
    private ReferenceComparison() {
    }

    public static void main(String[] args) throws Exception {
        Path csv = Path.of(args[0]);
        Path root = Path.of(args[1]);
        Path model = Path.of(args[2]);
        Path ref = Path.of(args[3]);
        int batch = args.length > 4 ? Integer.parseInt(args[4]) : 32;
        Dataset data = Dataset.fromCsv(csv, root);
        ExtractionSummary s;
        EmbeddingResult r;
        try (EmbeddingExtractor ex = EmbeddingExtractor.builder().model(model).batchSize(batch).build()) {
            CollectingSink sink = new CollectingSink(ex.dimension(), data.size());
            s = ex.extract(data, sink, p -> { });
            r = sink.toResult();
        }
        NpyArray refFeatures = NpyReader.read(ref.resolve("features.npy"));
        List<String> refIndex = Files.readAllLines(ref.resolve("index.csv"));
        Map<String, Integer> refRow = new HashMap<>();
        for (String line : refIndex.subList(1, refIndex.size())) {
            String[] f = line.split(",", 3);
            refRow.put(f[2], Integer.parseInt(f[0]));
        }
        int dim = r.dimension();
        double maxAbs = 0;
        double maxRel = 0;
        double minCos = 1;
        int matched = 0;
        for (int i = 0; i < r.size(); i++) {
            Integer j = refRow.get(r.index().get(i).record().relativePath());
            if (j == null) {
                continue;
            }
            matched++;
            RowAgreement agreement = RowAgreement.of(r.row(i), refFeatures.data(), j * dim);
            maxAbs = Math.max(maxAbs, agreement.maxAbsDiff());
            maxRel = Math.max(maxRel, agreement.relativeDiff());
            minCos = Math.min(minCos, agreement.cosine());
        }
        double refRate = number(Files.readString(ref.resolve("timing.json")), "images_per_second");
        System.out.printf(Locale.ROOT, "images %d embedded %d failed %d (reference rows %d, matched %d)%n",
                s.images(), s.embedded(), s.failed(), refIndex.size() - 1, matched);
        r.failures().forEach(f -> System.out.println("  failure: " + f));
        System.out.printf(Locale.ROOT, "max |java - torch| %.3g, relative to the row's max %.3g, min cosine %.9f%n",
                maxAbs, maxRel, minCos);
        System.out.println("| | images/s | decode s | preprocess s | inference s | wall s | inference waited s |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        System.out.printf(Locale.ROOT, "| java (%s, batch %d) | %.2f | %.1f | %.1f | %.1f | %.1f | %.1f |%n",
                s.executionProvider(), s.batchSize(), s.imagesPerSecond(), s.decodeSeconds(), s.preprocessSeconds(),
                s.inferenceSeconds(), s.wallSeconds(), s.inputWaitSeconds());
        String t = Files.readString(ref.resolve("timing.json"));
        System.out.printf(Locale.ROOT, "| torch reference | %.2f | %.1f | %.1f | %.1f | %.1f | - |%n", refRate,
                number(t, "decode_s"), number(t, "preprocess_s"), number(t, "inference_s"), number(t, "wall_s"));
        System.out.printf(Locale.ROOT, "speed ratio java / torch: %.2f%n", s.imagesPerSecond() / refRate);
    }

    private static double number(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\":\\s*([0-9.eE+-]+)").matcher(json);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }
}
