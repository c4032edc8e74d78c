package org.mammoembed.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mammoembed.core.Dataset;
import org.mammoembed.core.EmbeddingResult;
import org.mammoembed.core.ImageRecord;
import org.mammoembed.io.NpyReader;
import org.mammoembed.io.NpyReader.NpyArray;

/**
 * The whole default pipeline (DicomFileReader, Preprocessing.defaults(), the seed-42 ResNet50, batching) on real
 * corpus mammograms reproduces the PyTorch reference ({@code examples/python/reference_pipeline.py}, fixture
 * made by {@code src/test/python/make_corpus_reference.py}); the same image in other encodings (JPEG-LS, RLE)
 * gives the same features. Opt-in: {@code -Dmammo.corpus=... -Dmammo.models=...}.
 */
class EndToEndParityTest {
    /** {file, row of the reference it must match}: rows are deflate nyu_1, mono1 nyu_2, MG_Explicit_Little. */
    private static final Object[][] IMAGES = {
        {"nyukat-derived/nyu_1_L_CC_deflate.dcm", 0},
        {"nyukat-derived/nyu_1_L_CC_jpegls.dcm", 0},
        {"nyukat-derived/nyu_2_R_CC_mono1.dcm", 1},
        {"nyukat-derived/nyu_2_R_CC_rle.dcm", 1},
        {"gh-notZaki-DICOMSamples/MG_Explicit_Little.dcm", 2},
    };

    @Test
    void defaultPipelineMatchesPyTorchOnCorpusMammograms() throws Exception {
        String corpusProp = System.getProperty("mammo.corpus", "");
        assumeTrue(!corpusProp.isBlank() && Files.isDirectory(Path.of(corpusProp)),
                "set -Dmammo.corpus=/work/shared/dicom-corpus to run the end-to-end parity test");
        Path corpus = Path.of(corpusProp);
        Path model = OrtParityTest.modelsDir().resolve("resnet50-random-seed42.onnx");
        List<ImageRecord> records = new ArrayList<>();
        for (Object[] image : IMAGES) {
            String rel = (String) image[0];
            records.add(new ImageRecord(rel.substring(0, rel.indexOf('/')), null, corpus.resolve(rel), rel, Map.of()));
        }
        String refName = "corpus-reference-features.npy";
        NpyArray ref = NpyReader.parse(refName, TestImages.resource(refName));
        int dim = (int) ref.shape()[1];
        try (EmbeddingExtractor ex = EmbeddingExtractor.builder().model(model).batchSize(2).intraOpThreads(2)
                .build()) {
            EmbeddingResult r = ex.extract(new Dataset(corpus, records, List.of()));
            assertEquals(List.of(), r.failures());
            assertEquals(IMAGES.length, r.size());
            for (int i = 0; i < IMAGES.length; i++) {
                int row = (Integer) IMAGES[i][1];
                float[] got = r.row(i);
                RowAgreement agreement = RowAgreement.of(got, ref.data(), row * dim);
                double maxDiff = agreement.maxAbsDiff();
                double maxRef = agreement.referenceScale();
                assertTrue(agreement.cosine() >= 0.99999, IMAGES[i][0] + ": cosine " + agreement.cosine());
                assertTrue(maxDiff <= 1e-3, IMAGES[i][0] + ": max |java - torch| " + maxDiff);
                // measured: 6.1e-5 absolute, 3.2e-7 of the row's largest value (float32 summation order)
                assertTrue(maxDiff <= 1e-5 * maxRef, IMAGES[i][0] + ": max |java - torch| " + maxDiff
                        + " for values up to " + maxRef);
            }
            assertEquals("L", r.index().get(0).laterality());
            assertEquals("CC", r.index().get(0).viewPosition());
        }
    }
}
