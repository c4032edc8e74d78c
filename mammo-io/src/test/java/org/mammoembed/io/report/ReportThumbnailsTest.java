package org.mammoembed.io.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mammoembed.core.EmbeddedImage;
import org.mammoembed.core.EmbeddingSink;
import org.mammoembed.core.Failure;
import org.mammoembed.core.ImageRecord;
import org.mammoembed.core.Stage;

class ReportThumbnailsTest {
    @TempDir
    Path out;

    /** A 3 x 224 x 224 ImageNet-normalised input whose grey value is {@code grey(x, y)}. */
    static float[] input(java.util.function.IntBinaryOperator grey255) {
        float[] mean = {0.485f, 0.456f, 0.406f};
        float[] std = {0.229f, 0.224f, 0.225f};
        float[] in = new float[3 * 224 * 224];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 224; y++) {
                for (int x = 0; x < 224; x++) {
                    float v = grey255.applyAsInt(x, y) / 255f;
                    in[c * 224 * 224 + y * 224 + x] = (v - mean[c]) / std[c];
                }
            }
        }
        return in;
    }

    @Test
    void showsTheNetworkInputUndoingTheNormalisation() throws Exception {
        ReportThumbnails thumbs = ReportThumbnails.in(out);
        // left half black, right half white: 224 -> 80 puts the edge exactly between output columns 39 and 40
        thumbs.write("ACC1/L_CC.dcm", input((x, y) -> x < 112 ? 0 : 255), 3, 224, 224);
        BufferedImage png = ImageIO.read(thumbs.file("ACC1/L_CC.dcm").toFile());
        assertEquals(80, png.getWidth());
        assertEquals(80, png.getHeight());
        for (int y = 0; y < 80; y++) {
            for (int x = 0; x < 80; x++) {
                assertEquals(x < 40 ? 0 : 255, png.getRaster().getSample(x, y, 0), "pixel " + x + "," + y);
            }
        }
        // a horizontal ramp stays a ramp: the area average of 0..223 over each output span
        thumbs.write("ACC2/R_MLO.dcm", input((x, y) -> x), 3, 224, 224);
        BufferedImage ramp = ImageIO.read(thumbs.file("ACC2/R_MLO.dcm").toFile());
        for (int x = 0; x < 80; x++) {
            double centre = (x + 0.5) * 224 / 80 - 0.5;
            assertEquals(centre * 255 / 223, ramp.getRaster().getSample(x, 17, 0), 1.0, "column " + x);
        }
    }

    @Test
    void writesEachImageOnceUnderANameWithoutIdentifiers() throws Exception {
        ReportThumbnails thumbs = ReportThumbnails.in(out, 32);
        String rel = "ACC777/L_CC.dcm";
        assertFalse(thumbs.has(rel));
        assertTrue(thumbs.write(rel, input((x, y) -> y), 3, 224, 224));
        byte[] first = Files.readAllBytes(thumbs.file(rel));
        assertFalse(thumbs.write(rel, input((x, y) -> 255 - y), 3, 224, 224));
        assertArrayEquals(first, Files.readAllBytes(thumbs.file(rel)));
        String name = ReportThumbnails.fileName(rel);
        assertTrue(name.matches("[0-9a-f]{24}\\.png"), name);
        assertEquals(out.resolve("report").resolve("thumbs").resolve(name), thumbs.file(rel));
    }

    @Test
    void refusesAnInputThatDoesNotHoldTheShapeAndABadSize() {
        ReportThumbnails thumbs = ReportThumbnails.in(out);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> thumbs.write("a", new float[10], 3, 224, 224));
        assertEquals("input of 10 values does not hold 3 x 224 x 224", e.getMessage());
        assertEquals("thumbnail size must be in [16, 512], got 8",
                assertThrows(IllegalArgumentException.class, () -> ReportThumbnails.in(out, 8)).getMessage());
    }

    @Test
    void thumbnailingSinkWritesFromTheInputAndPassesEverythingOn() throws Exception {
        List<String> seen = new ArrayList<>();
        EmbeddingSink inner = new EmbeddingSink() {
            @Override
            public void accept(EmbeddedImage image, float[] feature) {
                seen.add("accept " + image.index());
            }

            @Override
            public void failed(Failure failure) {
                seen.add("failed " + failure.relativePath());
            }

            @Override
            public void preprocessed(ImageRecord image, float[] in, int c, int h, int w) {
                seen.add("input " + image.relativePath());
            }
        };
        ReportThumbnails thumbs = ReportThumbnails.in(out);
        ThumbnailingSink sink = new ThumbnailingSink(inner, thumbs);
        ImageRecord record = new ImageRecord("A1", null, out.resolve("x.dcm"), "A1/x.dcm", Map.of());
        sink.preprocessed(record, input((x, y) -> 128), 3, 224, 224);
        sink.accept(new EmbeddedImage(0, record, "CC", "L"), new float[4]);
        sink.failed(new Failure("A1", "A1/y.dcm", Stage.DECODE, "E", "m"));
        assertTrue(thumbs.has("A1/x.dcm"));
        assertEquals(List.of("input A1/x.dcm", "accept 0", "failed A1/y.dcm"), seen);
    }
}
