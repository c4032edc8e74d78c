package org.mammoembed.embed;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.mammoembed.core.Dataset;
import org.mammoembed.core.EmbeddingResult;

/**
 * The first batches do not wait for ND4J's start: until it is over they go through a plain direct buffer, and the
 * features are the same bits as through ND4J's batch tensor. Runs in a child JVM, the only place where ND4J has
 * not started yet (in this one other tests have started it).
 */
class Nd4jStartOverlapTest {
    /** The child: embeds a dataset at once (ND4J starting), then again once ND4J is up, and prints what it saw. */
    public static void main(String[] args) throws Exception {
        String[] names = new String[12];
        for (int i = 0; i < names.length; i++) {
            names[i] = "img-" + (100 + i) + ".dcm";
        }
        Dataset data = new Dataset(Path.of("/data"), TestImages.records(Path.of("/data"), names), List.of());
        try (EmbeddingExtractor ex = EmbeddingExtractor.builder().model(TestImages.model("tiny_backbone.onnx"))
                .reader(new SyntheticReader()).preprocessing(new NearestPreprocessor(TestImages.TINY_SIZE,
                        TestImages.TINY_SIZE)).batchSize(4).build()) {
            boolean startedBefore = Nd4jTensors.isStarted();
            EmbeddingResult before = ex.extract(data);
            boolean startedAfterFirst = Nd4jTensors.isStarted();
            Nd4jTensors.warmUp().get(1, TimeUnit.MINUTES);
            EmbeddingResult after = ex.extract(data);
            System.out.println("STARTED_AT_FIRST_BATCH " + startedBefore);
            System.out.println("STARTED_AFTER_FIRST_RUN " + startedAfterFirst);
            System.out.println("ROWS " + before.size() + " " + after.size());
            System.out.println("SAME_BITS " + Arrays.equals(before.toArray(), after.toArray()));
        }
    }

    @Test
    void batchesBeforeNd4jHasStartedGiveTheSameBits() throws Exception {
        String text = ChildJvm.output(new ProcessBuilder(ChildJvm.java(), "-Xmx512m", "-cp", ChildJvm.classPath(),
                Nd4jStartOverlapTest.class.getName()));
        // the tiny model loads in tens of ms and ND4J takes the better part of a second: the first batch came first
        assertTrue(text.contains("STARTED_AT_FIRST_BATCH false"), text);
        assertTrue(text.contains("ROWS 12 12"), text);
        assertTrue(text.contains("SAME_BITS true"), text);
    }
}
