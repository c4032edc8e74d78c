package org.mammoembed.core;

import java.util.Objects;

/**
 * One decoded frame: values after the modality LUT (rescale slope/intercept or the Modality LUT Sequence),
 * before any VOI windowing, MONOCHROME1 not inverted. Samples are interleaved (row-major, then sample), so a
 * colour image has {@code rows * columns * 3} values. Float32 is exact for every integer up to 2^24.
 *
 * <p>Immutable. The public constructor copies the pixels and {@link #pixels()} returns a copy. Copying a
 * detector-size image costs a full pass over 17 to 34 MB, so the two hot-path doors are documented ownership
 * transfers instead: a reader hands its freshly decoded array over with {@link #wrap} (and never touches it
 * again), and {@link #grayPlane()} lends a grayscale image's own array to preprocessing, read-only by contract.
 */
public final class DecodedImage {
    private final int rows;
    private final int columns;
    private final int samplesPerPixel;
    private final float[] pixels;
    private final Photometric photometric;
    private final ImageMetadata metadata;
    private final VoiAttributes voi;

    /** An image over a copy of {@code pixels}. */
    public DecodedImage(int rows, int columns, int samplesPerPixel, float[] pixels, Photometric photometric,
                        ImageMetadata metadata, VoiAttributes voi) {
        this(Objects.requireNonNull(pixels, "pixels").clone(), rows, columns, samplesPerPixel, photometric,
                metadata, voi);
    }

    /** Takes {@code pixels} as is (the argument order tells it apart from the copying constructor). */
    private DecodedImage(float[] pixels, int rows, int columns, int samplesPerPixel, Photometric photometric,
                         ImageMetadata metadata, VoiAttributes voi) {
        Objects.requireNonNull(pixels, "pixels");
        this.photometric = Objects.requireNonNull(photometric, "photometric");
        this.metadata = Objects.requireNonNull(metadata, "metadata");
        this.voi = Objects.requireNonNull(voi, "voi");
        if (rows <= 0 || columns <= 0 || samplesPerPixel <= 0) {
            throw new IllegalArgumentException("bad image size " + rows + "x" + columns + "x" + samplesPerPixel);
        }
        if ((long) rows * columns * samplesPerPixel != pixels.length) {
            throw new IllegalArgumentException("pixels has " + pixels.length + " values, expected "
                    + ((long) rows * columns * samplesPerPixel));
        }
        this.rows = rows;
        this.columns = columns;
        this.samplesPerPixel = samplesPerPixel;
        this.pixels = pixels;
    }

    /**
     * An image that takes ownership of {@code pixels} without copying it: for readers handing over the array
     * they just decoded. The caller must not keep, read or change the array afterwards.
     */
    public static DecodedImage wrap(int rows, int columns, int samplesPerPixel, float[] pixels,
                                    Photometric photometric, ImageMetadata metadata, VoiAttributes voi) {
        return new DecodedImage(pixels, rows, columns, samplesPerPixel, photometric, metadata, voi);
    }

    public int rows() {
        return rows;
    }

    public int columns() {
        return columns;
    }

    public int samplesPerPixel() {
        return samplesPerPixel;
    }

    /** A copy of the interleaved samples ({@code rows * columns * samplesPerPixel} values). */
    public float[] pixels() {
        return pixels.clone();
    }

    /** Sample {@code i} of the interleaved array, without copying. */
    public float sample(int i) {
        return pixels[i];
    }

    /** Number of samples ({@code rows * columns * samplesPerPixel}). */
    public int sampleCount() {
        return pixels.length;
    }

    public Photometric photometric() {
        return photometric;
    }

    public ImageMetadata metadata() {
        return metadata;
    }

    public VoiAttributes voi() {
        return voi;
    }

    /** Number of pixels (not samples). */
    public int pixelCount() {
        return rows * columns;
    }

    /**
     * The image as one grey plane: colour as a new array holding the mean of the three samples; grayscale as
     * the image's own array, lent without a copy (the preprocessing hot path), which the caller must only
     * read. Callers that change it use {@link #pixels()} instead.
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

    /** Equal size, photometric, metadata, VOI and sample values. */
    @Override
    public boolean equals(Object o) {
        return o instanceof DecodedImage d && rows == d.rows && columns == d.columns
                && samplesPerPixel == d.samplesPerPixel && photometric == d.photometric
                && metadata.equals(d.metadata) && voi.equals(d.voi) && java.util.Arrays.equals(pixels, d.pixels);
    }

    @Override
    public int hashCode() {
        return Objects.hash(rows, columns, samplesPerPixel, photometric, metadata, voi)
                * 31 + java.util.Arrays.hashCode(pixels);
    }

    @Override
    public String toString() {
        return "DecodedImage[" + rows + "x" + columns + "x" + samplesPerPixel + ", " + photometric + ", "
                + metadata + "]";
    }
}
