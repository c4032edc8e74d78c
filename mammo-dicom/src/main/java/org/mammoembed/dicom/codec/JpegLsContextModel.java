package org.mammoembed.dicom.codec;

import org.mammoembed.dicom.DicomException;

/**
 * The adaptive statistics of a JPEG-LS scan and the decoding of one prediction error with them (T.87 A.4 to
 * A.7): 365 regular contexts with their bias correction, plus the two run interruption contexts. Errors are
 * read as limited-length Golomb codes (A.5.3) from the scan's bit reader.
 */
final class JpegLsContextModel {
    /** Regular contexts: |Q| for the sign-normalised quantised gradients, 0..364. */
    static final int REGULAR_CONTEXTS = 365;
    private static final int RUN_CONTEXT = REGULAR_CONTEXTS;
    private static final int MIN_C = -128;
    private static final int MAX_C = 127;
    /** No valid stream needs a larger Golomb parameter; the bound keeps corrupt statistics from looping. */
    private static final int MAX_K = 24;

    private final JpegLsBitReader in;
    private final int maxVal;
    private final int near;
    private final int quantStep;
    private final int rangeStep;
    private final int qbpp;
    private final int limit;
    private final int reset;
    private final int initialA;
    private final int[] a = new int[REGULAR_CONTEXTS + 2];
    private final int[] b = new int[REGULAR_CONTEXTS + 2];
    private final int[] c = new int[REGULAR_CONTEXTS];
    private final int[] n = new int[REGULAR_CONTEXTS + 2];
    private final int[] nn = new int[REGULAR_CONTEXTS + 2];

    JpegLsContextModel(JpegLsBitReader in, JpegLsCodingParameters p) {
        this.in = in;
        this.maxVal = p.maxVal();
        this.near = p.near();
        this.quantStep = 2 * near + 1;
        this.rangeStep = p.range() * quantStep;
        this.qbpp = p.qbpp();
        this.limit = p.limit();
        this.reset = p.reset();
        this.initialA = Math.max(2, (p.range() + 32) / 64);
        resetStatistics();
    }

    /** Back to the initial state (A.2.1), at the start of a scan and after each restart marker. */
    void resetStatistics() {
        java.util.Arrays.fill(a, initialA);
        java.util.Arrays.fill(b, 0);
        java.util.Arrays.fill(c, 0);
        java.util.Arrays.fill(n, 1);
        java.util.Arrays.fill(nn, 0);
    }

    /** The median edge detector prediction (A.4.1). */
    static int predict(int ra, int rb, int rc) {
        // selects rather than branches: which case applies follows the image's edges, which a branch predictor
        // guesses badly, and each pixel's decode waits on the one before
        int min = Math.min(ra, rb);
        int max = Math.max(ra, rb);
        int p = rc <= min ? max : ra + rb - rc;
        return rc >= max ? min : p;
    }

    /** The Golomb parameter: the least k with N * 2^k >= A (A.5.1). */
    static int golombParameter(int n, int a) {
        if (n >= a) {
            return 0;
        }
        // n << k has a's bit length at k = the difference of bit lengths; at most one more doubling is needed
        int k = Integer.numberOfLeadingZeros(n) - Integer.numberOfLeadingZeros(a);
        k += ((n << k) - a) >>> 31; // the sign bit, not a branch: which way it goes is a coin toss per pixel
        return Math.min(k, MAX_K);
    }

    /**
     * The prediction error from its mapped value (inverse of A.5.2): 0, -1, 1, -2, 2... normally, or
     * 0, 1, -1, 2, -2... ({@code inverted}) where the context's bias makes negative errors the likelier.
     */
    static int unmapError(int mapped, boolean inverted) {
        // without branches (the parity is a coin toss): an odd mapped value is the complement of its half
        int error = (mapped >>> 1) ^ -(mapped & 1);
        return inverted ? ~error : error;
    }

    /**
     * Reads a limited-length Golomb code word (A.5.3): a unary prefix, then either k low bits or, after the
     * escape prefix of {@code codeLimit - qbpp - 1} zeros, the value minus one in qbpp bits.
     */
    private int readGolomb(int k, int codeLimit) throws DicomException {
        int escape = codeLimit - qbpp - 1;
        int word = in.readShortGolomb(k, escape);
        return word >= 0 ? word : readLongGolomb(k, escape);
    }

    /**
     * {@link #readGolomb} for a word not whole in the bit cache or with the escape prefix: rare, and kept out of line
     * so that {@link #readRegularError}'s compiled code stays small enough to be inlined into the line loop.
     */
    private int readLongGolomb(int k, int escape) throws DicomException {
        int prefix = in.readZeroRun(escape);
        if (prefix < escape) {
            return (prefix << k) | in.readBits(k);
        }
        return in.readBits(qbpp) + 1;
    }

