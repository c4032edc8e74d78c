package org.mammoembed.embed;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.mammoembed.core.DecodedImage;
import org.mammoembed.core.MammoException;
import org.mammoembed.core.Photometric;
import org.mammoembed.core.Stage;
import org.mammoembed.embed.preprocess.Geometry;
import org.mammoembed.embed.preprocess.ResizeMode;
import org.mammoembed.embed.preprocess.Windowing;

/**
 * How a decoded image becomes a network input: an immutable, thread-safe recipe.
 *
 * <p>Steps, in order, on {@link DecodedImage#grayPlane()} (values after the modality LUT; colour images are
 * averaged to grey):
 * <ol>
 *   <li>window to [0, 1] ({@link Windowing}; default: numpy-default 0.5th/99.5th percentiles of all pixels,
 *       {@code clip((x - lo) / (hi - lo), 0, 1)} in double, all zeros when {@code hi <= lo});</li>
 *   <li>MONOCHROME1: {@code x = 1 - x};</li>
 *   <li>resize to {@code height x width} ({@link ResizeMode}, default antialiased bilinear exactly as PyTorch's
 *       {@code interpolate(mode='bilinear', antialias=True, align_corners=False)}; placed per {@link Geometry},
 *       default stretched, aspect ratio ignored);</li>
 *   <li>the grey plane copied into 3 channels, each normalised as {@code (x - mean[c]) / std[c]} in float32
 *       (default ImageNet mean [0.485, 0.456, 0.406], std [0.229, 0.224, 0.225]); or, with
 *       {@link PreprocessingBuilder#channels(int) channels(1)}, normalised once into one channel (default mean
 *       {@value #GREY_MEAN}, std {@value #GREY_STD}).</li>
 * </ol>
 * After the network, {@link #postProcessing()} (default none; L2 normalisation on request) is applied to each
 * feature vector; it is part of {@link #describe()}.
 *
 * <p>When no padding is excluded and the reader hands over the stored integers ({@link DecodedImage#stored()}:
 * grayscale with a linear modality LUT, the default reader's mammograms), the percentiles come from a histogram of
 * the stored values mapped through the monotonic modality LUT (order reversed for a negative slope), and the
 * window is a table over the stored range, applied row by row as the horizontal resize pass reads the rows: no
 * float image and no windowed full-size image is made. The background, which windows to exactly 0 (MONOCHROME1
 * after its inversion too), is found per row by comparing integers and skipped by the look-up and by the horizontal
 * pass (a sum of zeros is zero, so no other value changes by a bit). Float pixels that are all integers get the same table over
 * their range. Other inputs take the general path (radix selection, the window computed per pixel); all give the
 * same numbers, bit for bit.
 * Output: CHW float32. A Caffe-style network (0-255 scale, mean subtraction only, BGR) is expressed with
 * {@code mean = [B, G, R] / 255} and {@code std = 1 / 255}.
 *
 * <p>Threads: instances hold no mutable state and may be shared. The per-image scratch is kept per thread in a
 * {@link ThreadLocal} and reused, so no buffer is allocated per image once a thread has seen its largest image: a
 * histogram (for stored integers one int per value Bits Stored allows: 16 KiB at 12 bits, 256 KiB at 16, 4 MiB
 * at 20; for float pixels one int per integer in their range; 256 KiB of radix counts for non-integral data, plus
 * the values of one or two radix buckets), two ints per image row (its background runs), the window table (one
 * float per value in the range), the horizontal-pass buffer of {@code rows x width} floats (3 MiB for a 3328-row
 * image at 224), eight source rows and the output plane. A worker thread therefore keeps up to about 8 MiB for its
 * lifetime (more for 20-bit data). Colour images additionally allocate their grey plane per call.
 */
public final class Preprocessing implements ImagePreprocessor {
    /** Bumped whenever the numbers a recipe produces change (it is part of {@link #describe()}, a cache key). */
    private static final String VERSION = "preprocessing/v1";
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /** Mean of the 1-channel recipe by default: the mean of ImageNet's three channel means. */
    public static final double GREY_MEAN = 0.449;
    /** Standard deviation of the 1-channel recipe by default: the mean of ImageNet's three. */
    public static final double GREY_STD = 0.226;
    static final double[] IMAGENET_MEAN = {0.485, 0.456, 0.406};
    static final double[] IMAGENET_STD = {0.229, 0.224, 0.225};

    private static final Preprocessing DEFAULTS = builder().build();
    private static final Preprocessing GREY_DEFAULTS = builder().channels(1).build();

