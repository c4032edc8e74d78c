package org.mammoembed.dicom.codec;

/**
 * Samples of one frame as a codec delivered them: interleaved (pixel-major, then sample), in stored-value
 * units but not yet masked to Bits Stored or sign-extended (the reader does that, uniformly for every codec).
 *
 * @param samples     rows * columns * samplesPerPixel values
 * @param photometric the colour space of {@code samples}: the header's photometric interpretation; "RGB"
 *                    when the codec already undid a colour transform (JPEG 2000 ICT/RCT); "YBR_FULL" when the
 *                    codec delivered full-range YCbCr, already upsampled (JPEG with JFIF, an Adobe YCbCr marker,
 *                    or a YBR_FULL_422 header), which the reader converts to RGB
 */
public record DecodedFrame(int[] samples, String photometric, int significantBits) {
    /**
     * @param significantBits every sample is non-negative and below {@code 2^significantBits}, 0 to 32 (32: the
     *                        codec does not say). Where that is within Bits Stored at bit 0 of unsigned samples,
     *                        the reader skips masking them, a pass over the frame
     */
    public DecodedFrame {
        if (significantBits < 0 || significantBits > Integer.SIZE) {
            throw new IllegalArgumentException("significantBits must be between 0 and 32, got " + significantBits);
        }
    }

    /** Samples of no stated range (the reader masks them to Bits Stored). */
    public DecodedFrame(int[] samples, String photometric) {
        this(samples, photometric, Integer.SIZE);
    }

    /** The bits {@code orOfSamples}, the bitwise OR of every sample, needs: what {@code significantBits} takes. */
    public static int bitsOf(int orOfSamples) {
        return Integer.SIZE - Integer.numberOfLeadingZeros(orOfSamples);
    }
}
