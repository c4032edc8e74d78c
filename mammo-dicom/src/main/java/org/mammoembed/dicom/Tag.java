package org.mammoembed.dicom;

/** Tags (group {@literal <<} 16 | element) that mammo-embed reads or writes, named as in PS3.6. */
public final class Tag {
    private Tag() {
    }

    public static final int FILE_META_GROUP_LENGTH = 0x00020000;
    public static final int FILE_META_VERSION = 0x00020001;
    public static final int MEDIA_STORAGE_SOP_CLASS_UID = 0x00020002;
    public static final int MEDIA_STORAGE_SOP_INSTANCE_UID = 0x00020003;
    public static final int TRANSFER_SYNTAX_UID = 0x00020010;
    public static final int IMPLEMENTATION_CLASS_UID = 0x00020012;
    public static final int IMPLEMENTATION_VERSION_NAME = 0x00020013;

    public static final int SPECIFIC_CHARACTER_SET = 0x00080005;
    public static final int IMAGE_TYPE = 0x00080008;
    public static final int SOP_CLASS_UID = 0x00080016;
    public static final int SOP_INSTANCE_UID = 0x00080018;
    public static final int STUDY_DATE = 0x00080020;
    public static final int ACCESSION_NUMBER = 0x00080050;
    public static final int MODALITY = 0x00080060;
    public static final int PRESENTATION_INTENT_TYPE = 0x00080068;
    public static final int MANUFACTURER = 0x00080070;
    public static final int CODE_VALUE = 0x00080100;
    public static final int CODING_SCHEME_DESIGNATOR = 0x00080102;
    public static final int CODE_MEANING = 0x00080104;

    public static final int PATIENT_NAME = 0x00100010;
    public static final int PATIENT_ID = 0x00100020;
    public static final int PATIENT_BIRTH_DATE = 0x00100030;
    public static final int PATIENT_SEX = 0x00100040;

    public static final int BODY_PART_EXAMINED = 0x00180015;
    public static final int VIEW_POSITION = 0x00185101;

    public static final int STUDY_INSTANCE_UID = 0x0020000D;
    public static final int SERIES_INSTANCE_UID = 0x0020000E;
    public static final int INSTANCE_NUMBER = 0x00200013;
    public static final int LATERALITY = 0x00200060;
    public static final int IMAGE_LATERALITY = 0x00200062;
    public static final int FRAME_ANATOMY_SEQUENCE = 0x00209071;
    public static final int FRAME_LATERALITY = 0x00209072;

    public static final int SAMPLES_PER_PIXEL = 0x00280002;
    public static final int PHOTOMETRIC_INTERPRETATION = 0x00280004;
    public static final int PLANAR_CONFIGURATION = 0x00280006;
    public static final int NUMBER_OF_FRAMES = 0x00280008;
    public static final int ROWS = 0x00280010;
    public static final int COLUMNS = 0x00280011;
    public static final int PIXEL_SPACING = 0x00280030;
    public static final int IMAGER_PIXEL_SPACING = 0x00181164;
    public static final int BITS_ALLOCATED = 0x00280100;
    public static final int BITS_STORED = 0x00280101;
    public static final int HIGH_BIT = 0x00280102;
    public static final int PIXEL_REPRESENTATION = 0x00280103;
    public static final int PIXEL_PADDING_VALUE = 0x00280120;
    public static final int PIXEL_PADDING_RANGE_LIMIT = 0x00280121;
    public static final int WINDOW_CENTER = 0x00281050;
    public static final int WINDOW_WIDTH = 0x00281051;
    public static final int RESCALE_INTERCEPT = 0x00281052;
    public static final int RESCALE_SLOPE = 0x00281053;
    public static final int RESCALE_TYPE = 0x00281054;
    public static final int WINDOW_EXPLANATION = 0x00281055;
    public static final int VOI_LUT_FUNCTION = 0x00281056;
    public static final int MODALITY_LUT_SEQUENCE = 0x00283000;
    public static final int LUT_DESCRIPTOR = 0x00283002;
    public static final int LUT_EXPLANATION = 0x00283003;
    public static final int MODALITY_LUT_TYPE = 0x00283004;
    public static final int LUT_DATA = 0x00283006;
    public static final int VOI_LUT_SEQUENCE = 0x00283010;
    public static final int FRAME_VOI_LUT_SEQUENCE = 0x00289132;
    public static final int PIXEL_VALUE_TRANSFORMATION_SEQUENCE = 0x00289145;

    public static final int VIEW_CODE_SEQUENCE = 0x00540220;
    public static final int SHARED_FUNCTIONAL_GROUPS_SEQUENCE = 0x52009229;
    public static final int PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE = 0x52009230;
    public static final int PRESENTATION_LUT_SHAPE = 0x20500020;

    public static final int EXTENDED_OFFSET_TABLE = 0x7FE00001;
    public static final int EXTENDED_OFFSET_TABLE_LENGTHS = 0x7FE00002;
    public static final int FLOAT_PIXEL_DATA = 0x7FE00008;
    public static final int DOUBLE_FLOAT_PIXEL_DATA = 0x7FE00009;
    public static final int PIXEL_DATA = 0x7FE00010;

    public static final int ITEM = 0xFFFEE000;
    public static final int ITEM_DELIMITATION = 0xFFFEE00D;
    public static final int SEQUENCE_DELIMITATION = 0xFFFEE0DD;

    /** "(gggg,eeee)" for messages. */
    public static String format(int tag) {
        return String.format("(%04X,%04X)", tag >>> 16, tag & 0xFFFF);
    }

    /** Whether the tag holds a patient identifier that must never appear in a log or a message. */
    public static boolean isPatientIdentifier(int tag) {
        return tag == PATIENT_NAME || tag == PATIENT_ID || tag == PATIENT_BIRTH_DATE
                || (tag >>> 16) == 0x0010 && (tag & 0xFFFF) <= 0x1002;
    }
}
