package org.mammoembed.core;

import java.io.IOException;

/**
 * Receives embeddings as they are computed, so a run over 10,000 images never holds them all. The extractor
 * calls {@link #accept} in input order, from one thread at a time.
 */
public interface EmbeddingSink {

    /** One finished embedding. The array may be reused by the caller after this returns: copy what you keep. */
    void accept(EmbeddedImage image, float[] feature) throws IOException;

    /**
     * The network input of one image (channels x height x width, exactly what the network will see), called
     * right after preprocessing and before the image's embedding is computed. Unlike {@link #accept}, this is
     * called from the extractor's worker threads, concurrently and in no particular order, so implementations
     * must be thread-safe; the array is reused after this returns. An exception here is logged and never costs
     * the image its embedding. For observers such as the HTML report's thumbnails. Default: ignored.
     */
    default void preprocessed(ImageRecord image, float[] input, int channels, int height, int width)
            throws IOException {
    }

    /** One image that could not be embedded. Default: ignored. */
    default void failed(Failure failure) throws IOException {
    }
}
