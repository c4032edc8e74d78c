package org.mammoembed.embed;

import org.mammoembed.core.DecodedImage;
import org.mammoembed.core.MammoException;

/**
 * Turns one decoded image into one network input (the "translator" half of the DJL split: testable without a
 * model). {@link Preprocessing} is the built-in implementation. Implementations are immutable and thread-safe:
 * the extractor calls {@link #apply} from several worker threads at once.
 */
public interface ImagePreprocessor {

    /** Output height in pixels. */
    int height();

    /** Output width in pixels. */
    int width();

    /** Output channels (3 for ImageNet networks). */
    default int channels() {
        return 3;
    }

    /**
     * Writes the channels x height x width (CHW) input for {@code image} into {@code dst} at {@code offset}. The
     * image is lent for the call only: the extractor recycles its sample arrays for the next image once this
     * returns ({@link org.mammoembed.core.FrameBuffers}), so an implementation keeps nothing of it.
     */
    void apply(DecodedImage image, float[] dst, int offset) throws MammoException;

    /**
     * What happens to each feature vector after the network; default {@link PostProcessing#NONE}. Part of the
     * recipe, so {@link #describe()} must name it when it is not NONE.
     */
    default PostProcessing postProcessing() {
        return PostProcessing.NONE;
    }

    /** A complete, stable description of the recipe (written to run provenance, part of cache keys). */
    String describe();
}
