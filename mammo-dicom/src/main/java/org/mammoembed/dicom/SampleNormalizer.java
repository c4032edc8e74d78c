package org.mammoembed.dicom;

/**
 * Keeps the Bits Stored bits of each sample, at High Bit (PS3.5 8.1.1), and sign-extends them when Pixel
 * Representation is 1. Applied to every frame, native or decoded by a codec, so that overlay bits in unused
 * high bits and codecs' unsigned output are handled in one place.
 */
final class SampleNormalizer {
    private SampleNormalizer() {
    }

    /**
     * @param significantBits every sample is known to be non-negative and below {@code 2^significantBits} (32: not
     *                        known); when that fits unsigned Bits Stored at bit 0, the samples are left as they are
     */
    static void normalize(int[] samples, int bitsAllocated, int bitsStored, int highBit, boolean signed,
                          int significantBits) {
        if (bitsStored >= 32) {
            return;
        }
        int shift = highBit + 1 - bitsStored;
        if (!signed && shift == 0 && significantBits <= bitsStored) {
            return;
        }
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
