package org.mammoembed.reduce.internal;

import java.util.SplittableRandom;

/** Seeded standard normal draws, for the jitter t-SNE's and UMAP's initial layouts add. */
public final class GaussianNoise {
    private GaussianNoise() {
    }

    /** One standard normal draw from {@code random}. */
    public static double draw(SplittableRandom random) {
        // Box-Muller; SplittableRandom has no nextGaussian in Java 17
        double u = 1.0 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * v);
    }
}
