package org.mammoembed.embed;

import org.mammoembed.core.DecodedImage;
import org.mammoembed.core.MammoException;
import org.mammoembed.core.Stage;

/**
 * A trivial preprocessor for plumbing tests: nearest-neighbour resize of the grey plane to size x size, scaled to
 * about [0, 1], the same plane in the three channels. An image whose first pixel is negative is refused
 * (stage PREPROCESS), so tests can make one image fail there.
 */
final class NearestPreprocessor extends FixedSizePreprocessor {
    NearestPreprocessor(int height, int width) {
        super(height, width);
    }

    static NearestPreprocessor tiny() {
        return new NearestPreprocessor(TestImages.TINY_SIZE, TestImages.TINY_SIZE);
    }

    @Override
    public void apply(DecodedImage image, float[] dst, int offset) throws MammoException {
        float[] g = image.grayPlane();
        if (g[0] < 0) {
            throw new MammoException(Stage.PREPROCESS, "test preprocessor refuses a negative first pixel");
        }
        int height = height();
        int width = width();
        float[] plane = new float[height * width];
        for (int y = 0; y < height; y++) {
            int sy = y * image.rows() / height;
            for (int x = 0; x < width; x++) {
                int sx = x * image.columns() / width;
                plane[y * width + x] = g[sy * image.columns() + sx] / 4096f;
            }
        }
        // the grey plane into each channel, with nothing subtracted or divided
        for (int c = 0; c < 3; c++) {
            System.arraycopy(plane, 0, dst, offset + c * plane.length, plane.length);
        }
    }

    @Override
    public String describe() {
        return "nearest " + height() + "x" + width() + " /4096";
    }
}
