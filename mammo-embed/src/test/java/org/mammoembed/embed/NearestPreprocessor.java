package org.mammoembed.embed;

import org.mammoembed.core.DecodedImage;
import org.mammoembed.core.MammoException;
import org.mammoembed.core.Stage;

/**
 * A trivial preprocessor for plumbing tests: nearest-neighbour resize of the grey plane to size x size, scaled to
 * about [0, 1], the same plane in the three channels. An image whose first pixel is negative is refused
 * (stage PREPROCESS), so tests can make one image fail there.
 */
final class NearestPreprocessor implements ImagePreprocessor {
    private final int height;
    private final int width;

    NearestPreprocessor(int height, int width) {
        this.height = height;
        this.width = width;
    }

    static NearestPreprocessor tiny() {
        return new NearestPreprocessor(TestImages.TINY_SIZE, TestImages.TINY_SIZE);
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public void apply(DecodedImage image, float[] dst, int offset) throws MammoException {
        float[] g = image.grayPlane();
        if (g[0] < 0) {
            throw new MammoException(Stage.PREPROCESS, "test preprocessor refuses a negative first pixel");
        }
        int plane = height * width;
        for (int y = 0; y < height; y++) {
            int sy = y * image.rows() / height;
            for (int x = 0; x < width; x++) {
                int sx = x * image.columns() / width;
                float v = g[sy * image.columns() + sx] / 4096f;
                for (int c = 0; c < 3; c++) {
                    dst[offset + c * plane + y * width + x] = v;
                }
            }
        }
    }

    @Override
    public String describe() {
        return "nearest " + height + "x" + width + " /4096";
    }
}