    private final int height;
    private final int width;
    private final double[] mean;
    private final double[] std;
    private final Windowing windowing;
    private final ResizeMode resize;
    private final Geometry geometry;
    private final boolean excludePixelPadding;
    private final PostProcessing postProcessing;
    private final float[] meanF;
    private final float[] stdF;

    Preprocessing(PreprocessingBuilder b) {
        this.height = b.height;
        this.width = b.width;
        this.mean = b.mean.clone();
        this.std = b.std.clone();
        this.windowing = b.windowing;
        this.resize = b.resize;
        this.geometry = b.geometry;
        this.excludePixelPadding = b.excludePixelPadding;
        this.postProcessing = b.postProcessing;
        this.meanF = toFloats(mean);
        this.stdF = toFloats(std);
    }

    /**
     * The default recipe: percentile window (0.5, 99.5), MONOCHROME1 inverted, antialiased bilinear stretch to
     * 224 x 224, grey copied to 3 channels, ImageNet normalisation. Padding pixels are not excluded from the
     * percentiles.
     */
    public static Preprocessing defaults() {
        return DEFAULTS;
    }

    /**
     * The default recipe for a network input of {@code channels} channels, what an extractor takes when given no
     * recipe: {@link #defaults()} for 3, and for 1 its grey form (the grey plane normalised once, mean
     * {@value #GREY_MEAN}, std {@value #GREY_STD}).
     *
     * @throws IllegalArgumentException unless {@code channels} is 1 or 3
     */
    public static Preprocessing defaults(int channels) {
        return switch (channels) {
            case 3 -> DEFAULTS;
            case 1 -> GREY_DEFAULTS;
            default -> throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
        };
    }

    /**
     * The default recipe, of either channel count, whose {@link #describe()} is {@code spec}: the recipe a run
     * recorded in its run.json made again, where the run took a default (as {@code embed} does); empty for any
     * other recipe.
     */
    public static Optional<Preprocessing> defaultDescribedAs(String spec) {
        return Stream.of(DEFAULTS, GREY_DEFAULTS).filter(p -> p.describe().equals(spec)).findFirst();
    }

    /**
     * The original Python code's resize: short side to 512 with PyTorch's bicubic (Keys, a = -0.75, no
     * antialiasing, {@code align_corners=False}: what torchvision {@code Resize(512, BICUBIC)} did on tensors
     * before it antialiased), then a centre crop to 224 x 224 (torchvision {@code CenterCrop(224)}); windowing and
     * normalisation as {@link #defaults()}. The crop is 224, not 512, because the shipped ResNet50 export has a
     * fixed 224 x 224 input; {@code builder(seedCompatible()).size(512, 512)} gives the 512 x 512 crop. For a
     * 3328 x 2560 mammogram this keeps the central 224 x 224 of a 665 x 512 image (44% of the width, 34% of
     * the height).
     */
    public static Preprocessing seedCompatible() {
        return builder().resize(ResizeMode.BICUBIC).geometry(Geometry.shortSideCenterCrop(512)).build();
    }

    /**
     * Defaults, but the whole image keeps its aspect ratio inside {@code size x size}, centred, the rest black
     * (0 after windowing and inversion, i.e. {@code -mean / std} after normalisation); see
     * {@link Geometry#letterbox()}.
     */
    public static Preprocessing letterbox(int size) {
        return builder().size(size, size).geometry(Geometry.letterbox()).build();
    }

    /**
     * The thumbnails of the handcrafted baseline: the default window and antialiased resize to
     * {@code size x size}, one channel, values in [0, 1] (mean 0, std 1, no normalisation).
     */
    public static Preprocessing thumbnail(int size) {
        return builder().size(size, size).channels(1).mean(0).std(1).build();
    }

    /** A builder starting from the defaults. */
    public static PreprocessingBuilder builder() {
        return new PreprocessingBuilder();
    }

    /** A builder starting from {@code base}'s settings. */
    public static PreprocessingBuilder builder(Preprocessing base) {
        PreprocessingBuilder b = new PreprocessingBuilder();
        b.height = base.height;
        b.width = base.width;
        b.mean = base.mean.clone();
        b.std = base.std.clone();
        b.windowing = base.windowing;
        b.resize = base.resize;
        b.geometry = base.geometry;
        b.excludePixelPadding = base.excludePixelPadding;
        b.postProcessing = base.postProcessing;
        return b;
    }

    /** Output height in pixels. */
    @Override
    public int height() {
        return height;
    }

