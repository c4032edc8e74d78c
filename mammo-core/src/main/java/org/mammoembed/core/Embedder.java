package org.mammoembed.core;

import java.io.IOException;
import java.util.Map;

/**
 * What a study runner needs from an embedding engine: stream a dataset's embeddings to a sink, and say what
 * determines the numbers (model, preprocessing) so that checkpoints, caches and provenance can be keyed on it.
 * {@code org.mammoembed.embed.EmbeddingExtractor} is the built-in implementation (ONNX Runtime); the study API
 * in {@code mammo-io} depends on this interface only. Implementations own their native resources; the study
 * never closes an embedder it was given.
 */
public interface Embedder extends NetworkInputSource {

    /** Length of one embedding (D). */
    int dimension();

    /** The network as data: where it came from, its SHA-256, its input and output. */
    ModelIdentity modelIdentity();

    /** The execution provider that actually runs the network, e.g. {@code CPUExecutionProvider}. */
    String executionProvider();

    /** Images per inference batch; a study syncs its checkpoint once per batch. */
    int batchSize();

    /** The reader the embedder decodes with (DICOM by default); a study reuses it for header reads (cache hits, tag columns). */
    ImageReader reader();

    /** The effective settings (device, batch size, workers, threads, frame...), typed, for provenance. */
    Map<String, Object> settings();

    /**
     * Streams the embeddings of {@code dataset} to {@code sink}: first the dataset's scan problems (as
     * failures), then every image in input order, embedded or failed.
     *
     * @throws MammoException only when the run cannot go on (the sink threw, interrupted); bad images never throw
     */
    ExtractionStats extract(Dataset dataset, EmbeddingSink sink, ProgressListener listener) throws MammoException;

    /**
     * Decodes and preprocesses each image of {@code images} and hands its network input to
     * {@link EmbeddingSink#preprocessed}, without running the network, and with no {@code accept} or {@code failed}
     * call: what a study shows of images whose embeddings it took from a cache or a checkpoint (a report's
     * thumbnails). An image that cannot be read or preprocessed is skipped. Default: nothing, for an embedder that
     * does not expose its input.
     *
     * @throws IOException when the sink throws
     */
    @Override
    default void preprocessOnly(Dataset images, EmbeddingSink sink) throws IOException {
    }
}
