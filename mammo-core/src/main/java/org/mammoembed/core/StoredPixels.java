package org.mammoembed.core;

import java.util.Objects;

/**
 * The stored integer samples of a one-sample (grayscale) frame with the linear modality LUT that maps them:
 * {@code modality(s) = (float) (s * slope + intercept)}, computed in double and rounded once, exactly what the
 * reader's float pixels hold. Lets preprocessing rank and window the integers without a float image; the mapping
 * is monotonic (decreasing when the slope is negative), so order statistics of stored values map to those of
 * modality values.
 *
 * <p>The sample array is owned by this object and not copied (an ownership transfer, as
 * {@link DecodedImage#wrap}): {@link #samples()} lends it to preprocessing, read-only by contract.
 */
public final class StoredPixels {
    /** Widest Bits Stored accepted (the histogram then has {@code 2^bitsStored} bins). */
    public static final int MAX_BITS = 20;

    private final int[] samples;
    private final int bitsStored;
    private final boolean signed;
    private final double slope;
    private final double intercept;

    /**
     * @param samples    stored values, masked to Bits Stored and sign-extended when signed
     * @param bitsStored 1 to {@value #MAX_BITS}: every sample lies in {@link #lowest()}..{@link #highest()}
     * @param signed     Pixel Representation 1
     * @param slope      Rescale Slope, finite and non-zero
     * @param intercept  Rescale Intercept, finite
     */
    public StoredPixels(int[] samples, int bitsStored, boolean signed, double slope, double intercept) {
        this.samples = Objects.requireNonNull(samples, "samples");
        if (bitsStored < 1 || bitsStored > MAX_BITS) {
            throw new IllegalArgumentException("bitsStored must be in [1, " + MAX_BITS + "], got " + bitsStored);
        }
        if (!Double.isFinite(slope) || slope == 0 || !Double.isFinite(intercept)) {
            throw new IllegalArgumentException("rescale must be finite with a non-zero slope, got slope=" + slope
                    + ", intercept=" + intercept);
        }
        this.bitsStored = bitsStored;
        this.signed = signed;
        this.slope = slope;
        this.intercept = intercept;
    }

    /** The stored samples, lent without a copy (the preprocessing hot path): read only. */
    public int[] samples() {
        return samples;
    }

    /** Stored sample {@code i}. */
    public int sample(int i) {
        return samples[i];
    }

    /** Number of samples. */
    public int size() {
        return samples.length;
    }

    /** Smallest value Bits Stored allows. */
    public int lowest() {
        return signed ? -(1 << (bitsStored - 1)) : 0;
    }

    /** Largest value Bits Stored allows. */
    public int highest() {
        return signed ? (1 << (bitsStored - 1)) - 1 : (1 << bitsStored) - 1;
    }

    public double slope() {
        return slope;
    }

    public double intercept() {
        return intercept;
    }

    /** The modality value of one stored value, as the reader's float pixels hold it. */
    public float modality(int stored) {
        return (float) (stored * slope + intercept);
    }

    /** Every sample mapped to its modality value (a new array). */
    public float[] toModality() {
        float[] out = new float[samples.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (samples[i] * slope + intercept);
        }
        return out;
    }
}
