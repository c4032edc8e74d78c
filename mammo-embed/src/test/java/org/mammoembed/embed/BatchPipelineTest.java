package org.mammoembed.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.mammoembed.core.Dataset;
import org.mammoembed.core.EmbeddedImage;
import org.mammoembed.core.EmbeddingResult;
import org.mammoembed.core.EmbeddingSink;
import org.mammoembed.core.Failure;
import org.mammoembed.core.MammoException;
import org.mammoembed.core.Progress;
import org.mammoembed.core.Stage;

/** The streaming pipeline with the tiny model, a synthetic reader and a trivial preprocessor. */
class BatchPipelineTest {
    private static final Path ROOT = Path.of("/data");

    private static EmbeddingExtractor extractor(SyntheticReader reader, int batch, int workers) throws Exception {
        return EmbeddingExtractor.builder().model(TestImages.model("tiny_backbone.onnx")).reader(reader)
                .preprocessing(NearestPreprocessor.tiny()).batchSize(batch).workers(workers).intraOpThreads(1)
                .build();
    }

    private static Dataset dataset(String... names) {
        return new Dataset(ROOT, TestImages.records(ROOT, names), List.of());
    }

    @Test
    void resultsArriveInInputOrderWhenSomeReadsAreSlow() throws Exception {
        String[] names = IntStream.range(0, 30).mapToObj(i -> (i % 3 == 0 ? "slow-" : "img-") + i + ".dcm")
                .toArray(String[]::new);
        SyntheticReader reader = new SyntheticReader();
        RecordingSink sink = new RecordingSink(reader.reads::get);
        try (EmbeddingExtractor ex = extractor(reader, 4, 4)) {
            ExtractionSummary s = ex.extract(dataset(names), sink, p -> { });
            assertEquals(30, s.embedded());
            for (int i = 0; i < 30; i++) {
                RecordingSink.Event e = sink.events.get(i);
                assertEquals(i, e.image().index());
                assertEquals(TestImages.records(ROOT, names).get(i), e.image().record());
                // each row is that image's own embedding, not a neighbour's
                assertArrayEquals(ex.embed(SyntheticReader.imageFor(i)), e.feature());
                assertEquals(i % 2 == 0 ? "CC" : "MLO", e.image().viewPosition());
                assertEquals(i % 3 == 0 ? "L" : "R", e.image().laterality());
            }
        }
    }

    @Test
    void badImagesFailWithTheirStageAndTheRunGoesOn() throws Exception {
        String[] names = {"img-0.dcm", "badread-1.dcm", "img-2.dcm", "baddecode-3.dcm", "badpre-4.dcm",
                          "crash-5.dcm", "img-6.dcm", "img-7.dcm"};
        SyntheticReader reader = new SyntheticReader();
        RecordingSink sink = new RecordingSink(reader.reads::get);
        try (EmbeddingExtractor ex = extractor(reader, 2, 2)) {
            ExtractionSummary s = ex.extract(dataset(names), sink, p -> { });
            assertEquals(8, s.images());
            assertEquals(4, s.embedded());
            assertEquals(4, s.failed());
            assertEquals(2, s.batchSize());
            assertEquals("CPUExecutionProvider", s.executionProvider());
            assertTrue(s.decodeSeconds() > 0 && s.inferenceSeconds() > 0 && s.wallSeconds() > 0, s.toString());
            assertTrue(s.inputWaitSeconds() <= s.wallSeconds(), s.toString());
        }
        List<String> order = sink.events.stream().map(RecordingSink.Event::relativePath).toList();
        assertEquals(TestImages.records(ROOT, names).stream().map(r -> r.relativePath()).toList(), order,
                "failures and embeddings are delivered in input order");
        List<Failure> f = sink.failures();
        assertEquals(List.of(Stage.READ, Stage.DECODE, Stage.PREPROCESS, Stage.READ),
                f.stream().map(Failure::stage).toList());
        assertEquals(List.of("DicomException", "DicomException", "MammoException", "IllegalStateException"),
                f.stream().map(Failure::errorClass).toList());
        assertEquals("ACC0/badread-1.dcm", f.get(0).relativePath());
        assertEquals("ACC0", f.get(0).accessionNumber());
        assertTrue(f.get(1).message().contains("1.2.3"), f.get(1).message());
        assertTrue(f.get(3).message().contains("reader bug"), f.get(3).message());
        assertEquals(List.of(0, 1, 2, 3), sink.embedded().stream().map(e -> e.image().index()).toList(),
                "embedded rows are numbered without gaps");
    }

