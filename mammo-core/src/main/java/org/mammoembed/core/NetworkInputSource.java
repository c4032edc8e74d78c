package org.mammoembed.core;

import java.io.IOException;

/**
 * What a network sees of images, without the network: each image decoded and preprocessed into its network input.
 * Every {@link Embedder} is one. {@code NetworkInputs} (mammo-embed) is one without a model, for work that needs
 * only the inputs, such as a report's thumbnails made after the run ({@code StudyAnalysis.thumbnails}): it loads
 * no network.
 */
public interface NetworkInputSource {
    /**
     * The full preprocessing recipe, one line. Anything that changes the numbers must be in it: it is part of
     * the cache key and of the checkpoint key, and is written to {@code run.json}.
     */
    String preprocessingSpec();

    /**
     * Decodes and preprocesses each image of {@code images} and hands its network input to
     * {@link EmbeddingSink#preprocessed}, without running a network, and with no {@code accept} or {@code failed}
     * call. An image that cannot be read or preprocessed is skipped.
     *
     * @throws IOException when the sink throws
     */
    void preprocessOnly(Dataset images, EmbeddingSink sink) throws IOException;
}
