package org.mammoembed.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mammoembed.core.Dataset;
import org.mammoembed.core.DecodedImage;
import org.mammoembed.core.EmbeddedImage;
import org.mammoembed.core.EmbeddingSink;
import org.mammoembed.core.Failure;
import org.mammoembed.core.FrameBuffers;
import org.mammoembed.core.ImageRecord;
import org.mammoembed.core.MammoException;
import org.mammoembed.core.Photometric;
import org.mammoembed.core.Stage;
import org.mammoembed.core.StoredPixels;

/**
 * The extractor lends its reader frame arrays and recycles each image once preprocessed (or refused): a run reuses
 * a handful of arrays however many images it reads, and every image's input and embedding are those of the same
 * image decoded into a new array.
 */
class FrameRecyclingTest {
    private static final int ROWS = 48;
    private static final int COLUMNS = 40;

    @TempDir
    Path tmp;

    /** 12-bit words with overlay bits set, into the caller's buffers when it lends some (as the DICOM reader does). */
    private static final class WordsReader extends ReadingOnlyReader {
        final Set<short[]> lent = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
        final AtomicInteger reads = new AtomicInteger();

        @Override
        public DecodedImage read(Path file, int frame) throws MammoException {
            return read(file, frame, null);
        }

        @Override
        public DecodedImage read(Path file, int frame, FrameBuffers buffers) throws MammoException {
            reads.incrementAndGet();
            String name = file.getFileName().toString();
            long seed = Long.parseLong(name.substring(name.indexOf('-') + 1, name.indexOf('.')));
            short[] words = buffers != null ? buffers.words(ROWS * COLUMNS) : new short[ROWS * COLUMNS];
            if (buffers != null) {
                lent.add(words);
            }
            return image(seed, name.startsWith("refused-") ? "L" : "R", words);
        }
    }

    private static DecodedImage image(long seed, String laterality, short[] words) {
        Random r = new Random(seed);
        for (int i = 0; i < words.length; i++) {
            words[i] = (short) (0xF000 | r.nextInt(4096));
        }
        return DecodedImage.ofStored(ROWS, COLUMNS, StoredPixels.ofWords(words, 12, 11, false, 1, 0),
                Photometric.MONOCHROME2, TestImages.metadata(ROWS, COLUMNS, "CC", laterality), TestImages.voi());
    }

    /** The default recipe at the tiny model's size, refusing images of laterality L after reading all of them. */
    private static final class RefusingLeft implements ImagePreprocessor {
        private final Preprocessing recipe = Preprocessing.builder()
                .size(TestImages.TINY_SIZE, TestImages.TINY_SIZE).build();

        @Override
        public int height() {
            return recipe.height();
        }

        @Override
        public int width() {
            return recipe.width();
        }

        @Override
        public void apply(DecodedImage image, float[] dst, int offset) throws MammoException {
            recipe.apply(image, dst, offset);
            if (image.metadata().laterality().equals("L")) {
                throw new MammoException(Stage.PREPROCESS, "test: left images are refused");
            }
        }

        @Override
        public String describe() {
            return recipe.describe() + " refusing L";
        }
    }

    private static final class Recording implements EmbeddingSink {
        final Map<String, float[]> inputs = new LinkedHashMap<>();
        final Map<String, float[]> features = new LinkedHashMap<>();
        final List<Failure> failures = new java.util.ArrayList<>();

        @Override
        public synchronized void preprocessed(ImageRecord image, float[] input, int channels, int height,
                                              int width) {
            inputs.put(image.relativePath(), input.clone());
        }

        @Override
        public void accept(EmbeddedImage image, float[] feature) {
            features.put(image.record().relativePath(), feature.clone());
        }

        @Override
        public void failed(Failure failure) {
            failures.add(failure);
        }
    }

    private Dataset dataset(String... names) throws Exception {
        return TestImages.datasetOnDisk(tmp.resolve("root"), names);
    }

    @Test
    void aRunReusesAFewArraysAndEveryImageIsItsOwn() throws Exception {
        String[] names = IntStream.range(0, 40).mapToObj(i -> (i % 7 == 3 ? "refused-" : "img-") + i + ".dcm")
                .toArray(String[]::new);
        Dataset dataset = dataset(names);
        WordsReader reader = new WordsReader();
        int workers = 2;
        try (EmbeddingExtractor ex = EmbeddingExtractor.builder().model(TestImages.model("tiny_backbone.onnx"))
                .reader(reader).preprocessing(new RefusingLeft()).batchSize(4).workers(workers).intraOpThreads(1)
                .build()) {
            Recording run = new Recording();
            ExtractionSummary s = ex.extract(dataset, run, p -> { });
            assertEquals(40, reader.reads.get());
            assertEquals(6, s.failed(), "images 3, 10, 17, 24, 31 and 38 are refused at preprocessing");
            assertTrue(run.failures.stream().allMatch(f -> f.stage() == Stage.PREPROCESS), run.failures.toString());
            assertEquals(34, run.features.size());
            assertTrue(reader.lent.size() <= workers, "each worker recycles its image before reading the next: "
                    + reader.lent.size() + " arrays for 40 images");
            for (int i = 0; i < names.length; i++) {
                String path = dataset.images().get(i).relativePath();
                if (names[i].startsWith("refused-")) {
                    continue;
                }
                // the same image in a new array, which nothing recycles
                DecodedImage fresh = image(i, "R", new short[ROWS * COLUMNS]);
                assertArrayEquals(ex.embed(fresh), run.features.get(path), path);
            }

            reader.lent.clear();
            Recording only = new Recording();
            ex.preprocessOnly(dataset, only);
            assertEquals(1, reader.lent.size(), "inputs alone, on one thread, reuse one array");
            assertEquals(run.inputs.keySet(), only.inputs.keySet());
            for (Map.Entry<String, float[]> e : only.inputs.entrySet()) {
                assertArrayEquals(run.inputs.get(e.getKey()), e.getValue(), e.getKey());
            }
        }
    }
}
