package org.mammoembed.dicom;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mammoembed.core.MammoException;

/**
 * No error message carries bytes or values of patient-identifying elements, in any form: as text, as a length or
 * tag read from them when the parse is misaligned (decimal or hex, either byte order), or echoed from another
 * element that holds them.
 */
class PhiInMessagesTest {
    private static final String NAME = "ZQWYX^VKPJGB";
    private static final String ID = "QX7734129";
    private static final String BIRTH = "19610413";

    @TempDir
    Path dir;

    private final DicomFileReader reader = DicomFileReader.builder().memoryBudget(64L << 20).build();

    private static DicomAttributes image(String photometric, String sopClass) {
        DicomAttributes a = new DicomAttributes()
                .setString(Tag.SOP_CLASS_UID, Vr.UI, sopClass)
                .setString(Tag.SOP_INSTANCE_UID, Vr.UI, "2.25.1")
                .setString(Tag.MODALITY, Vr.CS, "MG")
                .setString(Tag.PATIENT_NAME, Vr.PN, NAME)
                .setString(Tag.PATIENT_ID, Vr.LO, ID)
                .setString(Tag.PATIENT_BIRTH_DATE, Vr.DA, BIRTH)
                .setInts(Tag.ROWS, Vr.US, 8).setInts(Tag.COLUMNS, Vr.US, 8).setInts(Tag.SAMPLES_PER_PIXEL, Vr.US, 1)
                .setString(Tag.PHOTOMETRIC_INTERPRETATION, Vr.CS, photometric)
                .setInts(Tag.BITS_ALLOCATED, Vr.US, 8).setInts(Tag.BITS_STORED, Vr.US, 8)
                .setInts(Tag.HIGH_BIT, Vr.US, 7).setInts(Tag.PIXEL_REPRESENTATION, Vr.US, 0);
        return a.setBytes(Tag.PIXEL_DATA, Vr.OB, new byte[64]);
    }

    /** Every message the reader gives for the file (header read and pixel read). */
    private List<String> messages(Path file) {
        List<String> out = new ArrayList<>();
        try {
            reader.readMetadata(file);
        } catch (MammoException e) {
            out.add(e.getMessage());
        }
        try {
            reader.read(file, 0);
        } catch (MammoException e) {
            out.add(e.getMessage());
        }
        return out;
    }

