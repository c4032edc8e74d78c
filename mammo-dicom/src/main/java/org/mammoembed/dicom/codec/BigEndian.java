package org.mammoembed.dicom.codec;

/**
 * Unsigned big-endian reads from a byte array: JPEG's marker segments and JPEG 2000's codestream and boxes store
 * their numbers most significant byte first (ITU-T T.81 B.1.1.1, T.800 A.1.1 and I.4). Bounds are the caller's.
 */
final class BigEndian {
    private BigEndian() {
    }

    /** The 16-bit number at {@code at}. */
    static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF);
    }

    /** The 32-bit number at {@code at}. */
    static long u32(byte[] b, int at) {
        return (b[at] & 0xFFL) << 24 | (b[at + 1] & 0xFFL) << 16 | (b[at + 2] & 0xFFL) << 8 | (b[at + 3] & 0xFFL);
    }
}
