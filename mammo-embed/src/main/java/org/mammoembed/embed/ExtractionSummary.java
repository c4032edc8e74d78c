package org.mammoembed.embed;

/**
 * What a streaming extraction did and where its time went. Stage times are summed over images (decode and
 * preprocess run on several workers at once, so they can exceed the wall time) and over batches (inference).
 *
 * @param images            images in the dataset
 * @param embedded          images embedded and handed to the sink
 * @param failed            images that failed (read, decode, preprocess or inference)
 * @param scanProblems      the dataset's scan problems, also handed to the sink as failures
 * @param decodeSeconds     time in {@code ImageReader.read} (reading and decoding), summed over images
 * @param preprocessSeconds time in {@code ImagePreprocessor.apply}, summed over images
 * @param inferenceSeconds  time running the network, summed over batches
 * @param inputWaitSeconds  time the network thread waited for the workers' next image: near 0 when decoding
 *                          keeps up with inference, large when the run is bound by reading and decoding
 * @param wallSeconds       elapsed time of the whole run
 * @param batchSize         images per inference batch
 * @param executionProvider ONNX Runtime provider that ran the network, e.g. {@code CPUExecutionProvider}
 * @param abandonedDecodes  decodes that ran past the decode deadline and were abandoned (each such image is also
 *                          a failure "decode exceeded N s"); see {@code EmbeddingExtractorBuilder#decodeTimeout}
 * @param cpu               the stages' CPU times (see {@link CpuProfile})
 */
public record ExtractionSummary(int images, int embedded, int failed, int scanProblems, double decodeSeconds,
                                double preprocessSeconds, double inferenceSeconds, double inputWaitSeconds,
                                double wallSeconds,
                                int batchSize, String executionProvider, int abandonedDecodes, CpuProfile cpu)
        implements org.mammoembed.core.ExtractionStats {

    /** A summary of a run that abandoned no decode, without CPU times ({@link CpuProfile#NONE}). */
    public ExtractionSummary(int images, int embedded, int failed, int scanProblems, double decodeSeconds,
                             double preprocessSeconds, double inferenceSeconds, double inputWaitSeconds,
                             double wallSeconds, int batchSize, String executionProvider) {
        this(images, embedded, failed, scanProblems, decodeSeconds, preprocessSeconds, inferenceSeconds,
                inputWaitSeconds, wallSeconds, batchSize, executionProvider, 0, CpuProfile.NONE);
    }

    /** Images finished (embedded or failed) per second of wall time; 0 for an empty run. */
    public double imagesPerSecond() {
        return wallSeconds <= 0 ? 0.0 : (embedded + failed) / wallSeconds;
    }
}
