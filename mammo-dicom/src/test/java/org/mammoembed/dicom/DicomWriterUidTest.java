package org.mammoembed.dicom;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The UIDs {@link DicomWriter} makes itself are UUID-derived UIDs under 2.25 (PS3.5 B.2). */
class DicomWriterUidTest {
    /** PS3.5 B.2: "2.25." then the UUID as an integer without leading zeros; a UID has at most 64 characters. */
    private static final Pattern UUID_UID = Pattern.compile("2\\.25\\.(0|[1-9][0-9]{0,38})");

    @Test
    void implementationClassUidIsTheNameBasedUuidOfTheWriter() {
        // Python oracle: md5(b"org.mammoembed:mammo-dicom:DicomWriter") with the version-3 and IETF variant bits
        // set (RFC 4122 4.3, what UUID.nameUUIDFromBytes does), read as a big-endian unsigned integer
        assertEquals("2.25.48197043123667783659064660138234376535", DicomWriter.IMPLEMENTATION_CLASS_UID);
    }

    @Test
    void uuidUidReadsTheUuidAsAnUnsignedInteger() {
        assertEquals("2.25.0", DicomWriter.uuidUid(new UUID(0, 0)));
        // 2^128 - 1: both halves have their sign bit set, so a signed reading would go wrong
        assertEquals("2.25.340282366920938463463374607431768211455", DicomWriter.uuidUid(new UUID(-1, -1)));
        assertEquals("2.25.18446744073709551616", DicomWriter.uuidUid(new UUID(1, 0)));
    }

    @Test
    void fileMetaGroupCarriesTheUids() {
        DicomAttributes a = new DicomAttributes().setString(Tag.MODALITY, Vr.CS, "MG");
        List<String> first = uuidUids(a);
        List<String> second = uuidUids(a);
        // in tag order: Media Storage SOP Instance UID (0002,0003), then Implementation Class UID (0002,0012)
        assertEquals(2, first.size(), first::toString);
        assertEquals(DicomWriter.IMPLEMENTATION_CLASS_UID, first.get(1));
        assertEquals(DicomWriter.IMPLEMENTATION_CLASS_UID, second.get(1));
        assertTrue(UUID_UID.matcher(first.get(0)).matches(), first.get(0));
        assertNotEquals(first.get(0), second.get(0), "a fresh instance UID per file");

        a.setString(Tag.SOP_INSTANCE_UID, Vr.UI, "2.25.7");
        assertEquals(List.of("2.25.7", DicomWriter.IMPLEMENTATION_CLASS_UID, "2.25.7"), uuidUids(a));
    }

    /** Every 2.25 UID in the written file, in file order (UI values are NUL-padded ASCII). */
    private static List<String> uuidUids(DicomAttributes a) {
        String file = new String(DicomWriter.builder().build().encode(a), StandardCharsets.ISO_8859_1);
        Matcher m = Pattern.compile("2\\.25\\.[0-9]+").matcher(file);
        List<String> uids = new ArrayList<>();
        while (m.find()) {
            uids.add(m.group());
        }
        return uids;
    }
}
