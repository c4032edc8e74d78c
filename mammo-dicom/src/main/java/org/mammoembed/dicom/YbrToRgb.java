package org.mammoembed.dicom;

/**
 * YBR_FULL to RGB (PS3.3 C.7.6.3.1.2, the ITU-R BT.601 full-range equations) in place, on interleaved samples.
 * Results are rounded half up and clipped to the sample range, as pydicom's {@code convert_color_space} does.
 * Used for native YBR_FULL / YBR_FULL_422 data (after chroma expansion) and for codec output still in YBR.
 */
final class YbrToRgb {
    private YbrToRgb() {
    }

    static void convert(int[] samples, int bitsStored) {
        double offset = 1 << (Math.min(bitsStored, 16) - 1);
        int max = (1 << Math.min(bitsStored, 16)) - 1;
        for (int i = 0; i + 2 < samples.length; i += 3) {
            double y = samples[i];
            double cb = samples[i + 1] - offset;
            double cr = samples[i + 2] - offset;
            samples[i] = clip(y + 1.402 * cr, max);
            samples[i + 1] = clip(y - (0.114 * 1.772 / 0.587) * cb - (0.299 * 1.402 / 0.587) * cr, max);
            samples[i + 2] = clip(y + 1.772 * cb, max);
        }
    }

    private static int clip(double v, int max) {
        // float32 arithmetic in pydicom; double here differs only at exact .5 ties, which "near" tolerates
        int r = (int) Math.floor(v + 0.5);
        return r < 0 ? 0 : Math.min(r, max);
    }
}
