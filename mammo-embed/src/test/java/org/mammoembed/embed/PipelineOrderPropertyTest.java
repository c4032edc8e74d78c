package org.mammoembed.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.mammoembed.core.Dataset;

/**
 * For any mix of good, slow and failing images, any batch size and worker count: every image is delivered
 * exactly once, in input order, failures at the stage the file names, and each embedding equals the image's
 * embedding computed alone.
 */
class PipelineOrderPropertyTest {
    private static final Path ROOT = Path.of("/data");
    private static final byte[] MODEL = TestImages.model("tiny_backbone.onnx");

    @Provide
    Arbitrary<String> kind() {
        return Arbitraries.of("img", "img", "img", "slow", "badread", "baddecode", "badpre", "crash");
    }

    @Property(tries = 25)
    void deliveredOnceInOrder(@ForAll @Size(max = 30) List<@net.jqwik.api.From("kind") String> kinds,
                              @ForAll @IntRange(min = 1, max = 9) int batch,
                              @ForAll @IntRange(min = 1, max = 4) int workers) throws Exception {
        String[] names = IntStream.range(0, kinds.size()).mapToObj(i -> kinds.get(i) + "-" + i + ".dcm")
                .toArray(String[]::new);
        SyntheticReader reader = new SyntheticReader();
        RecordingSink sink = new RecordingSink(reader.reads::get);
        try (EmbeddingExtractor ex = EmbeddingExtractor.builder().model(MODEL).reader(reader)
                .preprocessing(NearestPreprocessor.tiny()).batchSize(batch).workers(workers).intraOpThreads(1)
                .build()) {
            ExtractionSummary s = ex.extract(new Dataset(ROOT, TestImages.records(ROOT, names), List.of()), sink,
                    p -> { });
            assertEquals(names.length, sink.events.size());
            int row = 0;
            for (int i = 0; i < names.length; i++) {
                RecordingSink.Event e = sink.events.get(i);
                assertEquals(TestImages.records(ROOT, names).get(i).relativePath(), e.relativePath());
                boolean good = kinds.get(i).equals("img") || kinds.get(i).equals("slow");
                if (good) {
                    assertNull(e.failure());
                    assertEquals(row++, e.image().index());
                    assertArrayEquals(ex.embed(SyntheticReader.imageFor(i)), e.feature());
                } else {
                    assertEquals(expectedStage(kinds.get(i)), e.failure().stage().name());
                }
            }
            assertEquals(row, s.embedded());
            assertEquals(names.length - row, s.failed());
        }
    }

    private static String expectedStage(String kind) {
        switch (kind) {
            case "baddecode":
                return "DECODE";
            case "badpre":
                return "PREPROCESS";
            default:
                return "READ";
        }
    }
}
