package org.mammoembed.io;

import java.io.IOException;
import java.util.Objects;
import org.mammoembed.core.EmbeddedImage;
import org.mammoembed.core.EmbeddingSink;
import org.mammoembed.core.Failure;

/**
 * An {@link EmbeddingSink} that records every finished image in a {@link CheckpointStore}, syncing to disk
 * every {@code syncEvery} images and at {@link #close()}. A crash loses at most the last {@code syncEvery - 1}
 * images' work. Does not close the store.
 */
public final class CheckpointSink implements EmbeddingSink, AutoCloseable {
    private final CheckpointStore store;
    private final int syncEvery;
    private int sinceSync;

    /**
     * @param syncEvery images between fsyncs, at least 1 (typically the inference batch size)
     */
    public CheckpointSink(CheckpointStore store, int syncEvery) {
        this.store = Objects.requireNonNull(store, "store");
        if (syncEvery < 1) {
            throw new IllegalArgumentException("syncEvery must be >= 1, got " + syncEvery);
        }
        this.syncEvery = syncEvery;
    }

    @Override
    public void accept(EmbeddedImage image, float[] feature) throws IOException {
        store.append(image, feature);
        counted();
    }

    @Override
    public void failed(Failure failure) throws IOException {
        store.appendFailure(failure);
        counted();
    }

    /** Syncs what is buffered. */
    @Override
    public void close() throws IOException {
        store.sync();
        sinceSync = 0;
    }

    private void counted() throws IOException {
        if (++sinceSync >= syncEvery) {
            store.sync();
            sinceSync = 0;
        }
    }
}
