package org.mammoembed.embed;

import java.util.Arrays;
import java.util.Objects;
import org.mammoembed.embed.preprocess.Geometry;
import org.mammoembed.embed.preprocess.ResizeMode;
import org.mammoembed.embed.preprocess.Windowing;

/**
 * Builds a {@link Preprocessing}. Every setter validates at once and names the option and the bad value;
 * {@link #build()} returns an immutable recipe and can be called again.
 */
public final class PreprocessingBuilder {
    int height = 224;
    int width = 224;
    double[] mean = Preprocessing.IMAGENET_MEAN.clone();
    double[] std = Preprocessing.IMAGENET_STD.clone();
    Windowing windowing = Windowing.percentile(0.5, 99.5);
    ResizeMode resize = ResizeMode.BILINEAR_ANTIALIAS;
    Geometry geometry = Geometry.stretch();
    boolean excludePixelPadding;
    PostProcessing postProcessing = PostProcessing.NONE;

    PreprocessingBuilder() {
    }

    /**
     * Network input channels: 3 (default; the grey plane copied into each, normalised with the 3 means and
     * stds) or 1 (the grey plane normalised once, for a backbone whose first convolution takes one channel,
     * e.g. ResNet50's conv1 weights summed over RGB). Switching the count resets mean and std to that count's
     * defaults unless they already have that many values: 3 channels ImageNet's, 1 channel
     * {@value Preprocessing#GREY_MEAN} and {@value Preprocessing#GREY_STD} (the means of ImageNet's three).
     */
    public PreprocessingBuilder channels(int channels) {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
        }
        if (mean.length != channels) {
            mean = channels == 1 ? new double[] {Preprocessing.GREY_MEAN} : Preprocessing.IMAGENET_MEAN.clone();
        }
        if (std.length != channels) {
            std = channels == 1 ? new double[] {Preprocessing.GREY_STD} : Preprocessing.IMAGENET_STD.clone();
        }
        return this;
    }

    /** The step after the network; default {@link PostProcessing#NONE} (raw features). */
    public PreprocessingBuilder postProcessing(PostProcessing postProcessing) {
        this.postProcessing = Objects.requireNonNull(postProcessing, "postProcessing");
        return this;
    }

    /** Output size in pixels; default 224 x 224. Each must be in [1, 8192]. */
    public PreprocessingBuilder size(int height, int width) {
        checkSide("height", height);
        checkSide("width", width);
        this.height = height;
        this.width = width;
        return this;
    }

    /**
     * Per-channel means subtracted after windowing (window units), one per channel (see {@link #channels});
     * default ImageNet [0.485, 0.456, 0.406].
     */
    public PreprocessingBuilder mean(double... mean) {
        checkCount("mean", mean, this.mean.length);
        for (double v : mean) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("mean values must be finite, got " + Arrays.toString(mean));
            }
        }
        this.mean = mean.clone();
        return this;
    }

    /**
     * Per-channel standard deviations divided by, one per channel; default ImageNet [0.229, 0.224, 0.225].
     * Each > 0.
     */
    public PreprocessingBuilder std(double... std) {
        checkCount("std", std, this.std.length);
        for (double v : std) {
            if (!(v > 0) || !Double.isFinite(v) || (float) v == 0f) {
                throw new IllegalArgumentException("std values must be finite and > 0, got "
                        + Arrays.toString(std));
            }
        }
        this.std = std.clone();
        return this;
    }

    /** The VOI step; default {@code Windowing.percentile(0.5, 99.5)}. */
    public PreprocessingBuilder windowing(Windowing windowing) {
        this.windowing = Objects.requireNonNull(windowing, "windowing");
        return this;
    }

    /** The resampling filter; default {@link ResizeMode#BILINEAR_ANTIALIAS}. */
    public PreprocessingBuilder resize(ResizeMode resize) {
        this.resize = Objects.requireNonNull(resize, "resize");
        return this;
    }

    /** Placement of the resized image; default {@link Geometry#stretch()}. */
    public PreprocessingBuilder geometry(Geometry geometry) {
        this.geometry = Objects.requireNonNull(geometry, "geometry");
        return this;
    }

    /**
     * Whether pixels marked by Pixel Padding Value / Range Limit are left out of the percentiles (they are
     * still windowed and resized); default false, as the reference pipeline does (none of the corpus
     * mammograms declares padding). No effect on {@link Windowing#dicomVoi()} when the header has a VOI.
     */
    public PreprocessingBuilder excludePixelPadding(boolean exclude) {
        this.excludePixelPadding = exclude;
        return this;
    }

    /** The immutable recipe. */
    public Preprocessing build() {
        return new Preprocessing(this);
    }

    private static void checkSide(String option, int v) {
        if (v < 1 || v > 8192) {
            throw new IllegalArgumentException(option + " must be in [1, 8192], got " + v);
        }
    }

    private static void checkCount(String option, double[] v, int channels) {
        if (v == null || v.length != channels) {
            throw new IllegalArgumentException(option + " needs exactly " + channels + " value"
                    + (channels == 1 ? "" : "s") + " (one per channel; set channels(n) first to change the count)"
                    + ", got " + (v == null ? "null" : Arrays.toString(v)));
        }
    }
}
