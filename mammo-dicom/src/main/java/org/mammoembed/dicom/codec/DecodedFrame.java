package org.mammoembed.dicom.codec;

/**
 * Samples of one frame as a codec delivered them: interleaved (pixel-major, then sample), in stored-value
 * units but not yet masked to Bits Stored or sign-extended (the reader does that, uniformly for every codec).
 *
 * @param samples     rows * columns * samplesPerPixel values
 * @param photometric the colour space of {@code samples}: the header's photometric interpretation, or "RGB"
 *                    when the codec already converted YBR to RGB (as lossy JPEG decoders do)
 */
public record DecodedFrame(int[] samples, String photometric) {
}
