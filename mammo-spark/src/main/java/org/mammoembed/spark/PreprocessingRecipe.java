package org.mammoembed.spark;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Locale;
import org.mammoembed.embed.Preprocessing;
import org.mammoembed.embed.preprocess.Geometry;
import org.mammoembed.embed.preprocess.ResizeMode;
import org.mammoembed.embed.preprocess.Windowing;

/**
 * The preprocessing recipe in a form that Spark params can hold and executors can rebuild: plain values, each
 * mapped to one {@link PreprocessingBuilder} option. The defaults are {@link Preprocessing#defaults()}.
 *
 * @param size                output height and width in pixels (default 224)
 * @param windowing           {@code percentile:LOW:HIGH} (default {@code percentile:0.5:99.5}) or {@code dicom-voi}
 * @param resize              a {@link ResizeMode} name (default {@code BILINEAR_ANTIALIAS})
 * @param geometry            {@code stretch} (default), {@code letterbox} or {@code short-side-crop:N}
 * @param mean                per-channel means (default ImageNet)
 * @param std                 per-channel standard deviations (default ImageNet)
 * @param excludePixelPadding leave padding pixels out of the percentiles (default false)
 */
record PreprocessingRecipe(int size, String windowing, String resize, String geometry, double[] mean, double[] std,
                           boolean excludePixelPadding) implements Serializable {

    static final PreprocessingRecipe DEFAULTS = new PreprocessingRecipe(224, "percentile:0.5:99.5",
            ResizeMode.BILINEAR_ANTIALIAS.name(), "stretch", new double[] {0.485, 0.456, 0.406},
            new double[] {0.229, 0.224, 0.225}, false);

    PreprocessingRecipe {
        mean = mean.clone();
        std = std.clone();
    }

    /**
     * The recipe; every bad value is refused with a message naming the param.
     *
     * @throws IllegalArgumentException naming the param and the bad value
     */
    Preprocessing build() {
        return Preprocessing.builder().size(size, size).windowing(windowing(windowing)).resize(resize(resize))
                .geometry(geometry(geometry)).mean(mean).std(std).excludePixelPadding(excludePixelPadding).build();
    }

    static Windowing windowing(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.equals("dicom-voi")) {
            return Windowing.dicomVoi();
        }
        String[] p = t.split(":");
        if (p.length == 3 && p[0].equals("percentile")) {
            try {
                return Windowing.percentile(Double.parseDouble(p[1]), Double.parseDouble(p[2]));
            } catch (NumberFormatException e) {
                // falls through to the message below
            }
        }
        throw new IllegalArgumentException("windowing must be 'percentile:LOW:HIGH' or 'dicom-voi', got '" + text
                + "'");
    }

    static ResizeMode resize(String text) {
        try {
            return ResizeMode.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("resize must be one of " + Arrays.toString(ResizeMode.values())
                    + ", got '" + text + "'", e);
        }
    }

    static Geometry geometry(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.equals("stretch")) {
            return Geometry.stretch();
        }
        if (t.equals("letterbox")) {
            return Geometry.letterbox();
        }
        if (t.startsWith("short-side-crop:")) {
            try {
                return Geometry.shortSideCenterCrop(Integer.parseInt(t.substring("short-side-crop:".length())));
            } catch (NumberFormatException e) {
                // falls through to the message below
            }
        }
        throw new IllegalArgumentException("geometry must be 'stretch', 'letterbox' or 'short-side-crop:N', got '"
                + text + "'");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PreprocessingRecipe r && r.size == size && r.windowing.equals(windowing)
                && r.resize.equals(resize) && r.geometry.equals(geometry) && Arrays.equals(r.mean, mean)
                && Arrays.equals(r.std, std) && r.excludePixelPadding == excludePixelPadding;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(mean) + Arrays.hashCode(std)) + windowing.hashCode() + size;
    }
}
