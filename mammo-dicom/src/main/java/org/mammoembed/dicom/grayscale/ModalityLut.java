package org.mammoembed.dicom.grayscale;

import java.util.Objects;
import java.util.Optional;
import org.mammoembed.core.VoiAttributes;

/**
 * The Modality LUT stage (PS3.3 C.11.1): stored values to modality values (e.g. Hounsfield units), by Rescale
 * Slope/Intercept or by a Modality LUT Sequence item. The first stage of the grayscale pipeline; the reader
 * applies it before handing out a {@link org.mammoembed.core.DecodedImage}. Immutable.
 */
public final class ModalityLut {
    private static final ModalityLut IDENTITY = new ModalityLut(1, 0, null);

    private final double slope;
    private final double intercept;
    private final VoiAttributes.Lut lut;

    private ModalityLut(double slope, double intercept, VoiAttributes.Lut lut) {
        this.slope = slope;
        this.intercept = intercept;
        this.lut = lut;
    }

    /** Stored values pass through unchanged. */
    public static ModalityLut identity() {
        return IDENTITY;
    }

    /** {@code slope * stored + intercept}; slope must be finite and non-zero, intercept finite. */
    public static ModalityLut rescale(double slope, double intercept) {
        if (!Double.isFinite(slope) || slope == 0) {
            throw new IllegalArgumentException("slope must be finite and non-zero: " + slope);
        }
        if (!Double.isFinite(intercept)) {
            throw new IllegalArgumentException("intercept must be finite: " + intercept);
        }
        return slope == 1 && intercept == 0 ? IDENTITY : new ModalityLut(slope, intercept, null);
    }

    /** A lookup table: stored value v maps to {@code lut.lookup(v)}. */
    public static ModalityLut table(VoiAttributes.Lut lut) {
        return new ModalityLut(1, 0, Objects.requireNonNull(lut, "lut"));
    }

    public double slope() {
        return slope;
    }

    public double intercept() {
        return intercept;
    }

    public Optional<VoiAttributes.Lut> lut() {
        return Optional.ofNullable(lut);
    }

    public boolean isIdentity() {
        return lut == null && slope == 1 && intercept == 0;
    }

    /** Maps one stored value. */
    public double apply(double stored) {
        return lut != null ? lut.lookup(stored) : stored * slope + intercept;
    }

    /**
     * Maps stored values to modality values as float32 (computed in double, then rounded once, so integral
     * results up to 2^24 are exact).
     *
     * @param signed whether the stored values are signed; unsigned values are read as unsigned 32-bit, which
     *               matters only for 32-bit samples
     */
    public float[] apply(int[] stored, boolean signed) {
        float[] out = new float[stored.length];
        if (lut != null) {
            for (int i = 0; i < stored.length; i++) {
                out[i] = lut.lookup(signed ? stored[i] : Integer.toUnsignedLong(stored[i]));
            }
        } else if (isIdentity()) {
            for (int i = 0; i < stored.length; i++) {
                out[i] = signed ? stored[i] : Integer.toUnsignedLong(stored[i]);
            }
        } else if (signed) {
            for (int i = 0; i < stored.length; i++) {
                out[i] = (float) (stored[i] * slope + intercept);
            }
        } else {
            for (int i = 0; i < stored.length; i++) {
                out[i] = (float) (Integer.toUnsignedLong(stored[i]) * slope + intercept);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return lut != null ? "ModalityLut[table, " + lut.data().length + " entries from " + lut.firstMapped() + "]"
                : "ModalityLut[slope=" + slope + ", intercept=" + intercept + "]";
    }
}