    @Test
    void aFailedBatchFailsEachOfItsImagesAtInferAndLaterBatchesStillRun() throws Exception {
        // this model only runs on even batch sizes: with batchSize 2, 5 images run as batches of 1 (the ramp-up's
        // first), 2 and 2, so the first batch fails and the two after it run
        String[] names = {"img-0.dcm", "img-1.dcm", "img-2.dcm", "img-3.dcm", "img-4.dcm"};
        SyntheticReader reader = new SyntheticReader();
        RecordingSink sink = new RecordingSink(reader.reads::get);
        try (EmbeddingExtractor ex = EmbeddingExtractor.builder().model(TestImages.model("tiny_even_batches.onnx"))
                .reader(reader).preprocessing(NearestPreprocessor.tiny()).batchSize(2).build()) {
            ExtractionSummary s = ex.extract(dataset(names), sink, p -> { });
            assertEquals(4, s.embedded());
            assertEquals(1, s.failed());
        }
        Failure f = sink.failures().get(0);
        assertEquals(Stage.INFER, f.stage());
        assertEquals("ACC0/img-0.dcm", f.relativePath());
        assertEquals("OrtException", f.errorClass());
        assertTrue(f.message().startsWith("inference failed: "), f.message());

        // batchSize 1: every batch fails, each image reported once, the run still ends normally
        RecordingSink all = new RecordingSink(reader.reads::get);
        try (EmbeddingExtractor ex = EmbeddingExtractor.builder().model(TestImages.model("tiny_even_batches.onnx"))
                .reader(reader).preprocessing(NearestPreprocessor.tiny()).batchSize(1).build()) {
            assertEquals(5, ex.extract(dataset(names), all, p -> { }).failed());
        }
        assertEquals(5, all.failures().size());
        assertTrue(all.failures().stream().allMatch(x -> x.stage() == Stage.INFER));
    }

