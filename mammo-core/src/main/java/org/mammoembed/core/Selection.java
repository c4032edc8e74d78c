package org.mammoembed.core;

/**
 * Quickselect over a float array (k-th smallest in expected linear time, no sort). Three-way partitioning keeps
 * it linear on images, which repeat a few values (background) millions of times.
 */
final class Selection {
    private Selection() {
    }

    /**
     * The k-th smallest (0-based) of {@code a[0..n)}. Reorders {@code a} (the multiset is kept, so repeated
     * calls on the same array stay correct). Values must be finite.
     */
    static float select(float[] a, int n, int k) {
        int lo = 0;
        int hi = n - 1;
        while (lo < hi) {
            float pivot = medianOfThree(a[lo], a[lo + (hi - lo) / 2], a[hi]);
            // Dijkstra's three-way partition: [lo, lt) < pivot, [lt, i) == pivot, (gt, hi] > pivot
            int lt = lo;
            int gt = hi;
            int i = lo;
            while (i <= gt) {
                float v = a[i];
                if (v < pivot) {
                    a[i++] = a[lt];
                    a[lt++] = v;
                } else if (v > pivot) {
                    a[i] = a[gt];
                    a[gt--] = v;
                } else {
                    i++;
                }
            }
            if (k < lt) {
                hi = lt - 1;
            } else if (k > gt) {
                lo = gt + 1;
            } else {
                return pivot;
            }
        }
        return a[lo];
    }

    private static float medianOfThree(float x, float y, float z) {
        return Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
    }
}
