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
public record DecodedFrame(int[] samples, String photometric) {
}
