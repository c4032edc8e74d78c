package org.mammoembed.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mammoembed.core.DecodedImage;
import org.mammoembed.core.StoredPixels;

/**
 * The warm-up's frames show the per-pixel loops every row shape they branch on: a shape first met in a real image
 * makes C2 throw the compiled loop away and compile it again mid-run.
 */
class PreprocessingWarmUpTest {
    enum Shape { BACKGROUND, TEXTURE, TWO_RUNS, BREAST_LEFT, BREAST_RIGHT }

    private static Shape shape(StoredPixels sp, int row, int cols) {
        int base = row * cols;
        int first = sp.sample(base);
        int last = sp.sample(base + cols - 1);
        int zeros = 0;
        int changes = 0;
        for (int x = 0; x < cols; x++) {
            zeros += sp.sample(base + x) == 0 ? 1 : 0;
            changes += x > 0 && sp.sample(base + x) != sp.sample(base + x - 1) ? 1 : 0;
        }
        if (zeros == cols) {
            return Shape.BACKGROUND;
        }
        if (zeros == 0) {
            return Shape.TEXTURE;
        }
        if (changes == 1) {
            return Shape.TWO_RUNS;
        }
        return first != 0 && last == 0 ? Shape.BREAST_LEFT : Shape.BREAST_RIGHT;
    }

    private static Set<Shape> shapes(int pass) {
        DecodedImage frame = PreprocessingWarmUp.frame(pass);
        StoredPixels sp = frame.stored().orElseThrow();
        Set<Shape> seen = EnumSet.noneOf(Shape.class);
        for (int y = 0; y < frame.rows(); y++) {
            seen.add(shape(sp, y, frame.columns()));
        }
        return seen;
    }

    @Test
    void evenAndOddPassesHoldEveryRowShapeWithTheBreastOnEitherSide() {
        assertEquals(EnumSet.of(Shape.BACKGROUND, Shape.TEXTURE, Shape.TWO_RUNS, Shape.BREAST_LEFT), shapes(0));
        assertEquals(EnumSet.of(Shape.BACKGROUND, Shape.TEXTURE, Shape.TWO_RUNS, Shape.BREAST_RIGHT), shapes(1));
    }

    @Test
    void theDefaultRecipeRunsOnEveryFrame() throws Exception {
        Preprocessing recipe = Preprocessing.defaults();
        float[] out = new float[recipe.channels() * recipe.height() * recipe.width()];
        for (int pass = 0; pass < 2; pass++) {
            recipe.apply(PreprocessingWarmUp.frame(pass), out, 0);
            for (float v : out) {
                assertTrue(Float.isFinite(v));
            }
        }
    }
}
