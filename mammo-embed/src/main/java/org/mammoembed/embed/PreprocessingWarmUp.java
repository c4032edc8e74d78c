package org.mammoembed.embed;

import java.util.Map;
import java.util.Optional;
import org.mammoembed.core.DecodedImage;
import org.mammoembed.core.ImageMetadata;
import org.mammoembed.core.Photometric;
import org.mammoembed.core.StoredPixels;
import org.mammoembed.core.VoiAttributes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a recipe a few times on a synthetic mammogram-like frame (16-bit stored words, a zero background beside a
 * textured breast) on a background thread while the model loads (started once ND4J's own start is over, so that
 * nothing new runs beside ND4J's native libraries loading), so that the JIT has compiled the per-pixel loops
 * before the first real image arrives. Without it the first images of a run go through interpreted and lightly
 * compiled code, several times slower: a quarter of a second before the first batch on a 2-core machine.
 * The result is thrown away; a failure is only logged (the real images will report any real problem).
 */
final class PreprocessingWarmUp {
    private static final Logger LOG = LoggerFactory.getLogger(PreprocessingWarmUp.class);
    private static final int ROWS = 1024;
    private static final int COLUMNS = 768;
    private static final int PASSES = 6;

    private PreprocessingWarmUp() {
    }

    /** Starts the warm-up of {@code recipe} on a daemon thread and returns at once. */
    static void start(Preprocessing recipe) {
        Thread t = new Thread(() -> run(recipe), "mammo-embed-jit-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    private static void run(Preprocessing recipe) {
        long t0 = System.nanoTime();
        try {
            float[] out = new float[recipe.channels() * recipe.height() * recipe.width()];
            for (int pass = 0; pass < PASSES; pass++) {
                recipe.apply(frame(pass), out, 0);
            }
            LOG.debug("preprocessing warmed up in {} ms", (System.nanoTime() - t0) / 1_000_000);
        } catch (Exception | LinkageError e) {
            LOG.debug("preprocessing warm-up failed (no effect on the run): {}", e.toString());
        }
    }

    private static DecodedImage frame(int pass) {
        short[] words = new short[ROWS * COLUMNS];
        int seed = 0x9E3779B9 * (pass + 1);
        for (int y = 0; y < ROWS; y++) {
            // the breast covers a varying part of each row, the rest is background (0)
            int breast = COLUMNS / 3 + (y * 7 % (COLUMNS / 2));
            for (int x = 0; x < breast; x++) {
                seed = seed * 1103515245 + 12345;
                words[y * COLUMNS + x] = (short) (800 + (x * 2000) / COLUMNS + ((seed >>> 20) & 255));
            }
        }
        ImageMetadata meta = new ImageMetadata("", "MG", ROWS, COLUMNS, 1, 1, 16, 12, 0,
                Photometric.MONOCHROME2.name(), "", null, null, null, null, Optional.empty(), Map.of());
        return DecodedImage.ofStored(ROWS, COLUMNS, StoredPixels.ofWords(words, 12, 11, false, 1, 0),
                Photometric.MONOCHROME2, meta, VoiAttributes.NONE);
    }
}
