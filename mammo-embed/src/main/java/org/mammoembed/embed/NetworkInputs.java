package org.mammoembed.embed;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.mammoembed.core.Dataset;
import org.mammoembed.core.DecodedImage;
import org.mammoembed.core.EmbeddingSink;
import org.mammoembed.core.FrameBuffers;
import org.mammoembed.core.ImageReader;
import org.mammoembed.core.ImageRecord;
import org.mammoembed.core.MammoException;
import org.mammoembed.core.NetworkInputSource;
import org.mammoembed.core.RootConfinedReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decoding and preprocessing half of an {@link EmbeddingExtractor}: each image's network input, read under the
 * same confinement and decode deadline, without a network. Every extractor holds one; on its own
 * ({@link EmbeddingExtractorBuilder#buildInputs()}) it serves work that needs only the inputs, such as a report's
 * thumbnails made after the run, without the second or more that loading a network takes.
 *
 * <p>Immutable and thread-safe; it holds no native resource (each {@link #preprocessOnly} call starts and ends its
 * own decode deadline).
 */
public final class NetworkInputs implements NetworkInputSource {
    private static final Logger LOG = LoggerFactory.getLogger(NetworkInputs.class);

    private final ImageReader reader;
    private final ImagePreprocessor preprocessor;
    private final int frame;
    private final Duration decodeTimeout;
    private final int maxAbandonedDecodes;

    /** Takes validated settings; see {@link EmbeddingExtractorBuilder}. */
    NetworkInputs(ImageReader reader, ImagePreprocessor preprocessor, int frame, Duration decodeTimeout,
                  int maxAbandonedDecodes) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.preprocessor = Objects.requireNonNull(preprocessor, "preprocessing");
        this.frame = frame;
        this.decodeTimeout = Objects.requireNonNull(decodeTimeout, "decodeTimeout");
        this.maxAbandonedDecodes = maxAbandonedDecodes;
    }

    /** The recipe each decoded image goes through. */
    public ImagePreprocessor preprocessing() {
        return preprocessor;
    }

    /** The reader images are decoded with. */
    public ImageReader reader() {
        return reader;
    }

    /** {@code preprocessing().describe()}. */
    @Override
    public String preprocessingSpec() {
        return preprocessor.describe();
    }

    /**
     * Decodes (confined to the dataset's root, under the decode deadline) and preprocesses each image in turn on
     * this thread, handing its network input to {@code sink.preprocessed}. An image that fails is skipped (logged
     * at DEBUG): whoever asks for inputs alone has the image's embedding from elsewhere, and only what is shown of
     * it is lost.
     */
    @Override
    public void preprocessOnly(Dataset images, EmbeddingSink sink) throws IOException {
        Objects.requireNonNull(images, "images");
        Objects.requireNonNull(sink, "sink");
        float[] input = new float[Math.multiplyExact(preprocessor.channels(),
                Math.multiplyExact(preprocessor.height(), preprocessor.width()))];
        FrameBuffers frames = new FrameBuffers(1);
        try (DecodeDeadline deadline = deadline(images.root())) {
            for (ImageRecord r : images.images()) {
                try {
                    DecodedImage image = deadline.read(r.path(), frame, frames);
                    try {
                        preprocessor.apply(image, input, 0);
                    } finally {
                        frames.recycle(image);
                    }
                } catch (MammoException | RuntimeException e) {
                    LOG.debug("{}: no network input to show ({})", r.relativePath(), e.getMessage());
                    continue;
                }
                sink.preprocessed(r, input, preprocessor.channels(), preprocessor.height(), preprocessor.width());
            }
        }
    }

    /** Which frame of multi-frame files is read. */
    public int frame() {
        return frame;
    }

    /**
     * Reads under {@code root} only (confinement is checked as each file is opened, not only when the dataset was
     * scanned) and within the decode deadline: the extractor's batches read through the same.
     */
    DecodeDeadline deadline(Path root) {
        return new DecodeDeadline(RootConfinedReader.of(reader, root), decodeTimeout, maxAbandonedDecodes);
    }
}