    @Test
    void memoryIsBoundedByTheWindowNotTheDatasetSize() throws Exception {
        int n = 300;
        String[] names = IntStream.range(0, n).mapToObj(i -> "img-" + i + ".dcm").toArray(String[]::new);
        SyntheticReader reader = new SyntheticReader();
        // a slow sink: the workers would run ahead through the whole dataset if nothing held them back
        RecordingSink sink = new RecordingSink(reader.reads::get) {
            @Override
            public void accept(EmbeddedImage image, float[] feature) {
                super.accept(image, feature);
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        try (EmbeddingExtractor ex = extractor(reader, 4, 3)) {
            ex.extract(dataset(names), sink, p -> { });
        }
        assertEquals(n, sink.embedded().size());
        int bound = BatchPipeline.maxImagesHeld(4, 3);
        assertEquals(15, bound);
        assertTrue(sink.maxHeld <= bound, "held " + sink.maxHeld + " images, bound " + bound);
        // while one batch is delivered, the workers have already read the next batches (prefetch, no stall)
        assertTrue(sink.maxHeld > 2 * 4, "the workers read ahead beyond the next batch (held " + sink.maxHeld + ")");
    }

    @Test
    void firstBatchesRampUpToTheBatchSizeWithTheSameFeatures() throws Exception {
        String[] names = IntStream.range(0, 20).mapToObj(i -> "img-" + i + ".dcm").toArray(String[]::new);
        SyntheticReader reader = new SyntheticReader();
        List<Progress> seen = new ArrayList<>();
        RecordingSink ramped = new RecordingSink(reader.reads::get);
        try (EmbeddingExtractor ex = extractor(reader, 8, 2)) {
            ex.extract(dataset(names), ramped, seen::add);
        }
        // batches of 1, 2, 4, then full ones of 8, then the rest (5)
        assertEquals(List.of(1L, 3L, 7L, 15L, 20L), seen.stream().map(Progress::done).toList());
        RecordingSink single = new RecordingSink(reader.reads::get);
        try (EmbeddingExtractor ex = extractor(reader, 1, 2)) {
            ex.extract(dataset(names), single, p -> { });
        }
        assertEquals(20, ramped.embedded().size());
        for (int i = 0; i < 20; i++) {
            assertArrayEquals(single.embedded().get(i).feature(), ramped.embedded().get(i).feature(), "image " + i);
        }
    }

    @Test
    void progressAfterEachBatchEndsAtTotal() throws Exception {
        String[] names = IntStream.range(0, 10).mapToObj(i -> (i == 3 ? "badread-" : "img-") + i + ".dcm")
                .toArray(String[]::new);
        List<Progress> seen = new ArrayList<>();
        SyntheticReader reader = new SyntheticReader();
        try (EmbeddingExtractor ex = extractor(reader, 4, 2)) {
            ex.extract(dataset(names), new RecordingSink(reader.reads::get), seen::add);
        }
        // 9 good images, batch size 4: the ramp-up's batches of 1 and 2, then 4 (the bad image is delivered with
        // it) and the last 2 -> four reports
        assertEquals(List.of(1L, 3L, 8L, 10L), seen.stream().map(Progress::done).toList());
        Progress last = seen.get(seen.size() - 1);
        assertEquals(10, last.total());
        assertEquals(1, last.failed());
        assertEquals(1.0, last.fraction());
        assertTrue(last.imagesPerSecond() > 0);
        assertEquals(java.time.Duration.ZERO, last.eta().orElseThrow());
    }

    @Test
    void inMemoryExtractionKeepsScanProblemsAndMatchesSingleImages() throws Exception {
        Failure scan = new Failure("ACC9", "", Stage.SCAN, "MissingFolder", "no folder ACC9 under the DICOM root");
        String[] names = {"img-0.dcm", "img-1.dcm", "badread-2.dcm", "img-3.dcm"};
        Dataset d = new Dataset(ROOT, TestImages.records(ROOT, names), List.of(scan));
        SyntheticReader reader = new SyntheticReader();
        try (EmbeddingExtractor ex = extractor(reader, 32, 2)) {
            EmbeddingResult r = ex.extract(d);
            assertEquals(3, r.size());
            assertEquals(24, r.dimension());
            assertEquals(List.of(Stage.SCAN, Stage.READ), r.failures().stream().map(Failure::stage).toList());
            assertEquals(scan, r.failures().get(0));
            int[] seeds = {0, 1, 3};
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(ex.embed(SyntheticReader.imageFor(seeds[i])), r.row(i));
                assertEquals("ACC0/img-" + seeds[i] + ".dcm", r.index().get(i).record().relativePath());
            }
        }
    }

    @Test
    void aSinkThatCannotWriteStopsTheRunAtWrite() throws Exception {
        EmbeddingSink broken = new EmbeddingSink() {
            @Override
            public void accept(EmbeddedImage image, float[] feature) throws IOException {
                throw new IOException("disk full");
            }
        };
        try (EmbeddingExtractor ex = extractor(new SyntheticReader(), 2, 1)) {
            MammoException e = assertThrows(MammoException.class,
                    () -> ex.extract(dataset("img-0.dcm", "img-1.dcm", "img-2.dcm"), broken, p -> { }));
            assertEquals(Stage.WRITE, e.stage());
            assertTrue(e.getMessage().contains("disk full"), e.getMessage());
        }
    }

    @Test
    void aThrowingProgressListenerDoesNotStopTheRun() throws Exception {
        SyntheticReader reader = new SyntheticReader();
        RecordingSink sink = new RecordingSink(reader.reads::get);
        try (EmbeddingExtractor ex = extractor(reader, 1, 1)) {
            ex.extract(dataset("img-0.dcm", "img-1.dcm"), sink, p -> {
                throw new IllegalStateException("listener bug");
            });
        }
        assertEquals(2, sink.embedded().size());
    }

    @Test
    void emptyDataset() throws Exception {
        try (EmbeddingExtractor ex = extractor(new SyntheticReader(), 4, 1)) {
            EmbeddingResult r = ex.extract(dataset());
            assertEquals(0, r.size());
            assertEquals(24, r.dimension());
        }
    }

    @Test
    void embedOneFileReadsItWithTheReaderAndReportsItsStage() throws Exception {
        try (EmbeddingExtractor ex = extractor(new SyntheticReader(), 2, 1)) {
            assertArrayEquals(ex.embed(SyntheticReader.imageFor(5)), ex.embed(ROOT.resolve("ACC0/img-5.dcm")));
            MammoException e = assertThrows(MammoException.class, () -> ex.embed(ROOT.resolve("baddecode-1.dcm")));
            assertEquals(Stage.DECODE, e.stage());
            e = assertThrows(MammoException.class, () -> ex.embed(SyntheticReader.withFirstPixel(3, -1)));
            assertEquals(Stage.PREPROCESS, e.stage());
        }
    }

    @Test
    void useAfterCloseIsAClearError() throws Exception {
        EmbeddingExtractor ex = extractor(new SyntheticReader(), 2, 1);
        ex.embed(SyntheticReader.imageFor(0));
        ex.close();
        ex.close(); // idempotent
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ex.embed(SyntheticReader.imageFor(0)));
        assertEquals("EmbeddingExtractor is closed", e.getMessage());
        assertThrows(IllegalStateException.class, () -> ex.extract(dataset("img-0.dcm")));
    }
}