    /**
     * Decodes one sample in regular mode (A.4.2 to A.6): bias-corrects the prediction, reads the error and
     * updates the context's statistics. The line decoder makes its two calls itself (see there why).
     *
     * @param ctx       the sign-normalised context, 0..364
     * @param sign      +1 or -1, the sign that normalised the context
     * @param predicted the edge-detecting prediction
     * @return the reconstructed sample
     */
    int decodeRegular(int ctx, int sign, int predicted) throws DicomException {
        return updateRegular(ctx, sign, predicted, readRegularError(ctx));
    }

    /** The prediction error of a regular-mode sample in context {@code ctx} (A.5.1 to A.5.3), read. */
    int readRegularError(int ctx) throws DicomException {
        int nq = n[ctx];
        int k = golombParameter(nq, a[ctx]);
        return unmapError(readGolomb(k, limit), near == 0 && k == 0 && 2 * b[ctx] <= -nq);
    }

    /**
     * The sample from the prediction and {@code error} (read by {@link #readRegularError} in the same context, before
     * this call), and the context's statistics updated (A.4.2, A.6).
     */
    int updateRegular(int ctx, int sign, int predicted, int error) {
        int px = predicted + sign * c[ctx];
        if (px > maxVal) {
            px = maxVal;
        } else if (px < 0) {
            px = 0;
        }
        int nq = n[ctx];
        int bq = b[ctx] + error * quantStep;
        int aq = a[ctx] + Math.abs(error);
        if (nq == reset) {
            aq >>= 1;
            bq >>= 1; // an arithmetic shift is T.87's -((1 - B) >> 1) for negative B
            nq >>= 1;
        }
        nq++;
        a[ctx] = aq;
        n[ctx] = nq;
        // bias correction (A.6.2) without branches: a quarter of the pixels of a noisy mammogram correct C one way
        // or the other, at random, and each mispredicted branch stalled the chain from pixel to pixel (with the
        // Golomb parameter's, decoding took 0.75x the time on the corpus mammograms, 0.84-0.89x on phantoms; README,
        // Benchmarks). The clamps are no-ops unless the one step leaves B out of (-N, 0]: T.87's "B = -N + 1" and
        // "B = 0"
        int down = (bq + nq - 1) >> 31; // -1 when B <= -N
        int up = -bq >> 31;             // -1 when B > 0
        bq += (nq & down) - (nq & up);
        c[ctx] = Math.max(MIN_C, Math.min(MAX_C, c[ctx] + (up & 1) - (down & 1)));
        b[ctx] = Math.min(Math.max(bq, 1 - nq), 0);
        return reconstruct(px, sign * error);
    }

    /**
     * Decodes the sample that ends a run (A.7.2).
     *
     * @param riType        1 when |Ra - Rb| <= NEAR (predicts Ra), else 0 (predicts Rb, sign from Rb - Ra)
     * @param runLengthBits J[RUNindex] before the index is decremented, which shortens the code limit
     */
    int decodeRunInterruption(int ra, int rb, int riType, int runLengthBits) throws DicomException {
        int ctx = RUN_CONTEXT + riType;
        int px = riType == 1 ? ra : rb;
        int sign = riType == 0 && ra > rb ? -1 : 1;
        int nq = n[ctx];
        int temp = riType == 1 ? a[ctx] + (nq >> 1) : a[ctx];
        int k = golombParameter(nq, temp);
        int mapped = readGolomb(k, limit - runLengthBits - 1);
        int t = mapped + riType;
        boolean map = (t & 1) != 0;
        int magnitude = (t + 1) >> 1;
        // inverse of A.7.2.1's "map": which sign each parity stands for depends on k and Nn/N
        boolean positiveIfMapped = k == 0 && 2 * nn[ctx] < nq;
        int error = map == positiveIfMapped ? magnitude : -magnitude;

        if (error < 0) {
            nn[ctx]++;
        }
        a[ctx] += (mapped + 1 - riType) >> 1;
        if (nq == reset) {
            a[ctx] >>= 1;
            nn[ctx] >>= 1;
            nq >>= 1;
        }
        n[ctx] = nq + 1;
        return reconstruct(px, sign * error);
    }

    /** Px + error * (2 NEAR + 1), brought back into 0..MAXVAL by the modular reduction of A.4.5. */
    private int reconstruct(int px, int signedError) {
        int rx = px + signedError * quantStep;
        if (rx < -near) {
            rx += rangeStep;
        } else if (rx > maxVal + near) {
            rx -= rangeStep;
        }
        if (rx < 0) {
            return 0;
        }
        return Math.min(rx, maxVal);
    }
}
