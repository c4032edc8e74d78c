package org.mammoembed.dicom;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.mammoembed.core.ImageMetadata;
import org.mammoembed.core.VoiAttributes;
import org.mammoembed.dicom.grayscale.ModalityLut;

/**
 * Reads what the pipeline needs from a parsed header: {@link ImageMetadata}, {@link VoiAttributes} and the
 * modality LUT, with the fallbacks of enhanced multi-frame objects (shared, then per-frame functional groups).
 */
final class HeaderReader {
    private static final int PIXEL_MEASURES_SEQUENCE = 0x00289110;

    private HeaderReader() {
    }

    static ImageMetadata metadata(ParsedFile file) {
        DicomDataSet ds = file.dataSet();
        String sopClass = ds.nonEmptyString(Tag.SOP_CLASS_UID);
        if (sopClass == null) {
            sopClass = file.meta().nonEmptyString(Tag.MEDIA_STORAGE_SOP_CLASS_UID);
        }
        return new ImageMetadata(sopClass, ds.nonEmptyString(Tag.MODALITY), ds.integer(Tag.ROWS).orElse(0),
                ds.integer(Tag.COLUMNS).orElse(0), Math.max(ImagePixelModule.frames(ds), 0),
                // absent: 1, as the pixel module assumes when decoding (a header-only parse has no pixel data)
                ds.integer(Tag.SAMPLES_PER_PIXEL).orElse(ds.contains(Tag.PIXEL_DATA) || ds.contains(Tag.ROWS) ? 1 : 0),
                ds.integer(Tag.BITS_ALLOCATED).orElse(0), ds.integer(Tag.BITS_STORED).orElse(0),
                ds.integer(Tag.PIXEL_REPRESENTATION).orElse(0), ds.nonEmptyString(Tag.PHOTOMETRIC_INTERPRETATION),
                file.transferSyntax().uid(), laterality(ds), view(ds),
                ds.nonEmptyString(Tag.PRESENTATION_INTENT_TYPE), ds.nonEmptyString(Tag.MANUFACTURER),
                pixelSpacing(ds), ds.textValues());
    }

    /** Image Laterality, then Laterality, then Frame Laterality (shared, then first per-frame group). */
    static String laterality(DicomDataSet ds) {
        String v = ds.nonEmptyString(Tag.IMAGE_LATERALITY);
        if (v == null) {
            v = ds.nonEmptyString(Tag.LATERALITY);
        }
        if (v == null) {
            v = functionalGroup(ds, Tag.FRAME_ANATOMY_SEQUENCE, 0)
                    .map(item -> item.nonEmptyString(Tag.FRAME_LATERALITY)).orElse(null);
        }
        return v;
    }

    /** View Position, then the code meaning of the View Code Sequence. */
    static String view(DicomDataSet ds) {
        String v = ds.nonEmptyString(Tag.VIEW_POSITION);
        if (v == null) {
            v = ds.firstItem(Tag.VIEW_CODE_SEQUENCE).map(item -> item.nonEmptyString(Tag.CODE_MEANING)).orElse(null);
        }
        return v;
    }

    private static Optional<double[]> pixelSpacing(DicomDataSet ds) {
        double[] v = ds.numbers(Tag.PIXEL_SPACING);
        if (v.length < 2) {
            v = ds.numbers(Tag.IMAGER_PIXEL_SPACING);
        }
        if (v.length < 2) {
            v = functionalGroup(ds, PIXEL_MEASURES_SEQUENCE, 0).map(i -> i.numbers(Tag.PIXEL_SPACING))
                    .orElse(new double[0]);
        }
        return v.length >= 2 ? Optional.of(new double[] {v[0], v[1]}) : Optional.empty();
    }

    /**
     * The first item of a functional group macro sequence: from the Shared Functional Groups Sequence, else from
     * the frame's item of the Per-Frame Functional Groups Sequence.
     */
    static Optional<DicomDataSet> functionalGroup(DicomDataSet ds, int macroTag, int frame) {
        Optional<DicomDataSet> shared = ds.firstItem(Tag.SHARED_FUNCTIONAL_GROUPS_SEQUENCE)
                .flatMap(g -> g.firstItem(macroTag));
        if (shared.isPresent()) {
            return shared;
        }
        List<DicomDataSet> perFrame = ds.sequence(Tag.PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE);
        if (frame < perFrame.size()) {
            return perFrame.get(frame).firstItem(macroTag);
        }
        return Optional.empty();
    }

