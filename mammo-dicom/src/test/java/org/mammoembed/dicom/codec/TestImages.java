package org.mammoembed.dicom.codec;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;

/** Test images and an encoder for them: the JDK's own JPEG writer or jai-imageio's JPEG 2000 writer. */
final class TestImages {
    private TestImages() {
    }

    /** A smooth 8-bit grey ramp with a bright square, so lossy coding stays close to it. */
    static BufferedImage grayRamp(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int v = (x * 200 / width + y * 40 / height);
                if (x > width / 4 && x < width / 2 && y > height / 4 && y < height / 2) {
                    v = 250;
                }
                image.getRaster().setSample(x, y, 0, v);
            }
        }
        return image;
    }

    /** An RGB image in flat colour blocks: red, green, blue, white. */
    static BufferedImage rgbBlocks(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        int[][] colours = {{255, 0, 0}, {0, 255, 0}, {0, 0, 255}, {255, 255, 255}};
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int[] c = colours[(x * 2 / width) + 2 * (y * 2 / height)];
                image.getRaster().setPixel(x, y, c);
            }
        }
        return image;
    }

    /** Encodes with the writer whose class name is {@code writerClass} (never whichever ImageIO picks). */
    static byte[] write(BufferedImage image, String format, String writerClass, ImageWriteParam param)
            throws IOException {
        ImageWriter writer = writer(format, writerClass);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    static ImageWriter writer(String format, String writerClass) {
        for (Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName(format); it.hasNext(); ) {
            ImageWriter w = it.next();
            if (w.getClass().getName().equals(writerClass)) {
                return w;
            }
            w.dispose();
        }
        throw new IllegalStateException("no ImageIO writer " + writerClass);
    }

    /** The JDK's libjpeg-based writer at the given quality (0..1). */
    static byte[] jpeg(BufferedImage image, float quality) throws IOException {
        ImageWriter w = writer("jpeg", "com.sun.imageio.plugins.jpeg.JPEGImageWriter");
        ImageWriteParam p = w.getDefaultWriteParam();
        w.dispose();
        p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        p.setCompressionQuality(quality);
        return write(image, "jpeg", "com.sun.imageio.plugins.jpeg.JPEGImageWriter", p);
    }
}
