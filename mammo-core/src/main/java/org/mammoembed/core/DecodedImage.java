package org.mammoembed.core;

import java.util.Objects;
import java.util.Optional;

/**
 * One decoded frame: values after the modality LUT (rescale slope/intercept or the Modality LUT Sequence),
 * before any VOI windowing, MONOCHROME1 not inverted. Samples are interleaved (row-major, then sample), so a
 * colour image has {@code rows * columns * 3} values. Float32 is exact for every integer up to 2^24.
 *
 * <p>A grayscale frame with a linear modality LUT may instead be held as its stored integers
 * ({@link #ofStored}); {@link #pixels()} then maps them to floats on first use (once), and {@link #stored()}
 * lets preprocessing work on the integers directly, without the float image.
 *
 * <p>The pixel array is owned by this object and not copied: callers that keep it must not change it.
 */
public final class DecodedImage {
    private final int rows;
    private final int columns;
    private final int samplesPerPixel;
    private final StoredPixels stored;
    private final Photometric photometric;
    private final ImageMetadata metadata;
    private final VoiAttributes voi;
    private volatile float[] pixels;

    /** A frame held as modality values ({@code rows * columns * samplesPerPixel} floats, not copied). */
    public DecodedImage(int rows, int columns, int samplesPerPixel, float[] pixels, Photometric photometric,
                        ImageMetadata metadata, VoiAttributes voi) {
        this(rows, columns, samplesPerPixel, Objects.requireNonNull(pixels, "pixels"), null, photometric, metadata,
                voi, pixels.length);
    }

    private DecodedImage(int rows, int columns, int samplesPerPixel, float[] pixels, StoredPixels stored,
                         Photometric photometric, ImageMetadata metadata, VoiAttributes voi, long values) {
        Objects.requireNonNull(photometric, "photometric");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(voi, "voi");
        if (rows <= 0 || columns <= 0 || samplesPerPixel <= 0) {
            throw new IllegalArgumentException("bad image size " + rows + "x" + columns + "x" + samplesPerPixel);
        }
        if ((long) rows * columns * samplesPerPixel != values) {
            throw new IllegalArgumentException("pixels has " + values + " values, expected "
                    + ((long) rows * columns * samplesPerPixel));
        }
        this.rows = rows;
        this.columns = columns;
        this.samplesPerPixel = samplesPerPixel;
        this.pixels = pixels;
        this.stored = stored;
        this.photometric = photometric;
        this.metadata = metadata;
        this.voi = voi;
    }

    /**
     * A one-sample grayscale frame held as its stored integers and linear modality LUT ({@code rows * columns}
     * samples, not copied).
     *
     * @throws IllegalArgumentException if the photometric interpretation is not grayscale or the sizes disagree
     */
    public static DecodedImage ofStored(int rows, int columns, StoredPixels stored, Photometric photometric,
                                        ImageMetadata metadata, VoiAttributes voi) {
        Objects.requireNonNull(stored, "stored");
        if (!photometric.isGrayscale()) {
            throw new IllegalArgumentException("stored integers are for grayscale frames, not " + photometric);
        }
        return new DecodedImage(rows, columns, 1, null, stored, photometric, metadata, voi,
                stored.samples().length);
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

    /** Modality values, interleaved; made from the stored integers on first call when held as those. */
    public float[] pixels() {
        float[] p = pixels;
        if (p == null) {
            synchronized (this) {
                p = pixels;
                if (p == null) {
                    p = stored.toModality();
                    pixels = p;
                }
            }
        }
        return p;
    }

    /** The stored integers and linear modality LUT, when the frame is held as those. */
    public Optional<StoredPixels> stored() {
        return Optional.ofNullable(stored);
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
     * The image as one grey plane: grayscale as is, colour as the mean of the three samples. Returns the
     * backing array when the image is already grayscale.
     */
    public float[] grayPlane() {
        if (samplesPerPixel == 1) {
            return pixels();
        }
        float[] pixels = pixels();
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

    @Override
    public String toString() {
        return "DecodedImage[" + rows + "x" + columns + "x" + samplesPerPixel + ", " + photometric
                + (stored != null ? ", stored integers" : "") + "]";
    }
}
