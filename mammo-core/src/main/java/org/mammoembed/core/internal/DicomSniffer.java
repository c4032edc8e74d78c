package org.mammoembed.core.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Recognises DICOM files by content, not by name: the "DICM" marker at offset 128 (Part 10 with preamble) or
 * at offset 0 (preamble missing), or a plausible first data element of group 0x0002 or 0x0008 (files without
 * file meta information). Reads at most 132 bytes. Internal: shared by mammo-core (scanning) and mammo-dicom
 * (parsing) only; readers of other formats answer {@code ImageReader.isImage} themselves.
 */
public final class DicomSniffer {
    private static final int PROBE = 132;

    private DicomSniffer() {
    }

    /** True when the file looks like DICOM; false for anything else, including unreadable files. */
    public static boolean looksLikeDicom(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        byte[] head = new byte[PROBE];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, PROBE);
        } catch (IOException e) {
            return false;
        }
        return looksLikeDicom(head, n);
    }

    /**
     * Where the data after the "DICM" marker starts: 132 when the marker follows the 128-byte preamble, 4 when
     * the file starts with it (preamble missing), 0 when there is none. Reads {@code buf} by absolute index up
     * to its limit.
     */
    public static int afterMarker(ByteBuffer buf) {
        if (markerAt(buf, 128)) {
            return 132;
        }
        return markerAt(buf, 0) ? 4 : 0;
    }

    private static boolean markerAt(ByteBuffer buf, int at) {
        return buf.limit() >= at + 4 && buf.get(at) == 'D' && buf.get(at + 1) == 'I' && buf.get(at + 2) == 'C'
                && buf.get(at + 3) == 'M';
    }

    /** Same test on the first {@code length} bytes of a file. */
    public static boolean looksLikeDicom(byte[] head, int length) {
        if (afterMarker(ByteBuffer.wrap(head, 0, Math.min(length, head.length))) > 0) {
            return true;
        }
        if (length < 8) {
            return false;
        }
        int groupLe = (head[0] & 0xFF) | (head[1] & 0xFF) << 8;
        int elementLe = (head[2] & 0xFF) | (head[3] & 0xFF) << 8;
        int groupBe = (head[0] & 0xFF) << 8 | (head[1] & 0xFF);
        boolean plausibleGroup = groupLe == 0x0002 || groupLe == 0x0008 || groupBe == 0x0008;
        if (!plausibleGroup || elementLe > 0x0100 && groupLe != 0x0008) {
            return false;
        }
        // explicit VR: two upper-case letters; implicit VR: a small 32-bit length
        boolean vrLetters = Character.isUpperCase(head[4]) && Character.isUpperCase(head[5]);
        long implicitLength = (head[4] & 0xFFL) | (head[5] & 0xFFL) << 8 | (head[6] & 0xFFL) << 16
                | (head[7] & 0xFFL) << 24;
        return vrLetters || implicitLength < 0x10000;
    }
}
