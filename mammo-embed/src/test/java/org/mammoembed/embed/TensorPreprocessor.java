package org.mammoembed.embed;

import org.mammoembed.core.DecodedImage;
import org.mammoembed.core.Photometric;
import org.mammoembed.core.VoiAttributes;

/**
 * Passes a ready network input through unchanged: the "image" is one CHW tensor stored as a (C*H) x W grey plane.
 * Lets the parity tests feed reference tensors through the public {@link EmbeddingExtractor#embed} API.
 */
final class TensorPreprocessor extends FixedSizePreprocessor {
    TensorPreprocessor(int height, int width) {
        super(height, width);
    }

    /** Wraps the {@code index}-th CHW tensor of an NCHW array as an image. */
    static DecodedImage wrap(float[] nchw, int index, int height, int width) {
        int n = 3 * height * width;
        float[] chw = java.util.Arrays.copyOfRange(nchw, index * n, (index + 1) * n);
        return new DecodedImage(3 * height, width, 1, chw, Photometric.MONOCHROME2,
                TestImages.metadata(3 * height, width, "", ""), VoiAttributes.NONE);
    }

    @Override
    public void apply(DecodedImage image, float[] dst, int offset) {
        System.arraycopy(image.pixels(), 0, dst, offset, 3 * height() * width());
    }

    @Override
    public String describe() {
        return "tensor passthrough " + height() + "x" + width();
    }
}
