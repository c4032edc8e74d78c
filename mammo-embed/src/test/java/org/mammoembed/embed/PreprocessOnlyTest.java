package org.mammoembed.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mammoembed.core.Dataset;
import org.mammoembed.core.EmbeddedImage;
import org.mammoembed.core.EmbeddingSink;
import org.mammoembed.core.Failure;
import org.mammoembed.core.ImageRecord;

/** Network inputs without the network: the same inputs extraction shows, bad images skipped, nothing embedded. */
class PreprocessOnlyTest {
    @TempDir
    Path tmp;

    /** Inputs by image, and whether anything was embedded or failed. */
    private static final class Inputs implements EmbeddingSink {
        final Map<String, float[]> inputs = new LinkedHashMap<>();
        int accepted;
        int failed;

        @Override
        public void preprocessed(ImageRecord image, float[] input, int channels, int height, int width) {
            assertEquals(input.length, channels * height * width);
            inputs.put(image.relativePath(), input.clone());
        }

        @Override
        public void accept(EmbeddedImage image, float[] feature) {
            accepted++;
        }

        @Override
        public void failed(Failure failure) {
            failed++;
        }
    }

    private Dataset dataset(String... names) throws Exception {
        return TestImages.datasetOnDisk(tmp.resolve("root"), names);
    }

    @Test
    void theInputsAreThoseOfExtractionAndBadImagesAreSkipped() throws Exception {
        Dataset dataset = dataset("img-1.dcm", "badread-2.dcm", "img-3.dcm", "baddecode-4.dcm", "crash-5.dcm",
                "img-6.dcm");
        try (EmbeddingExtractor ex = EmbeddingExtractor.builder().model(TestImages.model("tiny_backbone.onnx"))
                .reader(new SyntheticReader()).preprocessing(NearestPreprocessor.tiny()).batchSize(2).workers(2)
                .intraOpThreads(1).build()) {
            Inputs extracted = new Inputs();
            ex.extract(dataset, extracted, p -> { });
            Inputs only = new Inputs();
            ex.preprocessOnly(dataset, only);

            assertEquals(List.of("ACC0/img-1.dcm", "ACC0/img-3.dcm", "ACC1/img-6.dcm"),
                    List.copyOf(only.inputs.keySet()));
            assertEquals(0, only.accepted + only.failed, "nothing embedded, nothing reported failed");
            for (Map.Entry<String, float[]> e : only.inputs.entrySet()) {
                assertArrayEquals(extracted.inputs.get(e.getKey()), e.getValue(), e.getKey());
            }
            assertEquals(3, extracted.accepted);
        }
    }

    @Test
    void inputsBuiltWithoutAModelAreTheExtractorsAndReadNothingOutOfTheRoot() throws Exception {
        Dataset dataset = dataset("img-1.dcm", "badread-2.dcm", "img-3.dcm", "img-4.dcm");
        // img-4's file becomes a link to a file of the same name outside the root: refused as it is opened
        Path outside = Files.createDirectories(tmp.resolve("outside")).resolve("img-4.dcm");
        Files.write(outside, new byte[] {1});
        Path link = dataset.images().get(3).path();
        Files.delete(link);
        Files.createSymbolicLink(link, outside);
        SyntheticReader reader = new SyntheticReader();
        NetworkInputs inputs = EmbeddingExtractor.builder().reader(reader).preprocessing(NearestPreprocessor.tiny())
                .buildInputs();
        assertEquals(NearestPreprocessor.tiny().describe(), inputs.preprocessingSpec());

        Inputs only = new Inputs();
        inputs.preprocessOnly(dataset, only);
        assertEquals(List.of("ACC0/img-1.dcm", "ACC0/img-3.dcm"), List.copyOf(only.inputs.keySet()));
        assertEquals(3, reader.reads.get(), "img-1, badread-2 (failed) and img-3; the link out of the root never read");
        try (EmbeddingExtractor ex = EmbeddingExtractor.builder().model(TestImages.model("tiny_backbone.onnx"))
                .reader(new SyntheticReader()).preprocessing(NearestPreprocessor.tiny()).intraOpThreads(1).build()) {
            Inputs extracted = new Inputs();
            ex.preprocessOnly(dataset, extracted);
            assertEquals(extracted.inputs.keySet(), only.inputs.keySet());
            for (Map.Entry<String, float[]> e : only.inputs.entrySet()) {
                assertArrayEquals(extracted.inputs.get(e.getKey()), e.getValue(), e.getKey());
            }
        }
    }

    @Test
    void inputsWithoutAModelOrARecipeTakeTheDefaultRecipe() {
        NetworkInputs inputs = EmbeddingExtractor.builder().reader(new SyntheticReader()).buildInputs();
        assertEquals(Preprocessing.defaults().describe(), inputs.preprocessingSpec());
        assertEquals(0, inputs.frame());
    }
}
