package org.mammoembed.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.mammoembed.core.Dataset;
import org.mammoembed.core.EmbeddingResult;

/** One extractor used by several threads at once gives each caller the same results as a lone run. */
class ConcurrentExtractionTest {

    @Test
    void parallelExtractAndEmbedCallsShareOneExtractor() throws Exception {
        Path root = Path.of("/data");
        String[] names = IntStream.range(0, 23).mapToObj(i -> (i % 5 == 0 ? "slow-" : "img-") + i + ".dcm")
                .toArray(String[]::new);
        Dataset data = new Dataset(root, TestImages.records(root, names), List.of());
        try (EmbeddingExtractor ex = EmbeddingExtractor.builder().model(TestImages.model("tiny_backbone.onnx"))
                .reader(new SyntheticReader()).preprocessing(NearestPreprocessor.tiny()).batchSize(4).workers(2)
                .intraOpThreads(1).build()) {
            float[] alone = ex.extract(data).toArray();
            ExecutorService callers = Executors.newFixedThreadPool(4);
            try {
                List<Future<EmbeddingResult>> runs = new ArrayList<>();
                List<Future<float[]>> singles = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    runs.add(callers.submit(() -> ex.extract(data)));
                    int seed = i + 1;
                    singles.add(callers.submit(() -> ex.embed(SyntheticReader.imageFor(seed))));
                }
                for (Future<EmbeddingResult> r : runs) {
                    assertEquals(23, r.get().size());
                    assertArrayEquals(alone, r.get().toArray());
                }
                for (int i = 0; i < 3; i++) {
                    assertArrayEquals(ex.embed(SyntheticReader.imageFor(i + 1)), singles.get(i).get());
                }
            } finally {
                callers.shutdownNow();
            }
        }
    }
}
