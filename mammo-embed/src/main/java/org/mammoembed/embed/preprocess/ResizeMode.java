package org.mammoembed.embed.preprocess;

/** The resampling filter of the resize step. */
public enum ResizeMode {
    /**
     * Bilinear with antialiasing (the default): PyTorch {@code interpolate(mode='bilinear', antialias=True,
     * align_corners=False)}, i.e. a separable triangle filter whose support is widened by the downscale factor
     * (PIL's {@code BILINEAR} resize). Plain bilinear when upscaling.
     */
    BILINEAR_ANTIALIAS("bilinear-antialias"),
    /**
     * Bicubic without antialiasing: PyTorch {@code interpolate(mode='bicubic', antialias=False,
     * align_corners=False)}, Keys' cubic with a = -0.75, edge pixels replicated, no clamping of the result (it can
     * overshoot [0, 1] near edges). On strong downscaling it aliases; it exists to reproduce the original code.
     */
    BICUBIC("bicubic-a-0.75-no-antialias");

    private final String label;

    ResizeMode(String label) {
        this.label = label;
    }

    /** Stable text form used in {@code describe()}. */
    public String label() {
        return label;
    }
}
