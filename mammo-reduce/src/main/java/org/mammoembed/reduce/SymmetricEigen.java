package org.mammoembed.reduce;

/**
 * Eigen-decomposition of a small dense symmetric matrix by cyclic Jacobi rotations. Used on the l x l Gram
 * matrices of randomized PCA (l is the number of components plus oversampling, tens at most), where Jacobi is
 * accurate to machine precision and simple enough to keep in plain Java.
 */
final class SymmetricEigen {
    private static final int MAX_SWEEPS = 100;

    /** Eigenvalues, descending. */
    final double[] values;
    /** Eigenvectors as columns: {@code vectors[row][k]} belongs to {@code values[k]}. */
    final double[][] vectors;

    private SymmetricEigen(double[] values, double[][] vectors) {
        this.values = values;
        this.vectors = vectors;
    }

    /** Decomposes {@code a} (not modified; only symmetry is assumed). */
    static SymmetricEigen of(double[][] a) {
        int n = a.length;
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) {
            m[i] = a[i].clone();
        }
        double[][] v = new double[n][n];
        for (int i = 0; i < n; i++) {
            v[i][i] = 1.0;
        }
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            double off = 0.0;
            double diag = 0.0;
            for (int p = 0; p < n; p++) {
                diag += m[p][p] * m[p][p];
                for (int q = p + 1; q < n; q++) {
                    off += m[p][q] * m[p][q];
                }
            }
            if (off <= 1e-30 * Math.max(diag, Double.MIN_NORMAL)) {
                break;
            }
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    if (m[p][q] != 0.0) {
                        rotate(m, v, p, q);
                    }
                }
            }
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (x, y) -> {
            int c = Double.compare(m[y][y], m[x][x]);
            return c != 0 ? c : Integer.compare(x, y);
        });
        double[] values = new double[n];
        double[][] vectors = new double[n][n];
        for (int k = 0; k < n; k++) {
            values[k] = m[order[k]][order[k]];
            for (int r = 0; r < n; r++) {
                vectors[r][k] = v[r][order[k]];
            }
        }
        return new SymmetricEigen(values, vectors);
    }

    private static void rotate(double[][] m, double[][] v, int p, int q) {
        double theta = (m[q][q] - m[p][p]) / (2.0 * m[p][q]);
        double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1.0));
        if (theta == 0.0) {
            t = 1.0;
        }
        double c = 1.0 / Math.sqrt(t * t + 1.0);
        double s = t * c;
        int n = m.length;
        for (int k = 0; k < n; k++) {
            double mkp = m[k][p];
            double mkq = m[k][q];
            m[k][p] = c * mkp - s * mkq;
            m[k][q] = s * mkp + c * mkq;
        }
        for (int k = 0; k < n; k++) {
            double mpk = m[p][k];
            double mqk = m[q][k];
            m[p][k] = c * mpk - s * mqk;
            m[q][k] = s * mpk + c * mqk;
        }
        for (int k = 0; k < n; k++) {
            double vkp = v[k][p];
            double vkq = v[k][q];
            v[k][p] = c * vkp - s * vkq;
            v[k][q] = s * vkp + c * vkq;
        }
    }
}
