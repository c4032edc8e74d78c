package org.mammoembed.embed.preprocess;

/**
 * Where the resized image goes in the {@code height x width} output. Immutable value object. Wherever the output
 * is not covered by the image it holds 0 in window units (black, also for MONOCHROME1 images, which are inverted
 * before this step), i.e. {@code -mean / std} after normalisation.
 *
 * <ul>
 *   <li>{@link #stretch()} (default): the whole image resized to exactly the output size, aspect ratio ignored.</li>
 *   <li>{@link #letterbox()}: scaled by {@code s = min(height / rows, width / columns)} to
 *       {@code round(rows * s) x round(columns * s)} (half up, at least 1), centred: top/left offsets
 *       {@code floor((height - h) / 2)}, {@code floor((width - w) / 2)}; the bands around it are background.</li>
 *   <li>{@link #shortSideCenterCrop(int)}: torchvision {@code Resize(shortSide)} then {@code CenterCrop(height,
 *       width)}: the shorter side becomes {@code shortSide}, the longer {@code floor(shortSide * long / short)};
 *       the crop starts at {@code round((resized - output) / 2)} (half to even, as Python's {@code round}); where
 *       the resized image is smaller than the output it is centred at {@code floor((output - resized) / 2)} and
 *       padded with background, as torchvision pads.</li>
 * </ul>
 */
public final class Geometry {
    private enum Kind { STRETCH, LETTERBOX, SHORT_SIDE_CENTER_CROP }

    private static final Geometry STRETCH = new Geometry(Kind.STRETCH, 0);
    private static final Geometry LETTERBOX = new Geometry(Kind.LETTERBOX, 0);

    private final Kind kind;
    private final int shortSide;

    private Geometry(Kind kind, int shortSide) {
        this.kind = kind;
        this.shortSide = shortSide;
    }

    /** Resize to exactly the output size, ignoring the aspect ratio (the default). */
    public static Geometry stretch() {
        return STRETCH;
    }

    /** Keep the aspect ratio, fit inside the output, centre, pad with background. */
    public static Geometry letterbox() {
        return LETTERBOX;
    }

    /**
     * Resize the shorter side to {@code shortSide} (aspect ratio kept), then centre-crop to the output size.
     *
     * @throws IllegalArgumentException unless {@code shortSide >= 1}
     */
    public static Geometry shortSideCenterCrop(int shortSide) {
        if (shortSide < 1) {
            throw new IllegalArgumentException("geometry shortSide must be >= 1, got " + shortSide);
        }
        return new Geometry(Kind.SHORT_SIDE_CENTER_CROP, shortSide);
    }

    /** Stable text form: {@code stretch}, {@code letterbox(pad=0)} or {@code shortSide(512)+centerCrop}. */
    public String describe() {
        switch (kind) {
            case STRETCH: return "stretch";
            case LETTERBOX: return "letterbox(pad=0)";
            default: return "shortSide(" + shortSide + ")+centerCrop";
        }
    }

    /**
     * Where an {@code inH x inW} image goes in an {@code outH x outW} output under this geometry: the size it is
     * resized to, the window of the resized image that is kept, and where that window lands in the output.
     */
    public Placement place(int inH, int inW, int outH, int outW) {
        switch (kind) {
            case STRETCH:
                return new Placement(outH, outW, 0, 0, outH, outW, 0, 0);
            case LETTERBOX: {
                double s = Math.min((double) outH / inH, (double) outW / inW);
                int h = fitted(inH, s, outH);
                int w = fitted(inW, s, outW);
                return new Placement(h, w, 0, 0, h, w, (outH - h) / 2, (outW - w) / 2);
            }
            default: {
                boolean portrait = inW <= inH;
                int h = portrait ? (int) ((long) shortSide * inH / (double) inW) : shortSide;
                int w = portrait ? shortSide : (int) ((long) shortSide * inW / (double) inH);
                int[] rows = cropAxis(h, outH);
                int[] cols = cropAxis(w, outW);
                return new Placement(h, w, rows[0], cols[0], rows[2], cols[2], rows[1], cols[1]);
            }
        }
    }

    /**
     * The image resized to {@code resizedHeight x resizedWidth}; its window {@code [top, top + height) x
     * [left, left + width)} is written to the output at ({@code dstTop}, {@code dstLeft}); the rest of the output
     * is background.
     */
    public record Placement(int resizedHeight, int resizedWidth, int top, int left, int height, int width,
                            int dstTop, int dstLeft) {
        /** Whether the window fills the whole {@code outH x outW} output (no background band). */
        public boolean covers(int outH, int outW) {
            return dstTop == 0 && dstLeft == 0 && height == outH && width == outW;
        }
    }

    private static int fitted(int size, double scale, int limit) {
        return (int) Math.max(1, Math.min(limit, Math.floor(size * scale + 0.5)));
    }

    /** {source start, destination start, length} of torchvision's CenterCrop along one axis. */
    static int[] cropAxis(int resized, int output) {
        if (output > resized) {
            return new int[] {0, (output - resized) / 2, resized};
        }
        return new int[] {(int) Math.rint((resized - output) / 2.0), 0, output};
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Geometry g && g.kind == kind && g.shortSide == shortSide;
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + shortSide;
    }

    @Override
    public String toString() {
        return describe();
    }
}
