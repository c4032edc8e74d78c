package org.mammoembed.embed;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.mammoembed.core.Dataset;
import org.mammoembed.core.DecodedImage;
import org.mammoembed.core.DicomReader;
import org.mammoembed.core.EmbeddedImage;
import org.mammoembed.core.EmbeddingSink;
import org.mammoembed.core.ImageMetadata;
import org.mammoembed.core.Photometric;

/**
 * Decode workers against ONNX Runtime intra-op threads: runs the same images through the default preprocessing
 * and the given model under several (workers, intra-op) pairs, the pairs alternating within each round, and
 * prints images/s per pair with its ratio to the library's default policy (median over rounds). The reader
 * makes detector-size 12-bit images (as cheap as a native decode: one pass over memory).
 *
 * <pre>
 * mvn -q -pl mammo-embed -am test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt \
 *     -Dmdep.includeScope=test
 * java -cp "mammo-embed/target/test-classes:mammo-embed/target/classes:$(cat /tmp/cp.txt)" \
 *     org.mammoembed.embed.ThreadPolicyBenchmark /work/shared/models/resnet50-random-seed42.onnx 24 8 3
 * </pre>
 * Arguments: model, images, batch size, rounds.
 */
public final class ThreadPolicyBenchmark {
    private ThreadPolicyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path model = Path.of(args.length > 0 ? args[0] : "/work/shared/models/resnet50-random-seed42.onnx");
        int images = args.length > 1 ? Integer.parseInt(args[1]) : 24;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        int cores = Runtime.getRuntime().availableProcessors();
        int[][] pairs = {
            {ThreadPolicy.defaultWorkers(cores), ThreadPolicy.defaultIntraOpThreads(cores)},
            {Math.max(1, cores / 2), cores},
            {cores, cores},
            {Math.max(1, cores / 2), Math.max(1, cores - cores / 2)},
        };
        Path root = Path.of("/data");
        String[] names = IntStream.range(0, images).mapToObj(i -> "img-" + i + ".dcm").toArray(String[]::new);
        Dataset data = new Dataset(root, TestImages.records(root, names), List.of());
        double[][] rate = new double[pairs.length][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int p = 0; p < pairs.length; p++) {
                try (EmbeddingExtractor ex = EmbeddingExtractor.builder().model(model).reader(new DetectorReader())
                        .batchSize(batch).workers(pairs[p][0]).intraOpThreads(pairs[p][1]).build()) {
                    rate[p][r] = ex.extract(data, new Discard(), q -> { }).imagesPerSecond();
                }
            }
        }
        System.out.printf(Locale.ROOT, "%s, %d images of 2294x1914, batch %d, %d rounds, %d cores%n",
                model.getFileName(), images, batch, rounds, cores);
        System.out.println("| workers | intra-op | img/s per round | median img/s | ratio to default (median) |");
        System.out.println("|---:|---:|---|---:|---:|");
        for (int p = 0; p < pairs.length; p++) {
            List<Double> ratios = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                ratios.add(rate[p][r] / rate[0][r]);
            }
            System.out.printf(Locale.ROOT, "| %d | %d | %s | %.2f | %.2f |%n", pairs[p][0], pairs[p][1],
                    Arrays.toString(Arrays.stream(rate[p]).map(v -> Math.round(v * 100) / 100.0).toArray()),
                    median(rate[p]), median(ratios.stream().mapToDouble(Double::doubleValue).toArray()));
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** A 2294 x 1914 12-bit image per file, its content from the file name. */
    private static final class DetectorReader implements DicomReader {
        private static final int ROWS = 2294;
        private static final int COLUMNS = 1914;

        @Override
        public boolean isDicom(Path file) {
            return true;
        }

        @Override
        public ImageMetadata readMetadata(Path file) {
            return TestImages.metadata(ROWS, COLUMNS, "CC", "L");
        }

        @Override
        public DecodedImage read(Path file, int frame) {
            int seed = file.getFileName().toString().hashCode();
            float[] px = new float[ROWS * COLUMNS];
            for (int i = 0; i < px.length; i++) {
                px[i] = ((i * 31 + seed) & 0xFFFF) % 4096;
            }
            return new DecodedImage(ROWS, COLUMNS, 1, px, Photometric.MONOCHROME2, readMetadata(file),
                    TestImages.voi());
        }
    }

    private static final class Discard implements EmbeddingSink {
        @Override
        public void accept(EmbeddedImage image, float[] feature) {
        }
    }
}
