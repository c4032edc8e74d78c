package org.mammoembed.dicom;

import java.util.HashMap;
import java.util.Map;

/**
 * VRs of the elements the reader interprets, for implicit VR data sets (where the file does not say) and for
 * elements that an explicit VR file labels UN. Everything else stays UN and is kept as bytes.
 */
final class ElementDictionary {
    private static final Map<Integer, Vr> VRS = new HashMap<>();

    static {
        for (int t : new int[] {Tag.SAMPLES_PER_PIXEL, Tag.PLANAR_CONFIGURATION, Tag.ROWS, Tag.COLUMNS,
                Tag.BITS_ALLOCATED, Tag.BITS_STORED, Tag.HIGH_BIT, Tag.PIXEL_REPRESENTATION}) {
            VRS.put(t, Vr.US);
        }
        // US or SS depending on Pixel Representation: read as unsigned, the metadata reader re-signs them
        VRS.put(Tag.PIXEL_PADDING_VALUE, Vr.US);
        VRS.put(Tag.PIXEL_PADDING_RANGE_LIMIT, Vr.US);
        VRS.put(Tag.LUT_DESCRIPTOR, Vr.US);
        VRS.put(Tag.LUT_DATA, Vr.OW);
        for (int t : new int[] {Tag.NUMBER_OF_FRAMES, Tag.INSTANCE_NUMBER}) {
            VRS.put(t, Vr.IS);
        }
        for (int t : new int[] {Tag.WINDOW_CENTER, Tag.WINDOW_WIDTH, Tag.RESCALE_INTERCEPT, Tag.RESCALE_SLOPE,
                Tag.PIXEL_SPACING, Tag.IMAGER_PIXEL_SPACING}) {
            VRS.put(t, Vr.DS);
        }
        for (int t : new int[] {Tag.SOP_CLASS_UID, Tag.SOP_INSTANCE_UID, Tag.STUDY_INSTANCE_UID,
                Tag.SERIES_INSTANCE_UID, Tag.TRANSFER_SYNTAX_UID, Tag.MEDIA_STORAGE_SOP_CLASS_UID,
                Tag.MEDIA_STORAGE_SOP_INSTANCE_UID, Tag.IMPLEMENTATION_CLASS_UID}) {
            VRS.put(t, Vr.UI);
        }
        for (int t : new int[] {Tag.SPECIFIC_CHARACTER_SET, Tag.IMAGE_TYPE, Tag.MODALITY,
                Tag.PRESENTATION_INTENT_TYPE, Tag.PHOTOMETRIC_INTERPRETATION, Tag.VIEW_POSITION, Tag.LATERALITY,
                Tag.IMAGE_LATERALITY, Tag.FRAME_LATERALITY, Tag.VOI_LUT_FUNCTION, Tag.PRESENTATION_LUT_SHAPE,
                Tag.BODY_PART_EXAMINED, Tag.PATIENT_SEX, Tag.MODALITY_LUT_TYPE, Tag.RESCALE_TYPE}) {
            VRS.put(t, Vr.CS);
        }
        for (int t : new int[] {Tag.MANUFACTURER, Tag.WINDOW_EXPLANATION, Tag.LUT_EXPLANATION, Tag.CODE_MEANING,
                Tag.PATIENT_ID}) {
            VRS.put(t, Vr.LO);
        }
        VRS.put(Tag.CODE_VALUE, Vr.SH);
        VRS.put(Tag.CODING_SCHEME_DESIGNATOR, Vr.SH);
        VRS.put(Tag.ACCESSION_NUMBER, Vr.SH);
        VRS.put(Tag.PATIENT_NAME, Vr.PN);
        VRS.put(Tag.PATIENT_BIRTH_DATE, Vr.DA);
        VRS.put(Tag.STUDY_DATE, Vr.DA);
        for (int t : new int[] {Tag.MODALITY_LUT_SEQUENCE, Tag.VOI_LUT_SEQUENCE, Tag.VIEW_CODE_SEQUENCE,
                Tag.SHARED_FUNCTIONAL_GROUPS_SEQUENCE, Tag.PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE,
                Tag.PIXEL_VALUE_TRANSFORMATION_SEQUENCE, Tag.FRAME_VOI_LUT_SEQUENCE, Tag.FRAME_ANATOMY_SEQUENCE}) {
            VRS.put(t, Vr.SQ);
        }
        VRS.put(Tag.FILE_META_GROUP_LENGTH, Vr.UL);
        VRS.put(Tag.EXTENDED_OFFSET_TABLE, Vr.OV);
        VRS.put(Tag.EXTENDED_OFFSET_TABLE_LENGTHS, Vr.OV);
        VRS.put(Tag.FLOAT_PIXEL_DATA, Vr.OF);
        VRS.put(Tag.DOUBLE_FLOAT_PIXEL_DATA, Vr.OD);
        VRS.put(Tag.PIXEL_DATA, Vr.OW);
    }

    private ElementDictionary() {
    }

    /** The VR of a tag, or UN when this dictionary does not know it. Group lengths (gggg,0000) are UL. */
    static Vr vrOf(int tag) {
        if ((tag & 0xFFFF) == 0) {
            return Vr.UL;
        }
        return VRS.getOrDefault(tag, Vr.UN);
    }

    /** Whether the tag is in this dictionary. */
    static boolean knows(int tag) {
        return VRS.containsKey(tag);
    }
}
