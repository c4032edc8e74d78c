package org.mammoembed.dicom.codec;

import org.mammoembed.core.FrameBuffers;

/**
 * Samples of one frame as a codec delivered them: interleaved (pixel-major, then sample), in stored-value
 * units but not yet masked to Bits Stored or sign-extended (the reader does that, uniformly for every codec).
 * They come as ints, or as 16-bit words where the codec's samples are words (lossless JPEG): half the memory of
 * ints, and, for a grayscale image, read by the preprocessing as a native frame's words are, with no pass to
 * widen or mask them.
 *
 * @param ints        rows * columns * samplesPerPixel values, or null when {@code words} holds them
 * @param words       rows * columns * samplesPerPixel words, each sample's 16 bits as a native frame of Bits
 *                    Allocated 16 holds them, or null when {@code ints} holds the samples
 * @param photometric the colour space of the samples: the header's photometric interpretation; "RGB"
 *                    when the codec already undid a colour transform (JPEG 2000 ICT/RCT); "YBR_FULL" when the
 *                    codec delivered full-range YCbCr, already upsampled (JPEG with JFIF, an Adobe YCbCr marker,
 *                    or a YBR_FULL_422 header), which the reader converts to RGB
 */
public record DecodedFrame(int[] ints, short[] words, String photometric) {
    /** Exactly one of {@code ints} and {@code words}. */
    public DecodedFrame {
        if ((ints == null) == (words == null)) {
            throw new IllegalArgumentException("a decoded frame holds its samples as ints or as words, got "
                    + (ints == null ? "neither" : "both"));
        }
    }

    /** Samples as ints. */
    public DecodedFrame(int[] samples, String photometric) {
        this(samples, null, photometric);
    }

    /** Samples as 16-bit words. */
    public static DecodedFrame ofWords(short[] words, String photometric) {
        return new DecodedFrame(null, words, photometric);
    }

    /**
     * An array for a frame's {@code n} words: lent by {@code buffers} (contents undefined, so the caller writes every
     * element), or a new one when {@code buffers} is null. For decoders that implement
     * {@link FrameDecoder#decode(byte[], PixelFormat, String, FrameBuffers)}, and the reader's native frames.
     */
    public static short[] newWords(FrameBuffers buffers, int n) {
        return buffers == null ? new short[n] : buffers.words(n);
    }

    /** How many samples the frame holds. */
    public int sampleCount() {
        return ints != null ? ints.length : words.length;
    }

    /** Every sample as an int: {@code ints}, or each word read unsigned (into a new array at each call). */
    public int[] samples() {
        if (ints != null) {
            return ints;
        }
        int[] s = new int[words.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = words[i] & 0xFFFF;
        }
        return s;
    }
}
