package org.mammoembed.core;

import java.util.Objects;

/**
 * One decoded frame: values after the modality LUT (rescale slope/intercept or the Modality LUT Sequence),
 * before any VOI windowing, MONOCHROME1 not inverted. Samples are interleaved (row-major, then sample), so a
 * colour image has {@code rows * columns * 3} values. Float32 is exact for every integer up to 2^24.
 *
 * <p>The pixel array is owned by this object and not copied: callers that keep it must not change it.
 */
public record DecodedImage(int rows, int columns, int samplesPerPixel, float[] pixels, Photometric photometric,
                           ImageMetadata metadata, VoiAttributes voi) {

    public DecodedImage {
        Objects.requireNonNull(pixels, "pixels");
        Objects.requireNonNull(photometric, "photometric");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(voi, "voi");
        if (rows <= 0 || columns <= 0 || samplesPerPixel <= 0) {
            throw new IllegalArgumentException("bad image size " + rows + "x" + columns + "x" + samplesPerPixel);
        }
        if ((long) rows * columns * samplesPerPixel != pixels.length) {
            throw new IllegalArgumentException("pixels has " + pixels.length + " values, expected "
                    + ((long) rows * columns * samplesPerPixel));
        }
    }

    /** Number of pixels (not samples). */
    public int pixelCount() {
        return rows * columns;
    }

    /**
     * The image as one grey plane: grayscale as is, colour as the mean of the three samples. Returns the
     * backing array when the image is already grayscale.
     */
    public float[] grayPlane() {
        if (samplesPerPixel == 1) {
            return pixels;
        }
        float[] g = new float[pixelCount()];
        for (int i = 0, s = 0; i < g.length; i++, s += samplesPerPixel) {
            double sum = 0;
            for (int k = 0; k < samplesPerPixel; k++) {
                sum += pixels[s + k];
            }
            g[i] = (float) (sum / samplesPerPixel);
        }
        return g;
    }
}
