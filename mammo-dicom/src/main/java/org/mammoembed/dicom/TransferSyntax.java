package org.mammoembed.dicom;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A transfer syntax (PS3.5 section 10, PS3.6 annex A): how the data set and its pixel data are encoded.
 *
 * @param uid          the UID, e.g. "1.2.840.10008.1.2.1"
 * @param name         the PS3.6 name, or "unknown transfer syntax" for UIDs this table does not list
 * @param explicitVr   whether the data set after the file meta group has explicit VRs
 * @param bigEndian    whether the data set is big endian
 * @param deflated     whether everything after the file meta group is raw-deflate compressed
 * @param encapsulated whether pixel data are encapsulated fragments (PS3.5 A.4)
 * @param lossy        whether the pixel compression may lose information
 */
public record TransferSyntax(String uid, String name, boolean explicitVr, boolean bigEndian, boolean deflated,
                             boolean encapsulated, boolean lossy) {

    public static final String IMPLICIT_VR_LE_UID = "1.2.840.10008.1.2";
    public static final String EXPLICIT_VR_LE_UID = "1.2.840.10008.1.2.1";
    public static final String DEFLATED_EXPLICIT_VR_LE_UID = "1.2.840.10008.1.2.1.99";
    public static final String EXPLICIT_VR_BE_UID = "1.2.840.10008.1.2.2";
    public static final String JPEG_BASELINE_UID = "1.2.840.10008.1.2.4.50";
    public static final String JPEG_EXTENDED_UID = "1.2.840.10008.1.2.4.51";
    public static final String JPEG_LOSSLESS_UID = "1.2.840.10008.1.2.4.57";
    public static final String JPEG_LOSSLESS_SV1_UID = "1.2.840.10008.1.2.4.70";
    public static final String JPEG_LS_LOSSLESS_UID = "1.2.840.10008.1.2.4.80";
    public static final String JPEG_LS_NEAR_LOSSLESS_UID = "1.2.840.10008.1.2.4.81";
    public static final String JPEG_2000_LOSSLESS_UID = "1.2.840.10008.1.2.4.90";
    public static final String JPEG_2000_UID = "1.2.840.10008.1.2.4.91";
    public static final String RLE_LOSSLESS_UID = "1.2.840.10008.1.2.5";

    private static final Map<String, TransferSyntax> KNOWN = new LinkedHashMap<>();

    static {
        nativeSyntax(IMPLICIT_VR_LE_UID, "Implicit VR Little Endian", false, false, false);
        nativeSyntax(EXPLICIT_VR_LE_UID, "Explicit VR Little Endian", true, false, false);
        nativeSyntax("1.2.840.10008.1.2.1.98", "Encapsulated Uncompressed Explicit VR Little Endian", true, false,
                false);
        nativeSyntax(DEFLATED_EXPLICIT_VR_LE_UID, "Deflated Explicit VR Little Endian", true, false, true);
        nativeSyntax(EXPLICIT_VR_BE_UID, "Explicit VR Big Endian", true, true, false);
        compressed(JPEG_BASELINE_UID, "JPEG Baseline (Process 1)", true);
        compressed(JPEG_EXTENDED_UID, "JPEG Extended (Process 2 & 4)", true);
        compressed(JPEG_LOSSLESS_UID, "JPEG Lossless, Non-Hierarchical (Process 14)", false);
        compressed(JPEG_LOSSLESS_SV1_UID,
                "JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14 [Selection Value 1])", false);
        compressed(JPEG_LS_LOSSLESS_UID, "JPEG-LS Lossless Image Compression", false);
        compressed(JPEG_LS_NEAR_LOSSLESS_UID, "JPEG-LS Lossy (Near-Lossless) Image Compression", true);
        compressed(JPEG_2000_LOSSLESS_UID, "JPEG 2000 Image Compression (Lossless Only)", false);
        compressed(JPEG_2000_UID, "JPEG 2000 Image Compression", true);
        compressed("1.2.840.10008.1.2.4.92", "JPEG 2000 Part 2 Multi-component Image Compression (Lossless Only)",
                false);
        compressed("1.2.840.10008.1.2.4.93", "JPEG 2000 Part 2 Multi-component Image Compression", true);
        compressed("1.2.840.10008.1.2.4.94", "JPIP Referenced", true);
        compressed("1.2.840.10008.1.2.4.95", "JPIP Referenced Deflate", true);
        video("1.2.840.10008.1.2.4.100", "MPEG2 Main Profile / Main Level");
        video("1.2.840.10008.1.2.4.101", "MPEG2 Main Profile / High Level");
        video("1.2.840.10008.1.2.4.102", "MPEG-4 AVC/H.264 High Profile / Level 4.1");
        video("1.2.840.10008.1.2.4.103", "MPEG-4 AVC/H.264 BD-compatible High Profile / Level 4.1");
        video("1.2.840.10008.1.2.4.104", "MPEG-4 AVC/H.264 High Profile / Level 4.2 For 2D Video");
        video("1.2.840.10008.1.2.4.105", "MPEG-4 AVC/H.264 High Profile / Level 4.2 For 3D Video");
        video("1.2.840.10008.1.2.4.106", "MPEG-4 AVC/H.264 Stereo High Profile / Level 4.2");
        compressed("1.2.840.10008.1.2.4.107", "HEVC/H.265 Main Profile / Level 5.1", true);
        compressed("1.2.840.10008.1.2.4.108", "HEVC/H.265 Main 10 Profile / Level 5.1", true);
        compressed("1.2.840.10008.1.2.4.110", "JPEG XL Lossless", false);
        // .111 re-encodes a (lossy) JPEG bit-exactly, so the image it carries has lost information already
        compressed("1.2.840.10008.1.2.4.111", "JPEG XL JPEG Recompression", true);
        compressed("1.2.840.10008.1.2.4.112", "JPEG XL", true);
        compressed("1.2.840.10008.1.2.4.201", "High-Throughput JPEG 2000 Image Compression (Lossless Only)", false);
        compressed("1.2.840.10008.1.2.4.202",
                "High-Throughput JPEG 2000 with RPCL Options Image Compression (Lossless Only)", false);
        compressed("1.2.840.10008.1.2.4.203", "High-Throughput JPEG 2000 Image Compression", true);
        compressed(RLE_LOSSLESS_UID, "RLE Lossless", false);
        compressed("1.2.840.10008.1.2.8.1", "Deflated Image Frame Compression", false);
        compressed("1.2.840.10008.1.2.6.1", "RFC 2557 MIME encapsulation", false);
        compressed("1.2.840.10008.1.2.6.2", "XML Encoding", false);
        compressed("1.2.840.113619.5.2", "GE Private Implicit VR Big Endian", false);
    }

    public TransferSyntax {
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(name, "name");
    }

    private static void nativeSyntax(String uid, String name, boolean explicit, boolean bigEndian, boolean deflated) {
        KNOWN.put(uid, new TransferSyntax(uid, name, explicit, bigEndian, deflated, false, false));
    }

    private static void compressed(String uid, String name, boolean lossy) {
        KNOWN.put(uid, new TransferSyntax(uid, name, true, false, false, true, lossy));
    }

    /** A lossy video syntax and its fragmentable variant (PS3.6 lists both; the variant's UID ends in ".1"). */
    private static void video(String uid, String name) {
        compressed(uid, name, true);
        compressed(uid + ".1", "Fragmentable " + name, true);
    }

    /**
     * The transfer syntax for a UID. Unknown UIDs are assumed to be encapsulated explicit VR little endian
     * (what every transfer syntax defined since 1998 is), so their pixel data are refused with their UID.
     */
    public static TransferSyntax of(String uid) {
        String u = stripPadding(uid);
        TransferSyntax known = KNOWN.get(u);
        return known != null ? known : new TransferSyntax(u, "unknown transfer syntax", true, false, false, true,
                false);
    }

    /** Whether the UID is in the table above. */
    public boolean isKnown() {
        return KNOWN.containsKey(uid);
    }

    /** "uid (name)" for messages, e.g. {@code 1.2.840.10008.1.2.5 (RLE Lossless)}. */
    public String describe() {
        return (isKnown() ? uid : HeaderText.uid(uid)) + " (" + name + ")";
    }

    /**
     * {@link #describe()} of the syntax with this UID (padding ignored, unknown UIDs marked unknown), or
     * "(no transfer syntax)" for null.
     */
    public static String describe(String uid) {
        return uid == null ? "(no transfer syntax)" : of(uid).describe();
    }

    /** Whether {@code uid} (padding ignored; null matches nothing) is one of {@code uids}. */
    public static boolean isOneOf(String uid, String... uids) {
        String stripped = stripPadding(uid);
        for (String candidate : uids) {
            if (candidate.equals(stripped)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The UID without its padding: UIDs are padded to even length with NUL (PS3.5 9.1), and headers written by
     * hand sometimes use a space. Null gives "".
     */
    public static String stripPadding(String uid) {
        if (uid == null) {
            return "";
        }
        int end = uid.length();
        while (end > 0 && (uid.charAt(end - 1) == '\0' || uid.charAt(end - 1) == ' ')) {
            end--;
        }
        return uid.substring(0, end).trim();
    }

    public static TransferSyntax implicitVrLittleEndian() {
        return KNOWN.get(IMPLICIT_VR_LE_UID);
    }

    public static TransferSyntax explicitVrLittleEndian() {
        return KNOWN.get(EXPLICIT_VR_LE_UID);
    }

    public static TransferSyntax explicitVrBigEndian() {
        return KNOWN.get(EXPLICIT_VR_BE_UID);
    }
}
