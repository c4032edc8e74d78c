package org.mammoembed.dicom.codec;

import java.util.Optional;

/**
 * The encapsulated (compressed) transfer syntaxes of PS3.6 Table A-1 that a mammography archive may hold,
 * whether or not mammo-embed can decode them, so that errors can name what a file uses.
 */
public enum EncapsulatedSyntax {
    JPEG_BASELINE("1.2.840.10008.1.2.4.50", "JPEG Baseline (Process 1)"),
    JPEG_EXTENDED("1.2.840.10008.1.2.4.51", "JPEG Extended (Process 2 & 4)"),
    JPEG_LOSSLESS("1.2.840.10008.1.2.4.57", "JPEG Lossless, Non-Hierarchical (Process 14)"),
    JPEG_LOSSLESS_SV1("1.2.840.10008.1.2.4.70",
            "JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14 [Selection Value 1])"),
    JPEG_LS_LOSSLESS("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless Image Compression"),
    JPEG_LS_NEAR_LOSSLESS("1.2.840.10008.1.2.4.81", "JPEG-LS Lossy (Near-Lossless) Image Compression"),
    JPEG_2000_LOSSLESS("1.2.840.10008.1.2.4.90", "JPEG 2000 Image Compression (Lossless Only)"),
    JPEG_2000("1.2.840.10008.1.2.4.91", "JPEG 2000 Image Compression"),
    JPEG_2000_MC_LOSSLESS("1.2.840.10008.1.2.4.92", "JPEG 2000 Part 2 Multi-component Image Compression (Lossless Only)"),
    JPEG_2000_MC("1.2.840.10008.1.2.4.93", "JPEG 2000 Part 2 Multi-component Image Compression"),
    HTJ2K_LOSSLESS("1.2.840.10008.1.2.4.201", "High-Throughput JPEG 2000 Image Compression (Lossless Only)"),
    HTJ2K_LOSSLESS_RPCL("1.2.840.10008.1.2.4.202",
            "High-Throughput JPEG 2000 with RPCL Options Image Compression (Lossless Only)"),
    HTJ2K("1.2.840.10008.1.2.4.203", "High-Throughput JPEG 2000 Image Compression"),
    JPEG_XL_LOSSLESS("1.2.840.10008.1.2.4.110", "JPEG XL Lossless"),
    JPEG_XL_RECOMPRESSION("1.2.840.10008.1.2.4.111", "JPEG XL JPEG Recompression"),
    JPEG_XL("1.2.840.10008.1.2.4.112", "JPEG XL"),
    JPIP_REFERENCED("1.2.840.10008.1.2.4.94", "JPIP Referenced"),
    JPIP_REFERENCED_DEFLATE("1.2.840.10008.1.2.4.95", "JPIP Referenced Deflate"),
    MPEG2_MAIN("1.2.840.10008.1.2.4.100", "MPEG2 Main Profile / Main Level"),
    MPEG2_MAIN_FRAGMENTABLE("1.2.840.10008.1.2.4.100.1", "Fragmentable MPEG2 Main Profile / Main Level"),
    MPEG2_HIGH("1.2.840.10008.1.2.4.101", "MPEG2 Main Profile / High Level"),
    MPEG2_HIGH_FRAGMENTABLE("1.2.840.10008.1.2.4.101.1", "Fragmentable MPEG2 Main Profile / High Level"),
    MPEG4_HIGH("1.2.840.10008.1.2.4.102", "MPEG-4 AVC/H.264 High Profile / Level 4.1"),
    MPEG4_HIGH_FRAGMENTABLE("1.2.840.10008.1.2.4.102.1", "Fragmentable MPEG-4 AVC/H.264 High Profile / Level 4.1"),
    MPEG4_BD("1.2.840.10008.1.2.4.103", "MPEG-4 AVC/H.264 BD-compatible High Profile / Level 4.1"),
    MPEG4_BD_FRAGMENTABLE("1.2.840.10008.1.2.4.103.1",
            "Fragmentable MPEG-4 AVC/H.264 BD-compatible High Profile / Level 4.1"),
    MPEG4_2D("1.2.840.10008.1.2.4.104", "MPEG-4 AVC/H.264 High Profile / Level 4.2 For 2D Video"),
    MPEG4_2D_FRAGMENTABLE("1.2.840.10008.1.2.4.104.1",
            "Fragmentable MPEG-4 AVC/H.264 High Profile / Level 4.2 For 2D Video"),
    MPEG4_3D("1.2.840.10008.1.2.4.105", "MPEG-4 AVC/H.264 High Profile / Level 4.2 For 3D Video"),
    MPEG4_3D_FRAGMENTABLE("1.2.840.10008.1.2.4.105.1",
            "Fragmentable MPEG-4 AVC/H.264 High Profile / Level 4.2 For 3D Video"),
    MPEG4_STEREO("1.2.840.10008.1.2.4.106", "MPEG-4 AVC/H.264 Stereo High Profile / Level 4.2"),
    MPEG4_STEREO_FRAGMENTABLE("1.2.840.10008.1.2.4.106.1",
            "Fragmentable MPEG-4 AVC/H.264 Stereo High Profile / Level 4.2"),
    HEVC_MAIN("1.2.840.10008.1.2.4.107", "HEVC/H.265 Main Profile / Level 5.1"),
    HEVC_MAIN10("1.2.840.10008.1.2.4.108", "HEVC/H.265 Main 10 Profile / Level 5.1"),
    RLE_LOSSLESS("1.2.840.10008.1.2.5", "RLE Lossless"),
    DEFLATED_IMAGE_FRAME("1.2.840.10008.1.2.8.1", "Deflated Image Frame Compression");

    private final String uid;
    private final String title;

    EncapsulatedSyntax(String uid, String title) {
        this.uid = uid;
        this.title = title;
    }

    /** The transfer syntax UID. */
    public String uid() {
        return uid;
    }

    /** The PS3.6 name, e.g. "RLE Lossless". */
    public String title() {
        return title;
    }

    /** The syntax with this UID (surrounding spaces and a trailing NUL pad ignored), or empty. */
    public static Optional<EncapsulatedSyntax> byUid(String transferSyntaxUid) {
        if (transferSyntaxUid == null) {
            return Optional.empty();
        }
        String key = stripPadding(transferSyntaxUid);
        for (EncapsulatedSyntax s : values()) {
            if (s.uid.equals(key)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /**
     * "UID (name)" for messages, e.g. {@code 1.2.840.10008.1.2.5 (RLE Lossless)}; unknown UIDs are given as
     * they are, marked unknown.
     */
    public static String describe(String transferSyntaxUid) {
        return byUid(transferSyntaxUid)
                .map(s -> s.uid + " (" + s.title + ")")
                .orElse(transferSyntaxUid == null ? "(no transfer syntax)"
                        : stripPadding(transferSyntaxUid) + " (unknown transfer syntax)");
    }

    /** UIDs are padded to even length with NUL (PS3.5 9.1); headers written by hand sometimes use a space. */
    static String stripPadding(String uid) {
        int end = uid.length();
        while (end > 0 && (uid.charAt(end - 1) == '\0' || uid.charAt(end - 1) == ' ')) {
            end--;
        }
        return uid.substring(0, end).trim();
    }
}
