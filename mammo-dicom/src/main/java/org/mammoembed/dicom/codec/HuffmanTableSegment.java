package org.mammoembed.dicom.codec;

import org.mammoembed.dicom.DicomException;

/**
 * The entries of one DHT (Define Huffman Table) marker segment, laid out as ITU-T T.81 B.2.4.2 says; shared by
 * the sequential DCT and the lossless decoders, which build different lookup tables from the same entries.
 */
final class HuffmanTableSegment {

    /** Receives one table definition. */
    interface Entry<E extends Exception> {
        void accept(int tableClass, int id, int[] counts, int[] values) throws E;
    }

    private HuffmanTableSegment() {
    }

    /**
     * Reads every entry in {@code s[pos, end)}; a class above {@code maxClass} (0: DC/lossless only, 1: AC too),
     * an identifier above 3, more than 256 codes or an entry running past the segment is refused as corrupt.
     */
    static <E extends Exception> void read(byte[] s, int pos, int end, int maxClass, String ts, Entry<E> entry)
            throws DicomException, E {
        while (pos + 17 <= end) {
            int tc = (s[pos] & 0xFF) >> 4;
            int th = s[pos] & 0x0F;
            int[] counts = new int[16];
            int total = 0;
            for (int i = 0; i < 16; i++) {
                counts[i] = s[pos + 1 + i] & 0xFF;
                total += counts[i];
            }
            pos += 17;
            if (tc > maxClass || th > 3 || total > 256 || pos + total > end) {
                throw DecodeErrors.corrupt(ts, "JPEG Huffman table segment is malformed");
            }
            int[] values = new int[total];
            for (int i = 0; i < total; i++) {
                values[i] = s[pos + i] & 0xFF;
            }
            pos += total;
            entry.accept(tc, th, counts, values);
        }
    }
}
