package org.mammoembed.dicom.raster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mammoembed.core.DecodedImage;
import org.mammoembed.core.ImageMetadata;
import org.mammoembed.core.ImageReader;
import org.mammoembed.core.ImageReaders;
import org.mammoembed.core.MammoException;
import org.mammoembed.core.Photometric;
import org.mammoembed.core.Stage;
import org.mammoembed.dicom.DicomFileReader;

/** 16-bit PNG and TIFF exports written here with ImageIO read back to the very same values. */
class RasterImageReaderTest {
    @TempDir
    Path dir;

    /** A 16-bit grey image of full-range pseudo-random values (every bit of every sample matters). */
    static BufferedImage grey16(int w, int h, long seed) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_USHORT_GRAY);
        WritableRaster r = img.getRaster();
        Random rnd = new Random(seed);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                r.setSample(x, y, 0, rnd.nextInt(65536));
            }
        }
        return img;
    }

    static float[] samples(BufferedImage img) {
        return img.getRaster().getPixels(0, 0, img.getWidth(), img.getHeight(), (float[]) null);
    }

    static Path write(BufferedImage img, String format, Path file) throws IOException {
        assertTrue(ImageIO.write(img, format, file.toFile()), "an ImageIO writer for " + format);
        return file;
    }

    private static Path writeTiffPages(Path file, List<BufferedImage> pages) throws IOException {
        ImageWriter w = ImageIO.getImageWritersByFormatName("tiff").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            w.setOutput(out);
            w.prepareWriteSequence(null);
            for (BufferedImage p : pages) {
                w.writeToSequence(new IIOImage(p, null, null), null);
            }
            w.endWriteSequence();
        } finally {
            w.dispose();
        }
        return file;
    }

    @Test
    void sixteenBitPngRoundTripsExactly() throws Exception {
        BufferedImage img = grey16(67, 45, 1);
        Path f = write(img, "png", dir.resolve("view.png"));
        ImageReader png = ImageReaders.named("png");
        assertTrue(png.isImage(f));
        DecodedImage d = png.read(f);
        assertEquals(45, d.rows());
        assertEquals(67, d.columns());
        assertEquals(1, d.samplesPerPixel());
        assertEquals(Photometric.MONOCHROME2, d.photometric());
        assertArrayEquals(samples(img), d.pixels());
        ImageMetadata m = png.readMetadata(f);
        assertEquals(16, m.bitsAllocated());
        assertEquals(16, m.bitsStored());
        assertEquals(1, m.frames());
    }

    @Test
    void sixteenBitTiffRoundTripsExactlyPageByPage() throws Exception {
        BufferedImage p0 = grey16(50, 40, 2);
        BufferedImage p1 = grey16(50, 40, 3);
        Path f = writeTiffPages(dir.resolve("view.tif"), List.of(p0, p1));
        ImageReader tiff = ImageReaders.named("TIFF");
        assertTrue(tiff.isImage(f));
        assertEquals(2, tiff.readMetadata(f).frames());
        assertArrayEquals(samples(p0), tiff.read(f, 0).pixels());
        assertArrayEquals(samples(p1), tiff.read(f, 1).pixels());
        MammoException e = assertThrows(MammoException.class, () -> tiff.read(f, 2));
        assertEquals(Stage.DECODE, e.stage());
        assertTrue(e.getMessage().contains("frame 2 requested but the file has 2 frames"), e.getMessage());
    }

    @Test
    void eachReaderAcceptsOnlyItsFormatByContent() throws Exception {
        Path png = write(grey16(8, 8, 4), "png", dir.resolve("a.png"));
        Path tif = write(grey16(8, 8, 5), "tiff", dir.resolve("a.tif"));
        Path pngNamedTif = Files.copy(png, dir.resolve("really-png.tif"));
        Path text = Files.writeString(dir.resolve("notes.png"), "not an image");
        ImageReader p = RasterImageReader.png();
        ImageReader t = RasterImageReader.tiff();
        assertTrue(p.isImage(png) && p.isImage(pngNamedTif));
        assertFalse(p.isImage(tif) || p.isImage(text) || p.isImage(dir));
        assertTrue(t.isImage(tif));
        assertFalse(t.isImage(png) || t.isImage(pngNamedTif) || t.isImage(text));
        assertFalse(DicomFileReader.create().isImage(png));
        MammoException e = assertThrows(MammoException.class, () -> t.read(png));
        assertEquals(Stage.READ, e.stage());
    }

    @Test
    void aTruncatedPngIsAReadFailureNotACrash() throws Exception {
        Path f = write(grey16(64, 64, 6), "png", dir.resolve("cut.png"));
        byte[] all = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(all, all.length / 2));
        MammoException e = assertThrows(MammoException.class, () -> RasterImageReader.png().read(f));
        assertEquals(Stage.READ, e.stage());
        assertTrue(e.getMessage().startsWith("cut.png: cannot read the png data"), e.getMessage());
    }

    @Test
    void colourKeepsThreeSamplesAndDropsAlpha() throws Exception {
        BufferedImage argb = new BufferedImage(5, 4, BufferedImage.TYPE_INT_ARGB);
        Random rnd = new Random(7);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 5; x++) {
                argb.setRGB(x, y, rnd.nextInt());
            }
        }
        Path f = write(argb, "png", dir.resolve("colour.png"));
        DecodedImage d = RasterImageReader.png().read(f);
        assertEquals(3, d.samplesPerPixel());
        assertEquals(Photometric.RGB, d.photometric());
        int rgb = argb.getRGB(3, 2);
        int i = (2 * 5 + 3) * 3;
        assertEquals((rgb >> 16) & 0xFF, (int) d.pixels()[i]);
        assertEquals((rgb >> 8) & 0xFF, (int) d.pixels()[i + 1]);
        assertEquals(rgb & 0xFF, (int) d.pixels()[i + 2]);
    }

    @Test
    void readersAreFoundByNameAndAutoPicksByContent() throws Exception {
        assertTrue(ImageReaders.available().containsAll(List.of("auto", "dicom", "png", "tiff")),
                ImageReaders.available().toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageReaders.named("jpeg"));
        assertTrue(e.getMessage().startsWith("reader must be one of [auto, dicom, png, tiff], got 'jpeg'"),
                e.getMessage());
        BufferedImage a = grey16(9, 7, 8);
        BufferedImage b = grey16(9, 7, 9);
        Path png = write(a, "png", dir.resolve("x.png"));
        Path tif = write(b, "tiff", dir.resolve("x.tif"));
        ImageReader auto = ImageReaders.named("auto");
        assertArrayEquals(samples(a), auto.read(png).pixels());
        assertArrayEquals(samples(b), auto.read(tif).pixels());
        Path text = Files.writeString(dir.resolve("x.txt"), "text");
        assertFalse(auto.isImage(text));
        assertEquals(Stage.READ, assertThrows(MammoException.class, () -> auto.read(text)).stage());
    }
}
