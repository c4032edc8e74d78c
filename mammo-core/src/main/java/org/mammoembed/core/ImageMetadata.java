package org.mammoembed.core;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * What the pipeline and its users need to know about one DICOM image, read from its header.
 * Text values are trimmed; absent values are {@code null} (strings) or empty optionals. Immutable: the pixel
 * spacing is copied in and out.
 *
 * <p>{@link #tag(int)} gives the text value of any top-level data element the reader kept. That map can hold
 * patient identifiers, so {@link #toString()} never prints it; outputs add tags only when a caller asks.
 */
public record ImageMetadata(
        String sopClassUid,
        String modality,
        int rows,
        int columns,
        int frames,
        int samplesPerPixel,
        int bitsAllocated,
        int bitsStored,
        int pixelRepresentation,
        String photometricInterpretation,
        String transferSyntaxUid,
        String laterality,
        String viewPosition,
        String presentationIntent,
        String manufacturer,
        Optional<double[]> pixelSpacing,
        Map<Integer, String> tags) {

    public ImageMetadata {
        tags = Collections.unmodifiableMap(new TreeMap<>(tags));
        pixelSpacing = pixelSpacing == null ? Optional.empty() : pixelSpacing.map(double[]::clone);
    }

    /** Pixel Spacing (row, column) in mm, a copy. */
    @Override
    public Optional<double[]> pixelSpacing() {
        return pixelSpacing.map(double[]::clone);
    }

    /** The text value of a top-level element, e.g. {@code tag(0x00080060)} for Modality. */
    public Optional<String> tag(int tag) {
        return Optional.ofNullable(tags.get(tag));
    }

    /** The tag as an integer, if present and numeric (IS/US/DS with an integral value). */
    public OptionalInt intTag(int tag) {
        String v = tags.get(tag);
        if (v == null) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of((int) Math.round(Double.parseDouble(v.split("\\\\")[0].trim())));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** True for Modality MG or a breast imaging SOP class (Digital Mammography X-Ray, Breast Tomosynthesis...). */
    public boolean isMammography() {
        if ("MG".equals(modality)) {
            return true;
        }
        return sopClassUid != null && (sopClassUid.startsWith("1.2.840.10008.5.1.4.1.1.1.2")
                || sopClassUid.equals("1.2.840.10008.5.1.4.1.1.13.1.3"));
    }

    @Override
    public String toString() {
        return "ImageMetadata[sopClass=" + sopClassUid + ", modality=" + modality + ", " + rows + "x" + columns
                + ", frames=" + frames + ", samples=" + samplesPerPixel + ", bits=" + bitsAllocated + "/" + bitsStored
                + ", signed=" + (pixelRepresentation == 1) + ", photometric=" + photometricInterpretation
                + ", transferSyntax=" + transferSyntaxUid + ", laterality=" + laterality + ", view=" + viewPosition
                + ", intent=" + presentationIntent + ", manufacturer=" + manufacturer + "]";
    }
}
