package org.mammoembed.reduce.baselines;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.mammoembed.core.DecodedImage;
import org.mammoembed.core.EmbeddedImage;
import org.mammoembed.core.EmbeddingResult;
import org.mammoembed.core.ImageReader;
import org.mammoembed.core.MammoException;
import org.mammoembed.core.Percentiles;
import org.mammoembed.reduce.Pca;

/**
 * Intensity descriptors of one grayscale image, the statistics half of the handcrafted baseline;
 * {@link #withThumbnailComponents} adds the other half, PCA of the downsampled images. Computed over the
 * breast: pixels above the image's minimum, which in a mammogram is the background (all pixels when the image is
 * constant). Values in the image's own units; the baseline standardises them per fold.
 *
 * <p>Order, as in {@link #NAMES}: mean, standard deviation, skewness, excess kurtosis, percentiles 5, 25, 50,
 * 75, 95, entropy (bits) of a 32-bin histogram over [min, max] of the breast, breast fraction of the image,
 * then the 16-bin normalised histogram of the breast over [min, max].
 */
public final class HandcraftedFeatures {
    private static final int ENTROPY_BINS = 32;
    private static final int HISTOGRAM_BINS = 16;

    /** Feature names, one per value of {@link #of}. */
    public static final List<String> NAMES = names();

    private HandcraftedFeatures() {
    }

    /** Makes one image's thumbnail, e.g. {@code Preprocessing.thumbnail(32)} of mammo-embed applied to it. */
    @FunctionalInterface
    public interface Thumbnails {
        /** The thumbnail's values; the same number for every image. */
        float[] of(DecodedImage image) throws MammoException;
    }

    /**
     * The handcrafted descriptor of every image of {@code images}, in index order, each read again from its file
     * with {@code reader}: its statistics ({@link #of}) and its thumbnail ({@code thumbnails}), then
     * {@link #withThumbnailComponents} over all of them. What the CLI's {@code embeddings-baselines --dicom-root}
     * compares the embeddings against.
     *
     * @param reader     e.g. {@code RootConfinedReader.of(DicomFileReader.create(), dicomRoot)}, so that a
     *                   joined.csv cannot lead it out of the study's folder
     * @throws MammoException for the first image that cannot be read or thumbnailed, naming it
     */
    public static float[][] describe(EmbeddingResult images, ImageReader reader, Thumbnails thumbnails,
                                     int components) throws MammoException {
        Objects.requireNonNull(images, "images");
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(thumbnails, "thumbnails");
        int n = images.size();
        float[][] stats = new float[n][];
        float[][] thumbs = new float[n][];
        for (EmbeddedImage e : images.index()) {
            String name = e.record().relativePath();
            try {
                DecodedImage image = reader.read(e.record().path());
                stats[e.index()] = of(image.grayPlane(), image.rows(), image.columns());
                thumbs[e.index()] = thumbnails.of(image);
            } catch (MammoException ex) {
                throw new MammoException(ex.stage(), name + ": " + ex.getMessage(), ex);
            }
            if (thumbs[e.index()].length != thumbs[0].length) {
                throw new IllegalArgumentException("thumbnails must all have the same size: " + name + " has "
                        + thumbs[e.index()].length + " values, " + images.index().get(0).record().relativePath()
                        + " " + thumbs[0].length);
            }
        }
        return withThumbnailComponents(stats, thumbs, components);
    }

