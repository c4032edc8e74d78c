package org.mammoembed.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mammoembed.core.Dataset;
import org.mammoembed.core.DecodedImage;
import org.mammoembed.core.EmbeddingResult;
import org.mammoembed.core.ImageReader;
import org.mammoembed.core.ImageReaders;
import org.mammoembed.core.Photometric;

/**
 * A study of 16-bit PNG exports, in the usual CSV + {@code archive/<AccessionNumber>/} layout, embeds through
 * the library API with {@code ImageReaders.named("png")}: every export is found, read and embedded, to the
 * embedding of the very pixels that were written.
 */
class PngStudyTest {
    @TempDir
    Path dir;

    @Test
    void aStudyOfSixteenBitPngExportsEmbeds() throws Exception {
        Path root = dir.resolve("archive");
        List<float[]> written = new ArrayList<>();
        String[][] exams = {{"E1", "A"}, {"E2", "C"}};
        Random rnd = new Random(42);
        for (String[] exam : exams) {
            Files.createDirectories(root.resolve(exam[0]));
            for (String view : new String[] {"L_CC.png", "L_MLO.png"}) {
                BufferedImage img = new BufferedImage(40, 48, BufferedImage.TYPE_USHORT_GRAY);
                WritableRaster r = img.getRaster();
                for (int y = 0; y < 48; y++) {
                    for (int x = 0; x < 40; x++) {
                        r.setSample(x, y, 0, rnd.nextInt(4096) * 16);
                    }
                }
                ImageIO.write(img, "png", root.resolve(exam[0]).resolve(view).toFile());
                written.add(r.getPixels(0, 0, 40, 48, (float[]) null));
            }
        }
        Files.writeString(root.resolve("E1/notes.txt"), "not an image");
        Path csv = Files.writeString(dir.resolve("classificacao.csv"), "AccessionNumber,Classification\nE1,A\nE2,C\n");

        ImageReader png = ImageReaders.named("png");
        Dataset study = Dataset.fromCsv(csv, root, png);
        assertEquals(4, study.size());
        assertEquals(List.of(), study.problems());
        assertEquals("E1/L_CC.png", study.images().get(0).relativePath());
        try (EmbeddingExtractor ex = EmbeddingExtractor.builder().model(TestImages.model("tiny_backbone.onnx"))
                .preprocessing(NearestPreprocessor.tiny()).reader(png).batchSize(3).build()) {
            EmbeddingResult result = ex.extract(study);
            assertEquals(List.of(), result.failures());
            assertEquals(4, result.size());
            for (int i = 0; i < 4; i++) {
                DecodedImage same = new DecodedImage(48, 40, 1, written.get(i), Photometric.MONOCHROME2,
                        png.readMetadata(study.images().get(i).path()), org.mammoembed.core.VoiAttributes.NONE);
                assertArrayEquals(ex.embed(same), result.row(i), "row " + i);
            }
            assertTrue(result.row(0)[0] != result.row(1)[0] || result.row(0)[1] != result.row(1)[1],
                    "different images, different embeddings");
        }
    }
}
