package org.mammoembed.embed;

/** Base of the test preprocessors: a fixed output size. */
abstract class FixedSizePreprocessor implements ImagePreprocessor {
    private final int height;
    private final int width;

    FixedSizePreprocessor(int height, int width) {
        this.height = height;
        this.width = width;
    }

    @Override
    public final int height() {
        return height;
    }

    @Override
    public final int width() {
        return width;
    }
}
