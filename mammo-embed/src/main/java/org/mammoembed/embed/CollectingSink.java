package org.mammoembed.embed;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mammoembed.core.EmbeddedImage;
import org.mammoembed.core.EmbeddingResult;
import org.mammoembed.core.EmbeddingSink;
import org.mammoembed.core.Failure;

/** Keeps everything in memory, for {@link EmbeddingExtractor#extract(org.mammoembed.core.Dataset)}. */
final class CollectingSink implements EmbeddingSink {
    private final int dimension;
    private float[] features;
    private final List<EmbeddedImage> index = new ArrayList<>();
    private final List<Failure> failures = new ArrayList<>();

    CollectingSink(int dimension, int expectedImages) {
        this.dimension = dimension;
        this.features = new float[Math.multiplyExact(Math.max(1, expectedImages), dimension)];
    }

    @Override
    public void accept(EmbeddedImage image, float[] feature) {
        int row = index.size();
        int need = Math.multiplyExact(row + 1, dimension);
        if (need > features.length) {
            features = Arrays.copyOf(features, Math.max(need, features.length * 2));
        }
        System.arraycopy(feature, 0, features, row * dimension, dimension);
        // the extractor numbers accepted images 0..n-1 in order; renumber defensively all the same
        index.add(new EmbeddedImage(row, image.record(), image.viewPosition(), image.laterality()));
    }

    @Override
    public void failed(Failure failure) {
        failures.add(failure);
    }

    EmbeddingResult toResult() {
        return EmbeddingResult.wrap(dimension, Arrays.copyOf(features, index.size() * dimension), index, failures);
    }
}
