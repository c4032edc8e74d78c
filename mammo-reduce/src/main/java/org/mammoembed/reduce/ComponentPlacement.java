package org.mammoembed.reduce;

import org.mammoembed.reduce.internal.Distances;
import java.util.List;

/**
 * Places separately laid-out graph components side by side without overlap. As umap-learn does for a
 * disconnected graph, the components keep their relative arrangement in the input: their mean input vectors
 * are projected by PCA and the result is scaled just enough that the components' discs (radius = farthest
 * point from the component's centre, plus a gap) do not touch. When two projected means (nearly) coincide, so
 * that this layout would be more than 10 times wider than a grid, or there are over 2000 components, the
 * components go on a grid instead, in order of first appearance.
 */
final class ComponentPlacement {
    private static final int MAX_PAIRWISE = 2000;
    /** How much larger than the equivalent grid the mean-preserving layout may be before the grid is used. */
    private static final double GRID_FALLBACK_FACTOR = 10.0;

    private ComponentPlacement() {
    }

    /**
     * @param layouts one m_c x dim layout per component (modified: centred and shifted in place)
     * @param means   one mean input vector per component
     */
    static void place(List<double[][]> layouts, double[][] means, int dim, long seed) {
        int count = layouts.size();
        double[] radius = new double[count];
        double maxRadius = 0.0;
        for (int c = 0; c < count; c++) {
            radius[c] = centre(layouts.get(c), dim);
            maxRadius = Math.max(maxRadius, radius[c]);
        }
        if (count == 1) {
            return;
        }
        double gap = Math.max(1.0, 0.5 * maxRadius);
        double[][] centres = projectedMeans(means, dim, seed);
        double scale = count <= MAX_PAIRWISE ? separatingScale(centres, radius, gap) : Double.NaN;
        if (Double.isFinite(scale) && scale * maxNorm(centres) > GRID_FALLBACK_FACTOR * gridExtent(count,
                maxRadius, gap)) {
            // two nearly coincident means would blow the layout up; a grid stays compact
            scale = Double.NaN;
        }
        for (int c = 0; c < count; c++) {
            double[] shift = new double[dim];
            if (Double.isFinite(scale)) {
                for (int t = 0; t < dim; t++) {
                    shift[t] = centres[c][t] * scale;
                }
            } else {
                int columns = (int) Math.ceil(Math.sqrt(count));
                double cell = 2.0 * maxRadius + gap;
                shift[0] = (c % columns) * cell;
                shift[1] = (c / columns) * cell;
            }
            for (double[] row : layouts.get(c)) {
                for (int t = 0; t < dim; t++) {
                    row[t] += shift[t];
                }
            }
        }
    }

    private static double maxNorm(double[][] points) {
        double max = 0.0;
        for (double[] p : points) {
            max = Math.max(max, Math.sqrt(PcaModel.dot(p, p)));
        }
        return max;
    }

    private static double gridExtent(int count, double maxRadius, double gap) {
        return Math.ceil(Math.sqrt(count)) * (2.0 * maxRadius + gap);
    }

    /** Moves the layout's mean to the origin; returns its radius. */
    private static double centre(double[][] layout, int dim) {
        double[] mean = new double[dim];
        for (double[] row : layout) {
            for (int t = 0; t < dim; t++) {
                mean[t] += row[t] / layout.length;
            }
        }
        double radius = 0.0;
        for (double[] row : layout) {
            double r = 0.0;
            for (int t = 0; t < dim; t++) {
                row[t] -= mean[t];
                r += row[t] * row[t];
            }
            radius = Math.max(radius, Math.sqrt(r));
        }
        return radius;
    }

    private static double[][] projectedMeans(double[][] means, int dim, long seed) {
        float[][] asFloat = new float[means.length][means[0].length];
        for (int c = 0; c < means.length; c++) {
            for (int j = 0; j < means[c].length; j++) {
                asFloat[c][j] = (float) means[c][j];
            }
        }
        return PcaModel.fit(asFloat, dim, 7, seed).project(asFloat);
    }

    /** The smallest factor that keeps every pair of discs apart, or NaN when two centres coincide. */
    private static double separatingScale(double[][] centres, double[] radius, double gap) {
        double scale = 0.0;
        double spread = 0.0;
        for (double[] c : centres) {
            for (double v : c) {
                spread = Math.max(spread, Math.abs(v));
            }
        }
        for (int a = 0; a < centres.length; a++) {
            for (int b = a + 1; b < centres.length; b++) {
                double dist = Math.sqrt(Distances.squared(centres[a], centres[b]));
                if (!(dist > 1e-9 * spread)) {
                    return Double.NaN;
                }
                scale = Math.max(scale, (radius[a] + radius[b] + gap) / dist);
            }
        }
        return scale;
    }
}
