package org.mammoembed.core;

import java.util.Objects;
import java.util.Optional;

/**
 * One decoded frame: values after the modality LUT (rescale slope/intercept or the Modality LUT Sequence),
 * before any VOI windowing, MONOCHROME1 not inverted. Samples are interleaved (row-major, then sample), so a
 * colour image has {@code rows * columns * 3} values. Float32 is exact for every integer up to 2^24.
 *
 * <p>Immutable. The public constructor copies the pixels and {@link #pixels()} returns a copy. Copying a
 * detector-size image costs a full pass over 17 to 34 MB, so the hot-path doors are documented ownership
 * transfers instead: a reader hands its freshly decoded array over with {@link #wrap} or its stored integers with
 * {@link #ofStored} (and never touches them again), and {@link #grayPlane()} and {@link #stored()} lend the
 * image's own arrays to preprocessing, read-only by contract. An image whose words a {@link FrameBuffers} lent
 * ends its life when it is {@link FrameBuffers#recycle recycled}: its stored samples then throw.
 *
 * <p>A grayscale frame with a linear modality LUT may be held as its stored integers ({@link #ofStored}): the
 * float values are then made from them on first need (once), and preprocessing can rank and window the
 * integers directly, without a float image.
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

    /** An image over a copy of {@code pixels}. */
    public DecodedImage(int rows, int columns, int samplesPerPixel, float[] pixels, Photometric photometric,
                        ImageMetadata metadata, VoiAttributes voi) {
        this(Objects.requireNonNull(pixels, "pixels").clone(), null, rows, columns, samplesPerPixel, photometric,
                metadata, voi);
    }

    /** Takes {@code pixels} or {@code stored} (exactly one non-null) as is. */
    private DecodedImage(float[] pixels, StoredPixels stored, int rows, int columns, int samplesPerPixel,
                         Photometric photometric, ImageMetadata metadata, VoiAttributes voi) {
        this.photometric = Objects.requireNonNull(photometric, "photometric");
        this.metadata = Objects.requireNonNull(metadata, "metadata");
        this.voi = Objects.requireNonNull(voi, "voi");
        if (rows <= 0 || columns <= 0 || samplesPerPixel <= 0) {
            throw new IllegalArgumentException("bad image size " + rows + "x" + columns + "x" + samplesPerPixel);
        }
        long values = pixels != null ? pixels.length : stored.size();
        if ((long) rows * columns * samplesPerPixel != values) {
            throw new IllegalArgumentException("pixels has " + values + " values, expected "
                    + ((long) rows * columns * samplesPerPixel));
        }
        this.rows = rows;
        this.columns = columns;
        this.samplesPerPixel = samplesPerPixel;
        this.pixels = pixels;
        this.stored = stored;
    }

    /**
     * An image that takes ownership of {@code pixels} without copying it: for readers handing over the array
     * they just decoded. The caller must not keep, read or change the array afterwards.
     */
    public static DecodedImage wrap(int rows, int columns, int samplesPerPixel, float[] pixels,
                                    Photometric photometric, ImageMetadata metadata, VoiAttributes voi) {
        return new DecodedImage(Objects.requireNonNull(pixels, "pixels"), null, rows, columns, samplesPerPixel,
                photometric, metadata, voi);
    }

    /**
     * A one-sample grayscale frame held as its stored integers and linear modality LUT, taking ownership of
     * {@code stored} as {@link #wrap} does of an array.
     *
     * @throws IllegalArgumentException if the photometric interpretation is not grayscale or the sizes disagree
     */
    public static DecodedImage ofStored(int rows, int columns, StoredPixels stored, Photometric photometric,
                                        ImageMetadata metadata, VoiAttributes voi) {
        Objects.requireNonNull(stored, "stored");
        if (!Objects.requireNonNull(photometric, "photometric").isGrayscale()) {
            throw new IllegalArgumentException("stored integers are for grayscale frames, not " + photometric);
        }
        return new DecodedImage(null, stored, rows, columns, 1, photometric, metadata, voi);
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
        return values().clone();
    }

    /** Sample {@code i} of the interleaved array, without copying. */
    public float sample(int i) {
        float[] p = pixels;
        return p != null ? p[i] : stored.modality(stored.sample(i));
    }

    /** Number of samples ({@code rows * columns * samplesPerPixel}). */
    public int sampleCount() {
        return rows * columns * samplesPerPixel;
    }

    /**
     * The stored integers and linear modality LUT, when the frame is held as those (lent, not copied: read
     * only). Empty for frames held as floats.
     */
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
     * The image as one grey plane: colour as a new array holding the mean of the three samples; grayscale as
     * the image's own array, lent without a copy (the preprocessing hot path), which the caller must only
     * read. Callers that change it use {@link #pixels()} instead.
     */
    public float[] grayPlane() {
        float[] pixels = values();
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

    /** The float samples, made from the stored integers on first need. */
    private float[] values() {
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

    /** Equal size, photometric, metadata, VOI and sample values. */
    @Override
    public boolean equals(Object o) {
        return o instanceof DecodedImage d && rows == d.rows && columns == d.columns
                && samplesPerPixel == d.samplesPerPixel && photometric == d.photometric
                && metadata.equals(d.metadata) && voi.equals(d.voi) && java.util.Arrays.equals(values(), d.values());
    }

    @Override
    public int hashCode() {
        return Objects.hash(rows, columns, samplesPerPixel, photometric, metadata, voi)
                * 31 + java.util.Arrays.hashCode(values());
    }

    @Override
    public String toString() {
        return "DecodedImage[" + rows + "x" + columns + "x" + samplesPerPixel + ", " + photometric
                + (stored != null ? ", stored integers" : "") + ", " + metadata + "]";
    }
}