    /** Output width in pixels. */
    @Override
    public int width() {
        return width;
    }

    /** Output channels: 3 (the grey plane in each, normalised per channel) or 1 (the grey plane normalised once). */
    @Override
    public int channels() {
        return mean.length;
    }

    /** What happens to each feature vector after the network; default {@link PostProcessing#NONE}. */
    @Override
    public PostProcessing postProcessing() {
        return postProcessing;
    }

    /**
     * Writes the channels x height x width (CHW) network input for {@code image} into {@code dst} at
     * {@code offset}.
     *
     * @throws MammoException (stage PREPROCESS) for PALETTE COLOR images, non-finite pixel values, or a VOI
     *                        transform that rejects the header
     */
    @Override
    public void apply(DecodedImage image, float[] dst, int offset) throws MammoException {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(dst, "dst");
        int plane = height * width;
        int outLength = channels() * plane;
        if (offset < 0 || offset > dst.length - outLength) {
            throw new IllegalArgumentException("dst has " + dst.length + " floats; cannot write " + outLength
                    + " from offset " + offset);
        }
        if (image.photometric() == Photometric.PALETTE_COLOR) {
            throw new MammoException(Stage.PREPROCESS, "PALETTE COLOR images are not supported: preprocessing "
                    + "needs grey or RGB values, not palette indices");
        }
        Scratch scratch = SCRATCH.get();
        SeparableResampler.RowSource source = scratch.window.rows(image, windowing, excludePixelPadding);
        scratch.ensurePlane(plane);
        scratch.resampler.render(geometry, source, image.rows(), image.columns(), resize, height, width,
                scratch.plane);
        // (x - mean[c]) / std[c] in float, torchvision Normalize's order and precision. A plain loop: ND4J's
        // element-wise ops did the same arithmetic bit for bit but were 5-30x slower here (README, Benchmarks)
        float[] grey = scratch.plane;
        for (int c = 0; c < meanF.length; c++) {
            float m = meanF[c];
            float sd = stdF[c];
            int o = offset + c * plane;
            for (int i = 0; i < plane; i++) {
                dst[o + i] = (grey[i] - m) / sd;
            }
        }
    }

    /**
     * Every setting, in a fixed order, as text: {@code version, size, windowing, invertMonochrome1, resize,
     * geometry, channels, mean, std, excludePixelPadding, layout}. Equal recipes give equal maps.
     */
    public Map<String, String> spec() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("version", VERSION);
        m.put("size", height + "x" + width);
        m.put("windowing", windowing.describe());
        m.put("invertMonochrome1", "true");
        m.put("resize", resize.label());
        m.put("geometry", geometry.describe());
        m.put("channels", channels() == 1 ? "grey" : "grey-x3");
        m.put("mean", list(mean));
        m.put("std", list(std));
        m.put("excludePixelPadding", Boolean.toString(excludePixelPadding));
        m.put("layout", "CHW-float32");
        m.put("postprocessing", postProcessing.label());
        return Collections.unmodifiableMap(m);
    }

    /** {@link #spec()} as one line, e.g. {@code preprocessing/v1{size=224x224, windowing=percentile(0.5,99.5), ...}}. */
    @Override
    public String describe() {
        Map<String, String> m = new LinkedHashMap<>(spec());
        String version = m.remove("version");
        return version + m.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", ", "{", "}"));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Preprocessing p && p.height == height && p.width == width
                && Arrays.equals(p.mean, mean) && Arrays.equals(p.std, std) && p.windowing.equals(windowing)
                && p.resize == resize && p.geometry.equals(geometry) && p.excludePixelPadding == excludePixelPadding
                && p.postProcessing == postProcessing;
    }

    @Override
    public int hashCode() {
        return Objects.hash(height, width, Arrays.hashCode(mean), Arrays.hashCode(std), windowing, resize, geometry,
                excludePixelPadding, postProcessing);
    }

    @Override
    public String toString() {
        return describe();
    }

    private static String list(double[] v) {
        return Arrays.stream(v).mapToObj(Double::toString).collect(Collectors.joining(",", "[", "]"));
    }

    private static float[] toFloats(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }

    /** Per-thread reusable buffers (see the class comment). */
    private static final class Scratch {
        final WindowedRows window = new WindowedRows();
        final SeparableResampler resampler = new SeparableResampler();
        float[] plane = new float[0];

        void ensurePlane(int n) {
            if (plane.length < n) {
                plane = new float[n];
            }
        }
    }
}
