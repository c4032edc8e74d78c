package org.mammoembed.embed.preprocess;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.mammoembed.core.DecodedImage;
import org.mammoembed.core.ImageMetadata;
import org.mammoembed.core.Photometric;
import org.mammoembed.core.VoiAttributes;
import org.mammoembed.io.NpyFormatException;
import org.mammoembed.io.NpyReader;
import org.mammoembed.io.NpyReader.NpyArray;

/** Test inputs: small DecodedImages, the reference script's synthetic images, and its .npy.gz fixtures. */
public final class TestImages {
    private TestImages() {
    }

    /** A single-frame grayscale image with no VOI attributes. */
    public static DecodedImage gray(int rows, int cols, float[] pixels, Photometric photometric) {
        return image(rows, cols, 1, pixels, photometric);
    }

    public static DecodedImage image(int rows, int cols, int samples, float[] pixels, Photometric photometric) {
        ImageMetadata meta = new ImageMetadata("1.2.840.10008.5.1.4.1.1.1.2", "MG", rows, cols, 1, samples, 16, 12,
                0, photometric.name(), "1.2.840.10008.1.2.1", "L", "CC", null, null, Optional.empty(), Map.of());
        return new DecodedImage(rows, cols, samples, pixels, photometric, meta, VoiAttributes.NONE);
    }

    /**
     * The same image as {@code synthetic_image(rows, cols, seed)} of {@code preprocess_reference.py}: a gradient,
     * a 64-pixel checkerboard and 9 bits of hash noise, integers in [0, 4095].
     */
    public static float[] synthetic(int rows, int cols, int seed) {
        float[] px = new float[rows * cols];
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < cols; x++) {
                int h = (y * cols + x) ^ seed;
                h = (h ^ (h >>> 16)) * 0x45D9F3B;
                h = (h ^ (h >>> 16)) * 0x45D9F3B;
                h = h ^ (h >>> 16);
                long noise = h & 511;
                long grad = (x * 3000L) / cols + (y * 600L) / rows;
                long ring = ((x / 64 + y / 64) % 2) * 300L;
                px[y * cols + x] = Math.min(grad + ring + noise, 4095);
            }
        }
        return px;
    }

    /** A float32 little-endian C-order array read from a gzip-compressed .npy test resource. */
    public static NpyArray readNpyGz(String resource) throws IOException, NpyFormatException {
        try (InputStream raw = TestImages.class.getResourceAsStream(resource)) {
            if (raw == null) {
                throw new IOException("missing test resource " + resource);
            }
            try (InputStream in = new GZIPInputStream(raw)) {
                return NpyReader.parse(resource, in.readAllBytes());
            }
        }
    }
}
