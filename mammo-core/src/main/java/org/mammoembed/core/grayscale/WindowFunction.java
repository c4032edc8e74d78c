package org.mammoembed.core.grayscale;

import java.util.Locale;

/** The VOI LUT Functions of PS3.3 C.11.2.1.2/C.11.2.1.3, mapping modality values to [0, 1]. */
public enum WindowFunction {
    /** C.11.2.1.2.1: the classic window, with its half-unit offsets; needs width >= 1. */
    LINEAR {
        @Override
        public double apply(double x, double center, double width) {
            double c = center - 0.5;
            double halfSpan = (width - 1) / 2;
            if (x <= c - halfSpan) {
                return 0;
            }
            if (x > c + halfSpan) {
                return 1;
            }
            return (x - c) / (width - 1) + 0.5;
        }

        @Override
        public boolean acceptsWidth(double width) {
            return width >= 1;
        }
    },
    /** C.11.2.1.3.2: the window without offsets; needs width > 0. */
    LINEAR_EXACT {
        @Override
        public double apply(double x, double center, double width) {
            if (x <= center - width / 2) {
                return 0;
            }
            if (x > center + width / 2) {
                return 1;
            }
            return (x - center) / width + 0.5;
        }
    },
    /** C.11.2.1.3.1: a logistic curve; needs width > 0. */
    SIGMOID {
        @Override
        public double apply(double x, double center, double width) {
            return 1 / (1 + Math.exp(-4 * (x - center) / width));
        }
    };

    /** The output in [0, 1] for modality value {@code x}. */
    public abstract double apply(double x, double center, double width);

    /** Whether the width is one this function is defined for. */
    public boolean acceptsWidth(double width) {
        return width > 0 && Double.isFinite(width);
    }

    /** Parses (0028,1056); absent, blank or unknown values mean LINEAR, as PS3.3 defines the default. */
    public static WindowFunction fromDicom(String code) {
        if (code == null) {
            return LINEAR;
        }
        switch (code.trim().toUpperCase(Locale.ROOT)) {
            case "LINEAR_EXACT": return LINEAR_EXACT;
            case "SIGMOID": return SIGMOID;
            default: return LINEAR;
        }
    }
}
