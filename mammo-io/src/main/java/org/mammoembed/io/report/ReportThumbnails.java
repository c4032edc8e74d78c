package org.mammoembed.io.report;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.mammoembed.io.internal.AtomicOutput;
import org.mammoembed.io.internal.Sha256;

/**
 * The report's thumbnails: one small grey PNG per image under {@code report/thumbs/}, made from the network
 * input itself (the preprocessed channels x height x width tensor), so a thumbnail shows exactly what the
 * network saw. Channel 0 is mapped linearly from its minimum (black) to its maximum (white), which undoes any
 * per-channel normalisation, and area-averaged down to {@link #size()} pixels on the long side.
 *
 * <p>A thumbnail's file name is derived from the image's path relative to the DICOM root (a SHA-256 prefix,
 * so no identifier appears in file names), so it is written at most once per image: a resumed run or a second
 * report over the same folder finds it there. Thread-safe: the extractor's workers call {@link #write}
 * concurrently; each file is written atomically.
 */
public final class ReportThumbnails {
    /** Default long side in pixels: small enough that 20,000 thumbnails stay well under 100 MB. */
    public static final int DEFAULT_SIZE = 80;
    static final String FOLDER = "thumbs";

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private final Path folder;
    private final int size;

    private ReportThumbnails(Path folder, int size) {
        this.folder = folder;
        this.size = size;
    }

    /** Thumbnails of the report written into {@code outputFolder} ({@code report/thumbs/}), default size. */
    public static ReportThumbnails in(Path outputFolder) {
        return in(outputFolder, DEFAULT_SIZE);
    }

    /**
     * @param size long side in pixels, 16-512 (default {@value #DEFAULT_SIZE})
     */
    public static ReportThumbnails in(Path outputFolder, int size) {
        if (size < 16 || size > 512) {
            throw new IllegalArgumentException("thumbnail size must be in [16, 512], got " + size);
        }
        return new ReportThumbnails(StudyReport.assetsFolder(outputFolder).resolve(FOLDER), size);
    }

    /** Long side in pixels. */
    public int size() {
        return size;
    }

    /** The file name of an image's thumbnail: 24 hex digits of the SHA-256 of its relative path, {@code .png}. */
    public static String fileName(String relativePath) {
        return Sha256.of(relativePath.getBytes(StandardCharsets.UTF_8)).substring(0, 24) + ".png";
    }

    /** Where the thumbnail of the image at {@code relativePath} lives. */
    public Path file(String relativePath) {
        return folder.resolve(fileName(relativePath));
    }

    /** Whether this image's thumbnail was written already. */
    public boolean has(String relativePath) {
        return Files.isRegularFile(file(relativePath));
    }

    /**
     * Writes the thumbnail of one network input unless it exists.
     *
     * @param input channels x height x width values (only channel 0 is used)
     * @return false when the thumbnail was there already
     */
    public boolean write(String relativePath, float[] input, int channels, int height, int width)
            throws IOException {
        if (channels < 1 || height < 1 || width < 1 || (long) channels * height * width > input.length) {
            throw new IllegalArgumentException("input of " + input.length + " values does not hold "
                    + channels + " x " + height + " x " + width);
        }
        Path target = file(relativePath);
        if (Files.isRegularFile(target)) {
            return false;
        }
        BufferedImage png = render(input, height, width, size);
        AtomicOutput.write(target, out -> {
            if (!ImageIO.write(png, "png", out)) {
                throw new IOException("no PNG writer available in this Java runtime");
            }
        });
        return true;
    }

    /** Channel 0 of a CHW tensor, stretched to 0-255 and area-averaged to {@code size} on the long side. */
    static BufferedImage render(float[] input, int height, int width, int size) {
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        int plane = height * width;
        for (int i = 0; i < plane; i++) {
            float v = input[i];
            if (Float.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        float scale = hi > lo ? 255f / (hi - lo) : 0f;
        int outW = width >= height ? Math.min(size, width) : Math.max(1, Math.round((float) size * width / height));
        int outH = height > width ? Math.min(size, height) : Math.max(1, Math.round((float) size * height / width));
        AreaAverage rows = new AreaAverage(height, outH);
        AreaAverage cols = new AreaAverage(width, outW);
        float[] horizontal = new float[height * outW];
        for (int y = 0; y < height; y++) {
            cols.apply(input, y * width, 1, horizontal, y * outW, 1);
        }
        float[] out = new float[outH * outW];
        for (int x = 0; x < outW; x++) {
            rows.apply(horizontal, x, outW, out, x, outW);
        }
        BufferedImage img = new BufferedImage(outW, outH, BufferedImage.TYPE_BYTE_GRAY);
        byte[] pixels = ((java.awt.image.DataBufferByte) img.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < out.length; i++) {
            float v = Float.isFinite(out[i]) ? (out[i] - lo) * scale : 0f;
            pixels[i] = (byte) Math.max(0, Math.min(255, Math.round(v)));
        }
        return img;
    }

    /** Box-filter weights from n source samples to m output samples: each output averages the span it covers. */
    private static final class AreaAverage {
        private final int[] first;
        private final float[][] weights;

        AreaAverage(int n, int m) {
            first = new int[m];
            weights = new float[m][];
            double step = (double) n / m;
            for (int o = 0; o < m; o++) {
                double a = o * step;
                double b = Math.min(n, (o + 1) * step);
                int s0 = (int) Math.floor(a);
                int s1 = Math.max(s0 + 1, (int) Math.ceil(b));
                float[] w = new float[s1 - s0];
                for (int s = s0; s < s1; s++) {
                    double cover = Math.min(b, s + 1) - Math.max(a, s);
                    w[s - s0] = (float) (Math.max(0, cover) / (b - a));
                }
                first[o] = s0;
                weights[o] = w;
            }
        }

        void apply(float[] src, int srcOffset, int srcStride, float[] dst, int dstOffset, int dstStride) {
            for (int o = 0; o < first.length; o++) {
                float acc = 0;
                float[] w = weights[o];
                int s = srcOffset + first[o] * srcStride;
                for (int t = 0; t < w.length; t++, s += srcStride) {
                    acc += w[t] * src[s];
                }
                dst[dstOffset + o * dstStride] = acc;
            }
        }
    }
}
