package org.mammoembed.dicom;

import java.util.List;

/**
 * A parsed DICOM file: its transfer syntax, file meta group, data set and where its pixel data lie.
 *
 * @param fileName     the file's name (not its path) for messages
 * @param meta         the file meta group, empty when the file has none
 * @param pixelData    the top-level pixel data element (Pixel Data, Float or Double Float Pixel Data), or null
 * @param fragments    for encapsulated pixel data: the items after the Basic Offset Table; null when native
 * @param basicOffsetTable the Basic Offset Table item (may be empty); null when native
 * @param mappedFile   the data set's buffer is the whole file, memory-mapped, so its offsets are the file's: a
 *                     frame can be read from the file itself instead of through the mapping, whose pages then
 *                     never become resident (a mapping is released only when the collector finds its buffer)
 */
record ParsedFile(String fileName, TransferSyntax transferSyntax, DicomDataSet meta, DicomDataSet dataSet,
                  DicomElement pixelData, Fragment basicOffsetTable, List<Fragment> fragments, boolean mappedFile) {

    /** One encapsulated item: its value's position, and the position of its item tag. */
    record Fragment(int itemOffset, int valueOffset, int length) {
    }

    boolean encapsulatedPixels() {
        return fragments != null;
    }
}
