package org.mammoembed.io.study;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mammoembed.core.Dataset;
import org.mammoembed.core.ImageReader;
import org.mammoembed.core.EmbeddedImage;
import org.mammoembed.core.EmbeddingSink;
import org.mammoembed.core.Failure;
import org.mammoembed.core.ImageMetadata;
import org.mammoembed.core.ImageRecord;
import org.mammoembed.core.MammoException;
import org.mammoembed.core.RootConfinedReader;
import org.mammoembed.core.Stage;
import org.mammoembed.io.EmbeddingCache;

/**
 * The optional embedding cache of a study: images whose content (SHA-256) was embedded before with the same
 * model and preprocessing are served from the cache; the rest are embedded and stored. Re-running a study with
 * one new exam computes one exam.
 */
final class CacheStage {
    private final EmbeddingCache cache;
    private final ImageReader reader;
    private final Map<String, String> contentHash = new HashMap<>();
    private int hits;

    private CacheStage(EmbeddingCache cache, ImageReader reader) {
        this.cache = cache;
        this.reader = reader;
    }

    static CacheStage open(Path folder, String modelSha256, String preprocessing, ImageReader reader)
            throws IOException {
        return new CacheStage(EmbeddingCache.open(folder, modelSha256, preprocessing), reader);
    }

    /**
     * Hands every cached image of {@code todo} to {@code sink} and returns the images still to embed, in order.
     * A file that cannot be hashed is left to the embedder, which reports it properly.
     */
    Dataset serveHits(Dataset todo, EmbeddingSink sink) throws IOException {
        // files are hashed and their headers read where the extractor would read them: inside the root only
        RootConfinedReader confined = RootConfinedReader.of(reader, todo.root());
        List<ImageRecord> misses = new ArrayList<>();
        for (ImageRecord r : todo.images()) {
            String sha;
            try {
                sha = EmbeddingCache.contentSha256(confined.confined(r.path()));
            } catch (IOException | MammoException e) {
                misses.add(r); // left to the embedder, which refuses or reports it as it does any image
                continue;
            }
            contentHash.put(r.relativePath(), sha);
            Optional<float[]> cached = cache.get(sha);
            if (cached.isEmpty()) {
                misses.add(r);
                continue;
            }
            ImageMetadata m;
            try {
                m = confined.readMetadata(r.path());
            } catch (MammoException e) {
                sink.failed(Failure.of(r, e));
                continue;
            } catch (RuntimeException e) {
                // a reader's bug on one header must not end the study: reported like any unreadable header
                sink.failed(Failure.of(r, new MammoException(Stage.READ, "header unreadable ("
                        + e.getClass().getSimpleName() + ")", e)));
                continue;
            }
            sink.accept(new EmbeddedImage(0, r, m.viewPosition(), m.laterality()), cached.get());
            hits++;
        }
        return new Dataset(todo.root(), misses, todo.problems());
    }

    /** Images served from the cache so far. */
    int hits() {
        return hits;
    }

    /** A sink that stores each new embedding in the cache before passing it on. */
    EmbeddingSink storing(EmbeddingSink next) {
        return new EmbeddingSink() {
            @Override
            public void accept(EmbeddedImage image, float[] feature) throws IOException {
                String sha = contentHash.get(image.record().relativePath());
                if (sha != null) {
                    cache.put(sha, feature);
                }
                next.accept(image, feature);
            }

            @Override
            public void failed(Failure failure) throws IOException {
                next.failed(failure);
            }
        };
    }
}
