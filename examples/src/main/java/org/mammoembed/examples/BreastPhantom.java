package org.mammoembed.examples;

import java.util.SplittableRandom;
import org.mammoembed.core.BiRadsDensity;

/**
 * Synthetic mammogram pixels: a breast-shaped half-ellipse against the chest wall, a skin line, fatty
 * background tissue and fibroglandular "clouds" whose share grows with the BI-RADS density class. Stored
 * values are 12-bit (0..4095), MONOCHROME2 (brighter = denser), background 0. Deterministic for a seed.
 */
final class BreastPhantom {
    static final int BITS_STORED = 12;
    private static final int MAX = (1 << BITS_STORED) - 1;

    private BreastPhantom() {
    }

    /**
     * @param rightBreast true: chest wall on the right edge (as an R image is displayed), else on the left
     * @param mlo         true: a mediolateral-oblique view (pectoral muscle triangle in the top corner)
     */
    static int[] render(int rows, int cols, BiRadsDensity density, boolean rightBreast, boolean mlo, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] tissue = new float[rows * cols];
        // low-frequency texture: a sum of random Gaussian blobs, more and brighter for denser classes
        int blobs = 12 + 18 * density.code();
        double glandShare = 0.10 + 0.22 * (density.code() - 1);
        for (int b = 0; b < blobs; b++) {
            double cy = rows * (0.15 + 0.7 * rnd.nextDouble());
            double cx = cols * (0.05 + 0.55 * rnd.nextDouble());
            double sigma = Math.min(rows, cols) * (0.03 + 0.09 * rnd.nextDouble());
            double amp = glandShare * (0.6 + 0.8 * rnd.nextDouble());
            addBlob(tissue, rows, cols, cy, cx, sigma, amp);
        }
        int[] out = new int[rows * cols];
        double a = cols * (0.72 + 0.1 * rnd.nextDouble()); // how far the breast reaches from the chest wall
        double b = rows * 0.46;
        double cy = rows * 0.5;
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < cols; x++) {
                double dx = x / a;
                double dy = (y - cy) / b;
                double r = Math.sqrt(dx * dx + dy * dy);
                if (r >= 1.0) {
                    continue; // air: stays 0
                }
                double fat = 0.28 + 0.05 * (1 - r);
                double v = fat + Math.min(0.6, tissue[y * cols + x]);
                if (r > 0.97) {
                    v += 0.15; // skin line
                }
                if (mlo && x < cols * 0.25 && y < rows * 0.35 && x / (cols * 0.25) + y / (rows * 0.35) < 1.0) {
                    v = 0.8; // pectoral muscle
                }
                v += 0.01 * (rnd.nextDouble() - 0.5); // quantum noise
                int value = (int) Math.round(Math.max(0, Math.min(1, v)) * MAX);
                int col = rightBreast ? cols - 1 - x : x;
                out[y * cols + col] = value;
            }
        }
        return out;
    }

    private static void addBlob(float[] img, int rows, int cols, double cy, double cx, double sigma, double amp) {
        int r = (int) Math.ceil(3 * sigma);
        int y0 = Math.max(0, (int) cy - r);
        int y1 = Math.min(rows - 1, (int) cy + r);
        int x0 = Math.max(0, (int) cx - r);
        int x1 = Math.min(cols - 1, (int) cx + r);
        double inv = 1.0 / (2 * sigma * sigma);
        for (int y = y0; y <= y1; y++) {
            double ddy = (y - cy) * (y - cy);
            for (int x = x0; x <= x1; x++) {
                double d2 = ddy + (x - cx) * (x - cx);
                img[y * cols + x] += (float) (amp * Math.exp(-d2 * inv));
            }
        }
    }
}
