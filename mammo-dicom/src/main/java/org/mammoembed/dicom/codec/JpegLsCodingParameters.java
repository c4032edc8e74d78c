package org.mammoembed.dicom.codec;

import org.mammoembed.dicom.DicomException;

/**
 * The coding parameters of one JPEG-LS scan (ITU-T T.87 C.2.4.1.1): the sample range, the error tolerance and
 * the gradient thresholds, with the quantities derived from them (A.2.1).
 *
 * @param maxVal maximum sample value (MAXVAL)
 * @param near   the near-lossless error bound (NEAR), 0 for lossless
 * @param t1     first gradient threshold
 * @param t2     second gradient threshold
 * @param t3     third gradient threshold
 * @param reset  how many occurrences of a context before its statistics are halved (RESET)
 */
record JpegLsCodingParameters(int maxVal, int near, int t1, int t2, int t3, int reset) {

    static final int DEFAULT_RESET = 64;
    private static final int BASIC_T1 = 3;
    private static final int BASIC_T2 = 7;
    private static final int BASIC_T3 = 21;

    /**
     * Builds the scan's parameters: a zero in {@code preset} (an LSE id 1 segment, or none) means "default for
     * this bit depth and NEAR", as T.87 C.2.4.1.1 prescribes.
     *
     * @param bitsPerSample P from the frame header (2..16)
     * @param near          NEAR from the scan header
     * @param preset        the values of the last LSE preset segment (MAXVAL, T1, T2, T3, RESET), or null
     */
    static JpegLsCodingParameters of(int bitsPerSample, int near, int[] preset) throws DicomException {
        int maxVal = preset != null && preset[0] != 0 ? preset[0] : (1 << bitsPerSample) - 1;
        if (maxVal < 1 || maxVal >= 1 << 16) {
            throw DicomException.decode("MAXVAL " + maxVal + " outside 1..65535");
        }
        if (near < 0 || near > Math.min(255, maxVal / 2)) {
            throw DicomException.decode("NEAR " + near + " outside 0.." + Math.min(255, maxVal / 2)
                    + " for MAXVAL " + maxVal);
        }
        int[] defaults = defaultThresholds(maxVal, near);
        int t1 = preset != null && preset[1] != 0 ? preset[1] : defaults[0];
        int t2 = preset != null && preset[2] != 0 ? preset[2] : defaults[1];
        int t3 = preset != null && preset[3] != 0 ? preset[3] : defaults[2];
        int reset = preset != null && preset[4] != 0 ? preset[4] : DEFAULT_RESET;
        // T.87 C.2.4.1.1 bounds; violating streams would make the quantiser ill-defined
        if (t1 < near + 1 || t1 > maxVal || t2 < t1 || t2 > maxVal || t3 < t2 || t3 > maxVal) {
            throw DicomException.decode("thresholds T1=" + t1 + " T2=" + t2 + " T3=" + t3
                    + " not ordered within NEAR+1.." + maxVal);
        }
        if (reset < 3 || reset > Math.max(255, maxVal)) {
            throw DicomException.decode("RESET " + reset + " outside 3.." + Math.max(255, maxVal));
        }
        return new JpegLsCodingParameters(maxVal, near, t1, t2, t3, reset);
    }

    /** The default T1, T2, T3 for MAXVAL and NEAR (T.87 C.2.4.1.1.1). */
    static int[] defaultThresholds(int maxVal, int near) {
        int t1;
        int t2;
        int t3;
        if (maxVal >= 128) {
            int factor = (Math.min(maxVal, 4095) + 128) / 256;
            t1 = clamp(factor * (BASIC_T1 - 2) + 2 + 3 * near, near + 1, maxVal);
            t2 = clamp(factor * (BASIC_T2 - 3) + 3 + 5 * near, t1, maxVal);
            t3 = clamp(factor * (BASIC_T3 - 4) + 4 + 7 * near, t2, maxVal);
        } else {
            int factor = 256 / (maxVal + 1);
            t1 = clamp(Math.max(2, BASIC_T1 / factor + 3 * near), near + 1, maxVal);
            t2 = clamp(Math.max(3, BASIC_T2 / factor + 5 * near), t1, maxVal);
            t3 = clamp(Math.max(4, BASIC_T3 / factor + 7 * near), t2, maxVal);
        }
        return new int[] {t1, t2, t3};
    }

    // T.87's CLAMP: out-of-range values fall back to the lower bound, not the nearest bound
    private static int clamp(int value, int low, int maxVal) {
        return value > maxVal || value < low ? low : value;
    }

    /** Size of the quantised error alphabet (RANGE). */
    int range() {
        return (maxVal + 2 * near) / (2 * near + 1) + 1;
    }

    /** Bits needed for a quantised error (qbpp). */
    int qbpp() {
        return ceilLog2(range());
    }

    /** Maximum length of a limited-length Golomb code word (LIMIT). */
    int limit() {
        int bpp = Math.max(2, ceilLog2(maxVal + 1));
        return 2 * (bpp + Math.max(8, bpp));
    }

    static int ceilLog2(int value) {
        return 32 - Integer.numberOfLeadingZeros(value - 1);
    }
}
