package org.mammoembed.embed;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import org.mammoembed.core.EmbeddedImage;
import org.mammoembed.core.EmbeddingSink;
import org.mammoembed.core.Failure;
import org.mammoembed.core.Stage;

/**
 * Records what the extractor delivers, in delivery order, and the most images that were read by the reader and
 * not yet delivered at any moment (to check the memory bound).
 */
class RecordingSink implements EmbeddingSink {
    /** One delivery: an embedding (failure null) or a failure (image null). */
    record Event(EmbeddedImage image, float[] feature, Failure failure) {
        String relativePath() {
            return image != null ? image.record().relativePath() : failure.relativePath();
        }
    }

    final List<Event> events = new ArrayList<>();
    private final IntSupplier readsSoFar;
    int maxHeld;

    RecordingSink(IntSupplier readsSoFar) {
        this.readsSoFar = readsSoFar;
    }

    @Override
    public void accept(EmbeddedImage image, float[] feature) {
        track();
        events.add(new Event(image, feature.clone(), null));
    }

    @Override
    public void failed(Failure failure) {
        track();
        events.add(new Event(null, null, failure));
    }

    private void track() {
        long delivered = events.stream().filter(e -> e.failure() == null || e.failure().stage() != Stage.SCAN)
                .count();
        maxHeld = Math.max(maxHeld, readsSoFar.getAsInt() - (int) delivered);
    }

    List<Event> embedded() {
        return events.stream().filter(e -> e.image() != null).toList();
    }

    List<Failure> failures() {
        return events.stream().filter(e -> e.failure() != null).map(Event::failure).toList();
    }
}
