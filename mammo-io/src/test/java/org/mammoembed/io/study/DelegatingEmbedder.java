package org.mammoembed.io.study;

import java.util.Map;
import org.mammoembed.core.Dataset;
import org.mammoembed.core.ImageReader;
import org.mammoembed.core.Embedder;
import org.mammoembed.core.EmbeddingSink;
import org.mammoembed.core.ExtractionStats;
import org.mammoembed.core.MammoException;
import org.mammoembed.core.ModelIdentity;
import org.mammoembed.core.ProgressListener;

/** An embedder that passes everything to another; tests override what they break. */
class DelegatingEmbedder implements Embedder {
    private final Embedder inner;

    DelegatingEmbedder(Embedder inner) {
        this.inner = inner;
    }

    public int dimension() {
        return inner.dimension();
    }

    public ModelIdentity modelIdentity() {
        return inner.modelIdentity();
    }

    public String preprocessingSpec() {
        return inner.preprocessingSpec();
    }

    public String executionProvider() {
        return inner.executionProvider();
    }

    public int batchSize() {
        return inner.batchSize();
    }

    public ImageReader reader() {
        return inner.reader();
    }

    public Map<String, Object> settings() {
        return inner.settings();
    }

    public ExtractionStats extract(Dataset d, EmbeddingSink s, ProgressListener l) throws MammoException {
        return inner.extract(d, s, l);
    }
}
