package org.mammoembed.embed;

import java.util.Map;
import java.util.Optional;
import org.mammoembed.core.DecodedImage;
import org.mammoembed.core.ImageMetadata;
import org.mammoembed.core.Photometric;
import org.mammoembed.core.StoredPixels;
import org.mammoembed.core.VoiAttributes;
import org.mammoembed.core.internal.DaemonThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a recipe a few times on a synthetic mammogram-like frame (16-bit stored words, a zero background beside a
 * textured breast) on a background thread while the model loads, so that the JIT has compiled the per-pixel loops
 * before the first real image arrives. Without it the first images of a run go through interpreted and lightly
 * compiled code, several times slower: a quarter of a second before the first batch on a 2-core machine.
 * The result is thrown away; a failure is only logged (the real images will report any real problem).
 */
final class PreprocessingWarmUp {
    private static final Logger LOG = LoggerFactory.getLogger(PreprocessingWarmUp.class);
    private static final int ROWS = 1024;
    private static final int COLUMNS = 768;
    // 4 (two of each laterality) warmed the first real images as well as 6 did, for two thirds of the CPU (measured)
    private static final int PASSES = 4;

    private PreprocessingWarmUp() {
    }

    /** Starts the warm-up of {@code recipe} on a daemon thread and returns at once. */
    static void start(Preprocessing recipe) {
        DaemonThreads.start("mammo-embed-jit-warmup", Thread.MIN_PRIORITY, () -> run(recipe));
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

    /**
     * Pass {@code pass}'s frame. Its rows take every shape that the per-pixel loops branch on, so that the code
     * compiled here is not thrown away at the first real image for a branch it had never seen (which JFR showed:
     * C2 recompiled the histogram loop mid-run, 85 ms of a core, after running it slowly meanwhile): the breast on
     * the left in even passes and on the right in odd ones (both lateralities), rows of background alone at the top
     * and bottom, rows of texture alone, and rows of exactly two runs (background, then one other value, as beside
     * a collimator edge or a burned-in label).
     */
    static DecodedImage frame(int pass) {
        short[] words = new short[ROWS * COLUMNS];
        int seed = 0x9E3779B9 * (pass + 1);
        boolean right = (pass & 1) == 1;
        for (int y = 0; y < ROWS; y++) {
            int row = y * COLUMNS;
            if (y < ROWS / 32 || y >= ROWS - ROWS / 32) {
                continue; // background alone
            }
            if (y % 97 == 5) {
                java.util.Arrays.fill(words, row + COLUMNS / 2, row + COLUMNS, (short) 3000); // two runs
                continue;
            }
            // the breast covers a varying part of each row (all of it on some), the rest is background (0)
            int breast = y % 89 == 7 ? COLUMNS : COLUMNS / 3 + (y * 7 % (COLUMNS / 2));
            for (int k = 0; k < breast; k++) {
                seed = seed * 1103515245 + 12345;
                int x = right ? COLUMNS - 1 - k : k;
                words[row + x] = (short) (800 + (k * 2000) / COLUMNS + ((seed >>> 20) & 255));
            }
        }
        ImageMetadata meta = new ImageMetadata("", "MG", ROWS, COLUMNS, 1, 1, 16, 12, 0,
                Photometric.MONOCHROME2.name(), "", null, null, null, null, Optional.empty(), Map.of());
        return DecodedImage.ofStored(ROWS, COLUMNS, StoredPixels.ofWords(words, 12, 11, false, 1, 0),
                Photometric.MONOCHROME2, meta, VoiAttributes.NONE);
    }
}
