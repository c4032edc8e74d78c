package org.mammoembed.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mammoembed.core.Dataset;
import org.mammoembed.core.EmbeddingResult;
import org.mammoembed.core.ImageRecord;
import org.mammoembed.dicom.DicomAttributes;
import org.mammoembed.dicom.DicomWriter;
import org.mammoembed.dicom.NativePixels;
import org.mammoembed.dicom.Tag;
import org.mammoembed.dicom.Vr;
import org.mammoembed.io.NpyReader;
import org.mammoembed.io.NpyReader.NpyArray;

/**
 * The whole default pipeline on phantoms of real detector sizes (3328 x 2560, 2294 x 1914, 4096 x 3328) written
 * as 12-bit MG DICOM files, against the independent PyTorch reference computed on the same integer-defined
 * pixels ({@code src/test/python/make_phantom_reference.py}): cosine similarity >= 0.99999 and max abs
 * difference <= 1e-3 per image. Opt-in: {@code -Dmammo.models=...} (the seed-42 ResNet50).
 */
class EndToEndPhantomParityTest {
    private static final int[][] SIZES = {{3328, 2560}, {2294, 1914}, {4096, 3328}};

    @TempDir
    Path tmp;

    /** Mirrors {@code phantom()} of make_phantom_reference.py, in exact integer arithmetic. */
    static int[] phantom(int rows, int cols) {
        long a = cols * 3L / 4;
        long b = rows * 9L / 20;
        long cy = rows / 2;
        int[] v = new int[rows * cols];
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < cols; x++) {
                boolean inside = (long) x * x * b * b + (y - cy) * (y - cy) * a * a <= a * a * b * b;
                long tissue = 1000 + (x * 37L + y * 11L) % 1500 + ((x / 64 + y / 64) % 2) * 800L;
                v[y * cols + x] = inside ? (int) tissue : 0;
            }
        }
        return v;
    }

    @Test
    void defaultPipelineMatchesPyTorchOnDetectorSizedPhantoms() throws Exception {
        Path model = OrtParityTest.modelsDir().resolve("resnet50-random-seed42.onnx");
        List<ImageRecord> records = new ArrayList<>();
        DicomWriter writer = DicomWriter.builder().build();
        for (int[] size : SIZES) {
            String rel = "P" + size[0] + "/image.dcm";
            Path file = tmp.resolve(rel);
            java.nio.file.Files.createDirectories(file.getParent());
            DicomAttributes a = new DicomAttributes()
                    .setString(Tag.SOP_CLASS_UID, Vr.UI, "1.2.840.10008.5.1.4.1.1.1.2")
                    .setString(Tag.MODALITY, Vr.CS, "MG");
            writer.write(file, NativePixels.grayscale(size[0], size[1], 16, 12, false, "MONOCHROME2",
                    phantom(size[0], size[1])).writeTo(a));
            records.add(new ImageRecord("P" + size[0], null, file, rel, Map.of()));
        }
        String refName = "phantom-reference-features.npy";
        NpyArray ref = NpyReader.parse(refName, TestImages.resource(refName));
        int dim = (int) ref.shape()[1];
        assertEquals(SIZES.length, ref.shape()[0]);
        try (EmbeddingExtractor ex = EmbeddingExtractor.builder().model(model).batchSize(2).build()) {
            EmbeddingResult r = ex.extract(new Dataset(tmp, records, List.of()));
            assertEquals(List.of(), r.failures());
            for (int i = 0; i < SIZES.length; i++) {
                RowAgreement agreement = RowAgreement.of(r.row(i), ref.data(), i * dim);
                double cosine = agreement.cosine();
                double maxDiff = agreement.maxAbsDiff();
                String what = SIZES[i][0] + "x" + SIZES[i][1];
                assertTrue(cosine >= 0.99999, what + ": cosine " + cosine);
                assertTrue(maxDiff <= 1e-3, what + ": max |java - torch| " + maxDiff);
            }
        }
    }
}
