package org.mammoembed.core;

import java.io.IOException;

/**
 * Receives embeddings as they are computed, so a run over 10,000 images never holds them all. The extractor
 * calls {@link #accept} in input order, from one thread at a time.
 */
public interface EmbeddingSink {

    /** One finished embedding. The array may be reused by the caller after this returns: copy what you keep. */
    void accept(EmbeddedImage image, float[] feature) throws IOException;

    /** One image that could not be embedded. Default: ignored. */
    default void failed(Failure failure) throws IOException {
    }
}
