package org.mammoembed.embed;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.mammoembed.core.Dataset;
import org.mammoembed.core.DecodedImage;
import org.mammoembed.core.EmbeddedImage;
import org.mammoembed.core.EmbeddingSink;
import org.mammoembed.core.MammoException;

/**
 * Does inference wait for decoding? Runs the pipeline with a reader that takes a fixed time per image (sleeping,
 * like I/O) and the given model, and prints wall time against the time spent in inference and waiting for input.
 * When reading is cheaper than inference, wall time should be close to the inference time (the workers read the
 * next batches while the network runs) and the wait small.
 *
 * <pre>
 * java -cp ... org.mammoembed.embed.PipelineOverlapBenchmark [model.onnx] [images] [batch] [readMillis,...]
 * </pre>
 * Without a model file the committed tiny model is used (with a 32x32 input).
 */
public final class PipelineOverlapBenchmark {
    private PipelineOverlapBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        boolean tiny = args.length == 0 || args[0].equals("tiny");
        int images = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        String[] costs = (args.length > 3 ? args[3] : "0,5,20,80").split(",");
        int size = tiny ? TestImages.TINY_SIZE : 224;
        Path root = Path.of("/data");
        String[] names = IntStream.range(0, images).mapToObj(i -> "img-" + i + ".dcm").toArray(String[]::new);
        Dataset data = new Dataset(root, TestImages.records(root, names), List.of());
        System.out.printf(Locale.ROOT, "%s, %d images, batch %d, %d cores%n", tiny ? "tiny model" : args[0], images,
                batch, Runtime.getRuntime().availableProcessors());
        System.out.println("| read ms/image | workers | wall s | inference s | waited for input s | img/s |");
        System.out.println("|---:|---:|---:|---:|---:|---:|");
        for (String c : costs) {
            int millis = Integer.parseInt(c.trim());
            for (int workers : new int[] {1, 2}) {
                EmbeddingExtractorBuilder b = EmbeddingExtractor.builder().reader(new TimedReader(millis))
                        .preprocessing(new NearestPreprocessor(size, size)).batchSize(batch).workers(workers);
                b = tiny ? b.model(TestImages.model("tiny_backbone.onnx")) : b.model(Path.of(args[0]));
                try (EmbeddingExtractor ex = b.build()) {
                    ex.extract(data, new Discard(), p -> { }); // warm-up
                    ExtractionSummary s = ex.extract(data, new Discard(), p -> { });
                    System.out.printf(Locale.ROOT, "| %d | %d | %.2f | %.2f | %.2f | %.1f |%n", millis, workers,
                            s.wallSeconds(), s.inferenceSeconds(), s.inputWaitSeconds(), s.imagesPerSecond());
                }
            }
        }
    }

    /** {@link SyntheticReader} images after a fixed delay. */
    private static final class TimedReader extends SyntheticReaderBase {
        private final int millis;

        TimedReader(int millis) {
            this.millis = millis;
        }

        @Override
        public DecodedImage read(Path file, int frame) throws MammoException {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new SyntheticReader().read(file, frame);
        }
    }

    private abstract static class SyntheticReaderBase implements org.mammoembed.core.DicomReader {
        @Override
        public boolean isDicom(Path file) {
            return true;
        }

        @Override
        public org.mammoembed.core.ImageMetadata readMetadata(Path file) throws MammoException {
            return read(file, 0).metadata();
        }
    }

    private static final class Discard implements EmbeddingSink {
        @Override
        public void accept(EmbeddedImage image, float[] feature) {
        }
    }
}
