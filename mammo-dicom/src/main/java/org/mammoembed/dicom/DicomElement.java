package org.mammoembed.dicom;

import java.util.List;

/**
 * One parsed data element: where its value lies in the file's bytes (not copied), or its items for a sequence.
 *
 * @param vr     the VR from the file (explicit VR) or the dictionary (implicit VR; UN when unknown)
 * @param offset absolute offset of the value in the parsed buffer
 * @param length value length in bytes; -1 for undefined length (sequences, encapsulated pixel data)
 * @param items  sequence items, empty for other elements
 */
record DicomElement(int tag, Vr vr, int offset, int length, List<DicomDataSet> items) {
    static final int UNDEFINED_LENGTH = -1;
}
