package org.mammoembed.core;

/**
 * What one streaming extraction did and where its time went (see {@link Embedder#extract}). Stage times are
 * summed over images or batches, so they may exceed the wall time when workers overlap.
 */
public interface ExtractionStats {
    /** Images embedded and handed to the sink. */
    int embedded();

    /** Images that failed (read, decode, preprocess or inference); scan problems not included. */
    int failed();

    /** Time reading and decoding, summed over images. */
    double decodeSeconds();

    /** Time preprocessing, summed over images. */
    double preprocessSeconds();

    /** Time running the network, summed over batches. */
    double inferenceSeconds();

    /** Elapsed time of the extraction. */
    double wallSeconds();

    /** The execution provider that ran the network. */
    String executionProvider();
}
