package org.mammoembed.dicom;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Deterministic mutations of a DICOM file, as a hostile archive would hold them: bit flips, byte overwrites,
 * truncations, huge or odd 16/32-bit fields (lengths), swapped and duplicated blocks, transfer syntax edits and
 * Image Pixel module edits. Mutant {@code i} of a seed is always the same bytes.
 */
final class Mutator {
    private static final String[] SYNTAXES = {TransferSyntax.IMPLICIT_VR_LE_UID, TransferSyntax.EXPLICIT_VR_LE_UID,
        TransferSyntax.EXPLICIT_VR_BE_UID, TransferSyntax.DEFLATED_EXPLICIT_VR_LE_UID,
        TransferSyntax.JPEG_BASELINE_UID, TransferSyntax.JPEG_LOSSLESS_SV1_UID, TransferSyntax.JPEG_LS_LOSSLESS_UID,
        TransferSyntax.JPEG_2000_LOSSLESS_UID, TransferSyntax.RLE_LOSSLESS_UID};
    private static final int[] ODD_VALUES = {0, 1, 2, 0x7F, 0xFF, 0x7FFF, 0x8000, 0xFFFF, 0x10000, 0x7FFFFFFF,
        0x80000000, 0xFFFFFFFF, 0xFFFFFFFE, 16384, 65535};
    /** Image Pixel module tags whose US values are edited, as little-endian tag bytes. */
    private static final int[] PIXEL_TAGS = {Tag.ROWS, Tag.COLUMNS, Tag.BITS_ALLOCATED, Tag.BITS_STORED, Tag.HIGH_BIT,
        Tag.SAMPLES_PER_PIXEL, Tag.PIXEL_REPRESENTATION, Tag.PLANAR_CONFIGURATION};

    private Mutator() {
    }

    /** What was done, for the report, and the bytes. */
    record Mutant(String kind, byte[] bytes) {
    }

    static Mutant mutate(byte[] original, long seed, int index) {
        SplittableRandom r = new SplittableRandom(seed * 1_000_003L + index);
        byte[] b = original.clone();
        int kind = r.nextInt(9);
        switch (kind) {
            case 0: {
                int n = 1 + r.nextInt(8);
                for (int k = 0; k < n; k++) {
                    int p = r.nextInt(b.length);
                    b[p] ^= (byte) (1 << r.nextInt(8));
                }
                return new Mutant("bit flips x" + n, b);
            }
            case 1: {
                int n = 1 + r.nextInt(16);
                for (int k = 0; k < n; k++) {
                    b[r.nextInt(b.length)] = (byte) r.nextInt(256);
                }
                return new Mutant("random bytes x" + n, b);
            }
            case 2:
                return new Mutant("truncation", Arrays.copyOf(b, r.nextInt(b.length)));
            case 3: {
                // a 16- or 32-bit field set to an odd value, mostly in the header where lengths are
                int p = r.nextInt(Math.min(b.length, 4096));
                int v = ODD_VALUES[r.nextInt(ODD_VALUES.length)];
                int width = r.nextBoolean() ? 2 : 4;
                for (int k = 0; k < width && p + k < b.length; k++) {
                    b[p + k] = (byte) (v >>> (8 * k));
                }
                return new Mutant("field " + width + " bytes", b);
            }
            case 4: {
                int len = 2 + r.nextInt(64);
                int from = r.nextInt(b.length);
                int to = r.nextInt(b.length);
                byte[] block = Arrays.copyOfRange(b, from, Math.min(b.length, from + len));
                byte[] other = Arrays.copyOfRange(b, to, Math.min(b.length, to + block.length));
                System.arraycopy(block, 0, b, to, Math.min(block.length, b.length - to));
                System.arraycopy(other, 0, b, from, Math.min(other.length, b.length - from));
                return new Mutant("swapped blocks", b);
            }
            case 5: {
                int len = 2 + r.nextInt(256);
                int from = r.nextInt(b.length);
                int to = r.nextInt(b.length);
                byte[] block = Arrays.copyOfRange(b, from, Math.min(b.length, from + len));
                byte[] out = new byte[b.length + block.length];
                System.arraycopy(b, 0, out, 0, to);
                System.arraycopy(block, 0, out, to, block.length);
                System.arraycopy(b, to, out, to + block.length, b.length - to);
                return new Mutant("duplicated block", out);
            }
            case 6: {
                int at = indexOf(b, "1.2.840.10008.1.2".getBytes(StandardCharsets.US_ASCII), 128);
                if (at < 0) {
                    b[r.nextInt(b.length)] ^= 1;
                    return new Mutant("bit flip (no transfer syntax)", b);
                }
                int end = at;
                while (end < b.length && end - at < 64 && (b[end] == '.' || b[end] >= '0' && b[end] <= '9')) {
                    end++;
                }
                byte[] uid = SYNTAXES[r.nextInt(SYNTAXES.length)].getBytes(StandardCharsets.US_ASCII);
                for (int k = at; k < end; k++) {
                    b[k] = k - at < uid.length ? uid[k - at] : 0;
                }
                return new Mutant("transfer syntax edit", b);
            }
            case 7: {
                int tag = PIXEL_TAGS[r.nextInt(PIXEL_TAGS.length)];
                byte[] le = {(byte) (tag >>> 16), (byte) (tag >>> 24), (byte) tag, (byte) (tag >>> 8)};
                int at = indexOf(b, le, 0);
                if (at < 0 || at + 10 > b.length) {
                    b[r.nextInt(b.length)] ^= (byte) 0x80;
                    return new Mutant("bit flip (no pixel tag)", b);
                }
                int valueAt = at + 8; // explicit VR (VR, 16-bit length) and implicit VR (32-bit length) alike
                int v = ODD_VALUES[r.nextInt(ODD_VALUES.length)];
                b[valueAt] = (byte) v;
                b[valueAt + 1] = (byte) (v >>> 8);
                return new Mutant("pixel module edit " + Tag.format(tag), b);
            }
            default: {
                // the tail (pixel data): where codec bugs live
                int n = 1 + r.nextInt(24);
                int start = b.length / 2;
                for (int k = 0; k < n; k++) {
                    int p = start + r.nextInt(b.length - start);
                    b[p] = r.nextInt(4) == 0 ? (byte) 0xFF : (byte) r.nextInt(256);
                }
                return new Mutant("pixel data bytes x" + n, b);
            }
        }
    }

    private static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = from; i + needle.length <= hay.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (hay[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
