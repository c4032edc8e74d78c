package org.mammoembed.embed;

import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.mammoembed.core.MammoException;
import org.mammoembed.core.Photometric;
import org.mammoembed.embed.preprocess.Geometry;
import org.mammoembed.embed.preprocess.TestImages;

/** Invariants over arbitrary image sizes and contents. */
class PreprocessingPropertiesTest {
    private static final double[] MEAN = {0.485, 0.456, 0.406};
    private static final double[] STD = {0.229, 0.224, 0.225};

    @Property(tries = 40)
    void antialiasedOutputStaysInTheWindowRange(@ForAll @IntRange(min = 1, max = 300) int rows,
                                               @ForAll @IntRange(min = 1, max = 300) int cols,
                                               @ForAll @IntRange(min = 0, max = 1000) int seed,
                                               @ForAll boolean monochrome1, @ForAll boolean letterbox)
            throws MammoException {
        // triangle weights are non-negative and sum to 1, so every output lies in the hull of [0, 1] after windowing
        Preprocessing p = Preprocessing.builder().size(24, 20)
                .geometry(letterbox ? Geometry.letterbox() : Geometry.stretch()).build();
        float[] px = TestImages.synthetic(rows, cols, seed);
        float[] out = new float[3 * 24 * 20];
        p.apply(TestImages.gray(rows, cols, px, monochrome1 ? Photometric.MONOCHROME1 : Photometric.MONOCHROME2),
                out, 0);
        int n = 24 * 20;
        for (int c = 0; c < 3; c++) {
            double lo = (0 - MEAN[c]) / STD[c] - 1e-5;
            double hi = (1 - MEAN[c]) / STD[c] + 1e-5;
            for (int i = 0; i < n; i++) {
                float v = out[c * n + i];
                assertTrue(v >= lo && v <= hi, "channel " + c + " value " + v + " outside [" + lo + ", " + hi + "]");
            }
        }
    }
}