    /** Modality LUT Sequence, else Rescale Slope/Intercept (top level, then Pixel Value Transformation). */
    static ModalityLut modalityLut(DicomDataSet ds, boolean signed, int frame) {
        Optional<DicomDataSet> lutItem = ds.firstItem(Tag.MODALITY_LUT_SEQUENCE);
        if (lutItem.isPresent()) {
            VoiAttributes.Lut lut = lut(lutItem.get(), signed);
            if (lut != null) {
                return ModalityLut.table(lut);
            }
        }
        DicomDataSet source = ds;
        if (!ds.contains(Tag.RESCALE_SLOPE) && !ds.contains(Tag.RESCALE_INTERCEPT)) {
            source = functionalGroup(ds, Tag.PIXEL_VALUE_TRANSFORMATION_SEQUENCE, frame).orElse(ds);
        }
        double slope = source.number(Tag.RESCALE_SLOPE).orElse(1);
        double intercept = source.number(Tag.RESCALE_INTERCEPT).orElse(0);
        if (!Double.isFinite(slope) || slope == 0 || !Double.isFinite(intercept)) {
            return ModalityLut.identity(); // a nonsensical rescale is ignored, as the reference toolkits do
        }
        return ModalityLut.rescale(slope, intercept);
    }

    /** One LUT item (LUT Descriptor + LUT Data), or null when it is unusable. */
    static VoiAttributes.Lut lut(DicomDataSet item, boolean signed) {
        double[] descriptor = item.numbers(Tag.LUT_DESCRIPTOR);
        double[] data = item.numbers(Tag.LUT_DATA);
        if (descriptor.length < 3 || data.length == 0) {
            return null;
        }
        int entries = descriptor[0] == 0 ? 65536 : (int) descriptor[0];
        int first = (int) descriptor[1];
        if (signed && first > 32767) {
            first -= 65536; // US in implicit VR files, but the value is SS for signed images
        }
        int bits = (int) descriptor[2];
        int n = Math.min(entries, data.length);
        int[] values = new int[n];
        for (int i = 0; i < n; i++) {
            values[i] = (int) data[i];
        }
        return new VoiAttributes.Lut(first, bits, values, item.nonEmptyString(Tag.LUT_EXPLANATION));
    }

    static VoiAttributes voi(DicomDataSet ds, boolean signed, int frame) {
        DicomDataSet windowSource = ds;
        if (!ds.contains(Tag.WINDOW_CENTER)) {
            windowSource = functionalGroup(ds, Tag.FRAME_VOI_LUT_SEQUENCE, frame).orElse(ds);
        }
        double[] centers = windowSource.numbers(Tag.WINDOW_CENTER);
        double[] widths = windowSource.numbers(Tag.WINDOW_WIDTH);
        String explanations = windowSource.string(Tag.WINDOW_EXPLANATION);
        String[] expl = explanations == null ? new String[0] : explanations.split("\\\\");
        List<VoiAttributes.Window> windows = new ArrayList<>();
        for (int i = 0; i < Math.min(centers.length, widths.length); i++) {
            windows.add(new VoiAttributes.Window(centers[i], widths[i], i < expl.length ? expl[i].trim() : null));
        }
        List<VoiAttributes.Lut> luts = new ArrayList<>();
        for (DicomDataSet item : ds.sequence(Tag.VOI_LUT_SEQUENCE)) {
            VoiAttributes.Lut lut = lut(item, signed);
            if (lut != null) {
                luts.add(lut);
            }
        }
        String function = windowSource.nonEmptyString(Tag.VOI_LUT_FUNCTION);
        return new VoiAttributes(windows, function, luts, padding(ds, Tag.PIXEL_PADDING_VALUE, signed),
                padding(ds, Tag.PIXEL_PADDING_RANGE_LIMIT, signed),
                Optional.ofNullable(ds.nonEmptyString(Tag.PRESENTATION_LUT_SHAPE)));
    }

    private static OptionalDouble padding(DicomDataSet ds, int tag, boolean signed) {
        OptionalDouble v = ds.number(tag);
        if (v.isPresent() && signed && v.getAsDouble() > 32767 && ds.element(tag)
                .map(e -> DicomDataSet.effectiveVr(e) == Vr.US).orElse(false)) {
            return OptionalDouble.of(v.getAsDouble() - 65536); // US/SS is decided by Pixel Representation
        }
        return v;
    }
}
