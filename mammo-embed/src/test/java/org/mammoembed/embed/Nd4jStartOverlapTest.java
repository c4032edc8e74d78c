package org.mammoembed.embed;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.mammoembed.core.Dataset;
import org.mammoembed.core.EmbeddingResult;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * ND4J starts only when asked: by default an extraction never starts it, and the first {@code INDArray} asked for
 * does; with {@code prestartNd4j()} it starts at {@code build()}, and the first batches do not wait for it. Either
 * way the features are the same bits through a plain direct buffer and through ND4J's batch tensor. Runs in child
 * JVMs, the only place where ND4J has not started yet (in this one other tests have started it).
 */
class Nd4jStartOverlapTest {
    /** The child: embeds a dataset, then again once ND4J is up, and prints what it saw. */
    public static void main(String[] args) throws Exception {
        boolean prestart = args[0].equals("prestart");
        String[] names = new String[12];
        for (int i = 0; i < names.length; i++) {
            names[i] = "img-" + (100 + i) + ".dcm";
        }
        Dataset data = new Dataset(Path.of("/data"), TestImages.records(Path.of("/data"), names), List.of());
        EmbeddingExtractorBuilder builder = EmbeddingExtractor.builder().model(TestImages.model("tiny_backbone.onnx"))
                .reader(new SyntheticReader()).preprocessing(new NearestPreprocessor(TestImages.TINY_SIZE,
                        TestImages.TINY_SIZE)).batchSize(4);
        try (EmbeddingExtractor ex = (prestart ? builder.prestartNd4j() : builder).build()) {
            boolean startedBefore = Nd4jTensors.isStarted();
            EmbeddingResult before = ex.extract(data);
            System.out.println("STARTED_AT_FIRST_BATCH " + startedBefore);
            if (prestart) {
                Nd4jTensors.warmUp().get(1, TimeUnit.MINUTES);
            } else {
                // nothing has asked for ND4J: a while later it has still not started
                Thread.sleep(300);
                System.out.println("STARTED_AFTER_RUN " + Nd4jTensors.isStarted());
                INDArray features = Nd4jTensors.features(before);
                System.out.println("INDARRAY_SAME_BITS " + (features.rows() == before.size()
                        && Arrays.equals(features.data().asFloat(), before.toArray())));
                System.out.println("STARTED_AFTER_INDARRAY " + Nd4jTensors.isStarted());
            }
            EmbeddingResult after = ex.extract(data);
            System.out.println("ROWS " + before.size() + " " + after.size());
            System.out.println("SAME_BITS " + Arrays.equals(before.toArray(), after.toArray()));
        }
    }

    private static String child(String mode) throws Exception {
        return ChildJvm.output(new ProcessBuilder(ChildJvm.java(), "-Xmx512m", "-cp", ChildJvm.classPath(),
                Nd4jStartOverlapTest.class.getName(), mode));
    }

    @Test
    void batchesBeforeAPrestartedNd4jIsUpGiveTheSameBits() throws Exception {
        String text = child("prestart");
        // the tiny model loads in tens of ms and ND4J takes the better part of a second: the first batch came first
        assertTrue(text.contains("STARTED_AT_FIRST_BATCH false"), text);
        assertTrue(text.contains("ROWS 12 12"), text);
        assertTrue(text.contains("SAME_BITS true"), text);
    }

    @Test
    void nd4jStartsOnlyWhenAnIndArrayIsAskedFor() throws Exception {
        String text = child("default");
        assertTrue(text.contains("STARTED_AT_FIRST_BATCH false"), text);
        assertTrue(text.contains("STARTED_AFTER_RUN false"), text);
        assertTrue(text.contains("INDARRAY_SAME_BITS true"), text);
        assertTrue(text.contains("STARTED_AFTER_INDARRAY true"), text);
        // the second extraction ran through ND4J's batch tensor
        assertTrue(text.contains("ROWS 12 12"), text);
        assertTrue(text.contains("SAME_BITS true"), text);
    }
}
