package org.mammoembed.core;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The display attributes of a grayscale image that the DICOM grayscale pipeline (PS3.3 C.11) needs after the
 * modality LUT: VOI windows and LUTs, pixel padding and the presentation LUT shape. Values are those of the
 * header, untouched; {@code org.mammoembed.dicom}'s pipeline steps interpret them.
 *
 * @param windows              window centre/width pairs in header order (may be empty)
 * @param voiLutFunction       VOI LUT Function (0028,1056): LINEAR (the default), LINEAR_EXACT or SIGMOID
 * @param voiLuts              VOI LUT Sequence items in header order (may be empty)
 * @param pixelPaddingValue    Pixel Padding Value (0028,0120), in stored-value units, if present
 * @param pixelPaddingRangeLimit Pixel Padding Range Limit (0028,0121), in stored-value units, if present
 * @param presentationLutShape Presentation LUT Shape (2050,0020): IDENTITY or INVERSE, or empty
 */
public record VoiAttributes(
        List<Window> windows,
        String voiLutFunction,
        List<Lut> voiLuts,
        OptionalDouble pixelPaddingValue,
        OptionalDouble pixelPaddingRangeLimit,
        Optional<String> presentationLutShape) {

    /** No VOI information at all. */
    public static final VoiAttributes NONE = new VoiAttributes(List.of(), "LINEAR", List.of(),
            OptionalDouble.empty(), OptionalDouble.empty(), Optional.empty());

    public VoiAttributes {
        windows = List.copyOf(windows);
        voiLuts = List.copyOf(voiLuts);
        voiLutFunction = voiLutFunction == null || voiLutFunction.isBlank() ? "LINEAR" : voiLutFunction.trim();
        Objects.requireNonNull(pixelPaddingValue, "pixelPaddingValue");
        Objects.requireNonNull(pixelPaddingRangeLimit, "pixelPaddingRangeLimit");
        Objects.requireNonNull(presentationLutShape, "presentationLutShape");
    }

    /** One window: centre and width as in (0028,1050)/(0028,1051). */
    public record Window(double center, double width, String explanation) {
    }

    /**
     * A lookup table (VOI LUT Sequence item or Modality LUT Sequence item): entry i maps input
     * {@code firstMapped + i}; inputs below or above the range map to the first or last entry.
     */
    public record Lut(int firstMapped, int bitsPerEntry, int[] data, String explanation) {
        public Lut {
            Objects.requireNonNull(data, "data");
            if (data.length == 0) {
                throw new IllegalArgumentException("LUT has no entries");
            }
        }

        public int lookup(double input) {
            long i = Math.round(Math.floor(input)) - firstMapped;
            if (i < 0) {
                return data[0];
            }
            if (i >= data.length) {
                return data[data.length - 1];
            }
            return data[(int) i];
        }
    }
}