    /** PHI as text (4-character pieces), and every number a misaligned read of its bytes could produce. */
    private static Set<String> forbidden(byte[] file) {
        Set<String> out = new HashSet<>();
        for (String phi : new String[] {NAME, ID, BIRTH}) {
            for (int i = 0; i + 4 <= phi.length(); i++) {
                out.add(phi.substring(i, i + 4));
            }
            byte[] v = phi.getBytes(StandardCharsets.US_ASCII);
            int at = indexOf(file, v);
            // windows that overlap the value by at least one byte (its element header bytes may come first)
            for (int start = Math.max(0, at - 3); start < at + v.length; start++) {
                if (start + 4 <= file.length) {
                    ByteBuffer b = ByteBuffer.wrap(file, start, 4);
                    out.add(Long.toString(b.order(ByteOrder.LITTLE_ENDIAN).getInt(start) & 0xFFFFFFFFL));
                    out.add(Long.toString(b.order(ByteOrder.BIG_ENDIAN).getInt(start) & 0xFFFFFFFFL));
                    out.add(Integer.toString(b.order(ByteOrder.LITTLE_ENDIAN).getInt(start)));
                }
                if (start >= at && start + 2 <= at + v.length) {
                    int le = (file[start] & 0xFF) | (file[start + 1] & 0xFF) << 8;
                    int be = (file[start] & 0xFF) << 8 | (file[start + 1] & 0xFF);
                    out.add(String.format(Locale.ROOT, "%04X", le));
                    out.add(String.format(Locale.ROOT, "%04X", be));
                }
            }
        }
        return out;
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (hay[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("value not in file");
    }

    /** @param bytes the file as written, before any corruption (where the PHI values are intact) */
    private static void assertNoPhi(String what, byte[] bytes, List<String> messages) {
        Set<String> bad = forbidden(bytes);
        Pattern token = Pattern.compile("[0-9A-Za-z^]+");
        for (String m : messages) {
            String upper = m.toUpperCase(Locale.ROOT);
            for (String piece : new String[] {NAME, ID, BIRTH}) {
                for (int i = 0; i + 4 <= piece.length(); i++) {
                    assertFalse(upper.contains(piece.substring(i, i + 4)), what + ": PHI text in: " + m);
                }
            }
            Matcher t = token.matcher(m);
            while (t.find()) {
                assertFalse(bad.contains(t.group().toUpperCase(Locale.ROOT)) && t.group().length() >= 4,
                        what + ": a number made of PHI bytes (" + t.group() + ") in: " + m);
            }
        }
    }

    @Test
    void misalignedParsesNeverEchoLengthsOrTagsReadFromPatientElements() throws Exception {
        int messages = 0;
        for (String ts : new String[] {TransferSyntax.EXPLICIT_VR_LE_UID, TransferSyntax.IMPLICIT_VR_LE_UID,
                TransferSyntax.EXPLICIT_VR_BE_UID}) {
            byte[] good = DicomFiles.writer(ts).encode(image("MONOCHROME2", DicomFiles.MG_SOP_CLASS));
            for (String phi : new String[] {NAME, ID, BIRTH}) {
                int value = indexOf(good, phi.getBytes(StandardCharsets.US_ASCII));
                // shift every length field before the value by -8..+8 so that the parser lands inside PHI
                for (int lengthAt = Math.max(132, value - 40); lengthAt < value; lengthAt++) {
                    for (int delta = -8; delta <= 8; delta++) {
                        if (delta == 0) {
                            continue;
                        }
                        byte[] bad = good.clone();
                        bad[lengthAt] = (byte) (bad[lengthAt] + delta);
                        Path f = DicomFiles.writeBytes(dir, "m.dcm", bad);
                        List<String> m = messages(f);
                        messages += m.size();
                        assertNoPhi(ts + " length byte " + lengthAt + " " + delta, good, m);
                    }
                }
            }
        }
        assertTrue(messages > 200, "the corruptions must produce errors to check: " + messages);
    }

    @Test
    void headerValuesHoldingPhiAreNotEchoed() throws Exception {
        List<byte[]> files = List.of(
                DicomFiles.writer(TransferSyntax.EXPLICIT_VR_LE_UID).encode(image(NAME, DicomFiles.MG_SOP_CLASS)),
                DicomFiles.writer(TransferSyntax.EXPLICIT_VR_LE_UID).encode(image(BIRTH, DicomFiles.MG_SOP_CLASS)),
                DicomFiles.writer(TransferSyntax.EXPLICIT_VR_LE_UID).encode(image("MONOCHROME2", BIRTH)
                        .remove(Tag.PIXEL_DATA)),
                DicomFiles.writer(TransferSyntax.EXPLICIT_VR_LE_UID).encode(image("RGB", DicomFiles.MG_SOP_CLASS)));
        int refused = 0;
        for (byte[] bytes : files) {
            List<String> m = messages(DicomFiles.writeBytes(dir, "h.dcm", bytes));
            refused += m.isEmpty() ? 0 : 1;
            assertNoPhi("header value", bytes, m);
        }
        // a transfer syntax UID replaced by a name
        byte[] ts = DicomFiles.writer(TransferSyntax.EXPLICIT_VR_LE_UID).encode(image("MONOCHROME2",
                DicomFiles.MG_SOP_CLASS));
        byte[] uid = TransferSyntax.EXPLICIT_VR_LE_UID.getBytes(StandardCharsets.US_ASCII);
        int at = indexOf(ts, uid);
        byte[] name = "ZQWYX^VKPJGB\0\0\0\0\0\0\0".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(name, 0, ts, at, uid.length);
        List<String> m = messages(DicomFiles.writeBytes(dir, "t.dcm", ts));
        assertNoPhi("transfer syntax", ts, m);
        assertNoPhi("transfer syntax", ts, List.of(TransferSyntax.describe("ZQWYX^VKPJGB")));
        assertTrue(refused == 4, "every one of these files is refused: " + refused);
    }
}
