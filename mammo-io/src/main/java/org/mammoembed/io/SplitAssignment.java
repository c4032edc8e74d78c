package org.mammoembed.io;

import org.mammoembed.io.internal.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/**
 * Assigns each exam to train, val or test, deterministically and grouped by exam, so all images of one
 * AccessionNumber share a split and a rerun with the same seed gives the same assignment on any machine.
 *
 * <p>Rule: take the SHA-256 of the UTF-8 text {@code "<seed>:<AccessionNumber>"}; read its first 8 bytes as a
 * big-endian unsigned number and keep the top 53 bits as {@code u} in [0, 1); then {@code u < train} is
 * {@code train}, {@code u < train + val} is {@code val}, anything else {@code test}. With the default
 * fractions 0.70 / 0.15 the expected proportions are 70/15/15 (per exam, not per image). Immutable.
 */
public final class SplitAssignment {
    /** The three splits, written in lower case. */
    public enum Split {
        TRAIN, VAL, TEST;

        /** "train", "val" or "test". */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final long seed;
    private final double trainFraction;
    private final double valFraction;

    private SplitAssignment(Builder b) {
        this.seed = b.seed;
        this.trainFraction = b.trainFraction;
        this.valFraction = b.valFraction;
    }

    /** A builder with the defaults (seed 42, 70/15/15). */
    public static Builder builder() {
        return new Builder();
    }

    /** The split of an exam. */
    public Split of(String accessionNumber) {
        double u = unitHash(seed + ":" + Objects.requireNonNull(accessionNumber, "accessionNumber"));
        if (u < trainFraction) {
            return Split.TRAIN;
        }
        return u < trainFraction + valFraction ? Split.VAL : Split.TEST;
    }

    /** The seed mixed into the hash. */
    public long seed() {
        return seed;
    }

    static double unitHash(String text) {
        byte[] h = Sha256.digest().digest(text.getBytes(StandardCharsets.UTF_8));
        long x = 0;
        for (int i = 0; i < 8; i++) {
            x = x << 8 | (h[i] & 0xFF);
        }
        return (x >>> 11) * 0x1.0p-53;
    }

    /** Options of a {@link SplitAssignment}. */
    public static final class Builder {
        private long seed = 42;
        private double trainFraction = 0.70;
        private double valFraction = 0.15;

        private Builder() {
        }

        /** Seed mixed into the hash. Default 42 (the run's seed should be passed). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Share of exams in train, in (0, 1]. Default 0.70. */
        public Builder trainFraction(double trainFraction) {
            if (!(trainFraction > 0 && trainFraction <= 1)) {
                throw new IllegalArgumentException("trainFraction must be in (0, 1], got " + trainFraction);
            }
            this.trainFraction = trainFraction;
            return this;
        }

        /** Share of exams in val, in [0, 1). Default 0.15. The rest is test. */
        public Builder valFraction(double valFraction) {
            if (!(valFraction >= 0 && valFraction < 1)) {
                throw new IllegalArgumentException("valFraction must be in [0, 1), got " + valFraction);
            }
            this.valFraction = valFraction;
            return this;
        }

        /** @throws IllegalArgumentException when trainFraction + valFraction exceeds 1 */
        public SplitAssignment build() {
            if (trainFraction + valFraction > 1 + 1e-12) {
                throw new IllegalArgumentException("trainFraction + valFraction must be <= 1, got "
                        + trainFraction + " + " + valFraction);
            }
            return new SplitAssignment(this);
        }
    }
}