    /**
     * The whole handcrafted descriptor of a set of images: each image's statistics ({@link #of}) followed by its
     * coordinates on the first {@code components} principal components of all the images' thumbnails (fitted on
     * these images: a descriptor of this set, as the baseline uses it).
     *
     * @param statistics one {@link #of} row per image
     * @param thumbnails one small image per image (the same size for all), e.g. 32 x 32
     */
    public static float[][] withThumbnailComponents(float[][] statistics, float[][] thumbnails, int components) {
        if (statistics.length != thumbnails.length) {
            throw new IllegalArgumentException(statistics.length + " statistics rows but " + thumbnails.length
                    + " thumbnails");
        }
        double[][] pcs = Pca.builder().components(components).build().fitTransform(thumbnails).coordinates();
        float[][] out = new float[statistics.length][];
        for (int i = 0; i < out.length; i++) {
            out[i] = Arrays.copyOf(statistics[i], statistics[i].length + pcs[i].length);
            for (int j = 0; j < pcs[i].length; j++) {
                out[i][statistics[i].length + j] = (float) pcs[i][j];
            }
        }
        return out;
    }

    /**
     * @param gray row-major rows x cols pixels, finite
     */
    public static float[] of(float[] gray, int rows, int cols) {
        if (rows < 1 || cols < 1 || (long) rows * cols != gray.length) {
            throw new IllegalArgumentException("image of " + gray.length + " pixels does not match rows " + rows
                    + " x cols " + cols);
        }
        float min = Float.POSITIVE_INFINITY;
        for (float v : gray) {
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException("image pixels must be finite, got " + v);
            }
            min = Math.min(min, v);
        }
        int count = 0;
        for (float v : gray) {
            if (v > min) {
                count++;
            }
        }
        float[] breast = new float[count == 0 ? gray.length : count];
        int k = 0;
        for (float v : gray) {
            if (count == 0 || v > min) {
                breast[k++] = v;
            }
        }
        Arrays.sort(breast);
        int n = breast.length;
        double mean = 0.0;
        for (float v : breast) {
            mean += v;
        }
        mean /= n;
        double m2 = 0.0;
        double m3 = 0.0;
        double m4 = 0.0;
        for (float v : breast) {
            double d = v - mean;
            m2 += d * d;
            m3 += d * d * d;
            m4 += d * d * d * d;
        }
        m2 /= n;
        m3 /= n;
        m4 /= n;
        double sd = Math.sqrt(m2);
        double skew = m2 > 0 ? m3 / Math.pow(m2, 1.5) : 0.0;
        double kurtosis = m2 > 0 ? m4 / (m2 * m2) - 3.0 : 0.0;
        float lo = breast[0];
        float hi = breast[n - 1];
        double[] fine = histogram(breast, lo, hi, ENTROPY_BINS);
        double entropy = 0.0;
        for (double p : fine) {
            entropy -= p > 0 ? p * Math.log(p) / Math.log(2) : 0.0;
        }
        double[] coarse = histogram(breast, lo, hi, HISTOGRAM_BINS);
        float[] out = new float[NAMES.size()];
        int o = 0;
        out[o++] = (float) mean;
        out[o++] = (float) sd;
        out[o++] = (float) skew;
        out[o++] = (float) kurtosis;
        Percentiles percentiles = new Percentiles();
        percentiles.load(breast, null);
        for (double q : new double[] {5, 25, 50, 75, 95}) {
            out[o++] = (float) percentiles.percentile(q);
        }
        out[o++] = (float) entropy;
        out[o++] = (float) n / gray.length;
        for (double p : coarse) {
            out[o++] = (float) p;
        }
        return out;
    }

    private static double[] histogram(float[] values, float lo, float hi, int bins) {
        double[] h = new double[bins];
        double width = (hi - lo) / (double) bins;
        for (float v : values) {
            int b = width > 0 ? (int) ((v - lo) / width) : 0;
            h[Math.min(bins - 1, Math.max(0, b))]++;
        }
        for (int b = 0; b < bins; b++) {
            h[b] /= values.length;
        }
        return h;
    }

    private static List<String> names() {
        List<String> names = new java.util.ArrayList<>(List.of("mean", "std", "skewness", "excess_kurtosis",
                "p05", "p25", "p50", "p75", "p95", "entropy_bits", "breast_fraction"));
        for (int b = 0; b < HISTOGRAM_BINS; b++) {
            names.add("hist_" + b);
        }
        return List.copyOf(names);
    }
}
