package org.mammoembed.io.report;

import java.io.IOException;
import java.util.Objects;
import org.mammoembed.core.EmbeddedImage;
import org.mammoembed.core.EmbeddingSink;
import org.mammoembed.core.Failure;
import org.mammoembed.core.ImageRecord;

/**
 * An {@link EmbeddingSink} that writes each image's report thumbnail from its network input while the
 * extraction runs (no second decode), and hands everything else to the sink it wraps unchanged.
 */
public final class ThumbnailingSink implements EmbeddingSink {
    private final EmbeddingSink delegate;
    private final ReportThumbnails thumbnails;

    public ThumbnailingSink(EmbeddingSink delegate, ReportThumbnails thumbnails) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.thumbnails = Objects.requireNonNull(thumbnails, "thumbnails");
    }

    @Override
    public void preprocessed(ImageRecord image, float[] input, int channels, int height, int width)
            throws IOException {
        thumbnails.write(image.relativePath(), input, channels, height, width);
        delegate.preprocessed(image, input, channels, height, width);
    }

    @Override
    public void accept(EmbeddedImage image, float[] feature) throws IOException {
        delegate.accept(image, feature);
    }

    @Override
    public void failed(Failure failure) throws IOException {
        delegate.failed(failure);
    }
}
