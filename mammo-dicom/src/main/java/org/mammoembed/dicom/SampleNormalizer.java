package org.mammoembed.dicom;

/**
 * Keeps the Bits Stored bits of each sample, at High Bit (PS3.5 8.1.1), and sign-extends them when Pixel
 * Representation is 1. Applied to every frame, native or decoded by a codec, so that overlay bits in unused
 * high bits and codecs' unsigned output are handled in one place.
 */
final class SampleNormalizer {
    private SampleNormalizer() {
    }

    static void normalize(int[] samples, int bitsAllocated, int bitsStored, int highBit, boolean signed) {
        if (bitsStored >= 32) {
            return;
        }
        int shift = highBit + 1 - bitsStored;
        int mask = (1 << bitsStored) - 1;
        if (signed) {
            int extend = 32 - bitsStored;
            for (int i = 0; i < samples.length; i++) {
                samples[i] = ((samples[i] >>> shift) & mask) << extend >> extend;
            }
        } else if (shift != 0 || bitsStored < bitsAllocated || bitsStored < 32) {
            for (int i = 0; i < samples.length; i++) {
                samples[i] = (samples[i] >>> shift) & mask;
            }
        }
    }
}
