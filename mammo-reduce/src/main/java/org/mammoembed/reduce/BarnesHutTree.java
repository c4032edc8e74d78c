package org.mammoembed.reduce;

import java.util.Arrays;

/**
 * A 2^dim-ary space-partitioning tree (quadtree in 2-D, octree in 3-D) over the t-SNE layout, for the
 * Barnes-Hut approximation of the repulsive forces (van der Maaten 2014): a cell that is far enough from a
 * point (cell width / distance to its centre of mass below theta) acts as one mass at its centre of mass.
 * With theta = 0 every cell is opened and the forces are exact. Identical points (and points still together at
 * the depth limit) share a leaf. Built sequentially, so queries, which only read it, may run in parallel.
 */
final class BarnesHutTree {
    private static final int MAX_DEPTH = 48;

    private final int dim;
    private final int fanOut;
    private final double[] y;
    /** Per node: centre (dim values) and half width of its cell. */
    private double[] centre;
    private double[] halfWidth;
    /** Per node: number of points and the sum of their coordinates. */
    private int[] mass;
    private double[] sum;
    /** Per node: index of its first child (children are contiguous), or -1 for a leaf. */
    private int[] firstChild;
    /** Per leaf: one of its points, or -1 when empty. */
    private int[] point;
    private int nodes;
    /** The leaf that holds each point. */
    private final int[] leafOf;

    BarnesHutTree(double[] y, int n, int dim) {
        this.dim = dim;
        this.fanOut = 1 << dim;
        this.y = y;
        this.leafOf = new int[n];
        int capacity = Math.max(16, 4 * n);
        centre = new double[capacity * dim];
        halfWidth = new double[capacity];
        mass = new int[capacity];
        sum = new double[capacity * dim];
        firstChild = new int[capacity];
        point = new int[capacity];
        double width = 0.0;
        double[] lo = new double[dim];
        double[] hi = new double[dim];
        Arrays.fill(lo, Double.POSITIVE_INFINITY);
        Arrays.fill(hi, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < dim; c++) {
                lo[c] = Math.min(lo[c], y[i * dim + c]);
                hi[c] = Math.max(hi[c], y[i * dim + c]);
            }
        }
        double[] mid = new double[dim];
        for (int c = 0; c < dim; c++) {
            width = Math.max(width, hi[c] - lo[c]);
            mid[c] = (lo[c] + hi[c]) / 2.0;
        }
        newNode(mid, width / 2.0 * (1.0 + 1e-9) + 1e-12);
        for (int i = 0; i < n; i++) {
            insert(i);
        }
        // a point's leaf is where the same descent ends; found once the tree is complete
        for (int i = 0; i < n; i++) {
            int node = 0;
            while (firstChild[node] >= 0) {
                node = childFor(node, i);
            }
            leafOf[i] = node;
        }
    }

    private int newNode(double[] middle, double half) {
        if (nodes == halfWidth.length) {
            int capacity = nodes * 2;
            centre = Arrays.copyOf(centre, capacity * dim);
            halfWidth = Arrays.copyOf(halfWidth, capacity);
            mass = Arrays.copyOf(mass, capacity);
            sum = Arrays.copyOf(sum, capacity * dim);
            firstChild = Arrays.copyOf(firstChild, capacity);
            point = Arrays.copyOf(point, capacity);
        }
        int node = nodes++;
        System.arraycopy(middle, 0, centre, node * dim, dim);
        halfWidth[node] = half;
        mass[node] = 0;
        Arrays.fill(sum, node * dim, node * dim + dim, 0.0);
        firstChild[node] = -1;
        point[node] = -1;
        return node;
    }

    private void insert(int p) {
        int node = 0;
        for (int depth = 0; ; depth++) {
            mass[node]++;
            for (int c = 0; c < dim; c++) {
                sum[node * dim + c] += y[p * dim + c];
            }
            if (firstChild[node] < 0) {
                int resident = point[node];
                if (resident < 0) {
                    point[node] = p;
                    return;
                }
                if (depth >= MAX_DEPTH || same(resident, p)) {
                    return;
                }
                split(node, resident, mass[node] - 1);
            }
            node = childFor(node, p);
        }
    }

    /** Turns a leaf into an inner node; its previous points (a group of {@code count} at the resident's place)
     *  move into the matching child. */
    private void split(int node, int resident, int count) {
        double half = halfWidth[node] / 2.0;
        int first = nodes;
        double[] middle = new double[dim];
        for (int k = 0; k < fanOut; k++) {
            for (int c = 0; c < dim; c++) {
                middle[c] = centre[node * dim + c] + (((k >> c) & 1) == 1 ? half : -half);
            }
            newNode(middle, half);
        }
        firstChild[node] = first;
        point[node] = -1;
        int child = childFor(node, resident);
        mass[child] = count;
        for (int c = 0; c < dim; c++) {
            sum[child * dim + c] = count * y[resident * dim + c];
        }
        point[child] = resident;
    }

    private int childFor(int node, int p) {
        int k = 0;
        for (int c = 0; c < dim; c++) {
            if (y[p * dim + c] > centre[node * dim + c]) {
                k |= 1 << c;
            }
        }
        return firstChild[node] + k;
    }

    private boolean same(int a, int b) {
        for (int c = 0; c < dim; c++) {
            if (y[a * dim + c] != y[b * dim + c]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Adds sum_j q_ij^2 (y_i - y_j) to {@code force} (length dim) and returns sum_j q_ij, over j != i, with
     * q_ij = 1 / (1 + |y_i - y_j|^2).
     */
    double repulsion(int i, double theta, double[] force) {
        return visit(0, i, theta * theta, force);
    }

    private double visit(int node, int i, double theta2, double[] force) {
        int m = mass[node];
        if (m == 0) {
            return 0.0;
        }
        boolean leaf = firstChild[node] < 0;
        // a leaf holding i acts with its other points only
        boolean self = leaf && leafOf[i] == node;
        int effective = self ? m - 1 : m;
        if (effective == 0) {
            return 0.0;
        }
        double dist2 = 0.0;
        for (int c = 0; c < dim; c++) {
            double diff = y[i * dim + c] - centreOfMass(node, c, self ? i : -1, effective);
            dist2 += diff * diff;
        }
        double width = 2.0 * halfWidth[node];
        if (leaf || (!contains(node, i) && width * width < theta2 * dist2)) {
            double q = 1.0 / (1.0 + dist2);
            double mq2 = effective * q * q;
            for (int c = 0; c < dim; c++) {
                force[c] += mq2 * (y[i * dim + c] - centreOfMass(node, c, self ? i : -1, effective));
            }
            return effective * q;
        }
        double z = 0.0;
        for (int k = 0; k < fanOut; k++) {
            z += visit(firstChild[node] + k, i, theta2, force);
        }
        return z;
    }

    private double centreOfMass(int node, int c, int excluded, int effective) {
        double s = sum[node * dim + c];
        if (excluded >= 0) {
            s -= y[excluded * dim + c];
        }
        return s / effective;
    }

    private boolean contains(int node, int i) {
        for (int c = 0; c < dim; c++) {
            if (Math.abs(y[i * dim + c] - centre[node * dim + c]) > halfWidth[node]) {
                return false;
            }
        }
        return true;
    }
}
