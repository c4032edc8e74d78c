package org.mammoembed.embed;

/**
 * How closely one feature row agrees with a reference row: cosine similarity, max absolute difference, and the
 * reference's largest magnitude (to express the difference relatively).
 */
record RowAgreement(double cosine, double maxAbsDiff, double referenceScale) {

    /** Compares {@code got} with {@code want[offset .. offset + got.length)}. */
    static RowAgreement of(float[] got, float[] want, int offset) {
        double dot = 0;
        double gg = 0;
        double ww = 0;
        double maxDiff = 0;
        double scale = 0;
        for (int d = 0; d < got.length; d++) {
            double w = want[offset + d];
            dot += got[d] * w;
            gg += (double) got[d] * got[d];
            ww += w * w;
            maxDiff = Math.max(maxDiff, Math.abs(got[d] - w));
            scale = Math.max(scale, Math.abs(w));
        }
        return new RowAgreement(dot / Math.sqrt(gg * ww), maxDiff, scale);
    }

    double relativeDiff() {
        return referenceScale > 0 ? maxAbsDiff / referenceScale : 0;
    }
}
