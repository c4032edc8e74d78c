package org.mammoembed.embed;

import org.mammoembed.core.DecodedImage;
import org.mammoembed.core.MammoException;

/**
 * How a decoded image becomes a network input. (Stub API: being written; see issue 2/4.)
 */
public final class Preprocessing implements ImagePreprocessor {
    private final int height;
    private final int width;

    private Preprocessing(int height, int width) {
        this.height = height;
        this.width = width;
    }

    /** The default recipe of issue 2 (percentile window, antialiased bilinear 224x224, ImageNet normalisation). */
    public static Preprocessing defaults() {
        return new Preprocessing(224, 224);
    }

    @Override
    public String describe() {
        return "stub";
    }

    /** Output height in pixels. */
    @Override
    public int height() {
        return height;
    }

    /** Output width in pixels. */
    @Override
    public int width() {
        return width;
    }

    /**
     * Writes the 3 x height x width (CHW) network input for {@code image} into {@code dst} at {@code offset}.
     */
    @Override
    public void apply(DecodedImage image, float[] dst, int offset) throws MammoException {
        throw new UnsupportedOperationException("Preprocessing.apply not written yet");
    }
}
