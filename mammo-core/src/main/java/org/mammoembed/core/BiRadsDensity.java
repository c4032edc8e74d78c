package org.mammoembed.core;

import java.util.Locale;
import java.util.Optional;

/**
 * BI-RADS breast density, 1 (almost entirely fatty, A) to 4 (extremely dense, D). The source CSV files use
 * either the letters A-D or the digits 1-4; both map here. Class 5 and anything else is not a density class.
 */
public enum BiRadsDensity {
    A(1), B(2), C(3), D(4);

    private final int code;

    BiRadsDensity(int code) {
        this.code = code;
    }

    /** 1..4. */
    public int code() {
        return code;
    }

    public static BiRadsDensity ofCode(int code) {
        if (code < 1 || code > 4) {
            throw new IllegalArgumentException("BI-RADS density code must be 1-4, got " + code);
        }
        return values()[code - 1];
    }

    /**
     * Parses a label as found in {@code classificacao.csv}: "A".."D" (any case) or "1".."4" (also "1.0").
     * Returns empty for anything else, including "5"; callers report those rows.
     */
    public static Optional<BiRadsDensity> parse(String label) {
        if (label == null) {
            return Optional.empty();
        }
        String s = label.trim().toUpperCase(Locale.ROOT);
        switch (s) {
            case "A": case "1": case "1.0": return Optional.of(A);
            case "B": case "2": case "2.0": return Optional.of(B);
            case "C": case "3": case "3.0": return Optional.of(C);
            case "D": case "4": case "4.0": return Optional.of(D);
            default: return Optional.empty();
        }
    }
}
