package org.mammoembed.embed;

import org.mammoembed.embed.preprocess.ResizeMode;

/**
 * Precomputed resampling taps along one axis: output sample {@code i} is
 * {@code sum_j in[index(i, j)] * weight(i, j)} for {@code j < taps(i)}, summed in float in order of {@code j}.
 *
 * <p>The factories reproduce PyTorch's CPU kernels (1.13 to 2.x, {@code align_corners=False}) operation by
 * operation, including where they round to float, so that resized images agree with
 * {@code torch.nn.functional.interpolate} to the last bits rather than merely approximately.
 */
final class AxisWeights {
    private final int inSize;
    private final int outSize;
    // read directly by SeparableResampler's inner loops: tap j of output i is at i * stride + j
    final int stride;
    final int[] taps;
    final int[] index;
    final float[] weight;

    private AxisWeights(int inSize, int outSize, int stride) {
        this.inSize = inSize;
        this.outSize = outSize;
        this.stride = stride;
        this.taps = new int[outSize];
        this.index = new int[outSize * stride];
        this.weight = new float[outSize * stride];
    }

    /** The taps of {@code mode} from {@code inSize} samples to {@code outSize}. */
    static AxisWeights of(ResizeMode mode, int inSize, int outSize) {
        return mode == ResizeMode.BILINEAR_ANTIALIAS ? antialiasedLinear(inSize, outSize) : bicubic(inSize, outSize);
    }

    /**
     * Bilinear with antialiasing: a triangle filter whose support widens with the downscale factor ({@code
     * interpolate(mode='bilinear', antialias=True)}, the same filter as PIL's {@code BILINEAR} resize). Weights are
     * truncated at the image edge and renormalised. When upscaling it is plain bilinear.
     */
    static AxisWeights antialiasedLinear(int inSize, int outSize) {
        // torch: scale = float(in) / out; support = scale >= 1 ? (interp_size / 2) * scale : interp_size / 2
        float scale = (float) inSize / (float) outSize;
        float support = scale >= 1f ? (float) (1.0 * scale) : 1f;
        float invScale = scale >= 1f ? (float) (1.0 / scale) : 1f;
        int maxTaps = (int) Math.ceil(support) * 2 + 1;
        AxisWeights w = new AxisWeights(inSize, outSize, maxTaps);
        float[] raw = new float[maxTaps];
        for (int i = 0; i < outSize; i++) {
            float center = (float) (scale * (i + 0.5));
            int xmin = (int) Math.max((long) (center - support + 0.5), 0L);
            int xsize = (int) Math.min((long) (center + support + 0.5), inSize) - xmin;
            float total = 0f;
            for (int j = 0; j < xsize; j++) {
                float x = (float) (((float) (j + xmin) - center + 0.5) * invScale);
                raw[j] = triangle(x);
                total += raw[j];
            }
            w.taps[i] = xsize;
            for (int j = 0; j < xsize; j++) {
                w.index[i * maxTaps + j] = xmin + j;
                w.weight[i * maxTaps + j] = total != 0f ? raw[j] / total : raw[j];
            }
        }
        return w;
    }

    /**
     * Keys' bicubic convolution with a = -0.75 and no antialiasing ({@code interpolate(mode='bicubic',
     * antialias=False)}, which torchvision's {@code Resize(..., BICUBIC)} called on tensors before antialias
     * existed): 4 taps around the source position {@code scale * (i + 0.5) - 0.5}, indices clamped to the edge.
     */
    static AxisWeights bicubic(int inSize, int outSize) {
        final float a = -0.75f;
        float scale = (float) inSize / (float) outSize;
        AxisWeights w = new AxisWeights(inSize, outSize, 4);
        for (int i = 0; i < outSize; i++) {
            // measured against torch 1.13: the source position and its fraction stay in double until here
            double real = scale * (i + 0.5) - 0.5;
            int base = (int) Math.min((long) Math.floor(real), inSize - 1L);
            float t = (float) Math.min(Math.max(real - base, 0.0), 1.0);
            float x2 = (float) (1.0 - t);
            float[] c = {
                cubicOuter((float) (t + 1.0), a), cubicInner(t, a), cubicInner(x2, a), cubicOuter((float) (x2 + 1.0), a)
            };
            w.taps[i] = 4;
            for (int j = 0; j < 4; j++) {
                w.index[i * 4 + j] = Math.max(Math.min(base - 1 + j, inSize - 1), 0);
                w.weight[i * 4 + j] = c[j];
            }
        }
        return w;
    }

    private static float triangle(float x) {
        x = Math.abs(x);
        return x < 1f ? 1f - x : 0f;
    }

    // |x| <= 1
    private static float cubicInner(float x, float a) {
        return ((a + 2f) * x - (a + 3f)) * x * x + 1f;
    }

    // 1 < |x| < 2. The middle step is fused (one rounding) because torch's compiled kernel contracts exactly that
    // one into an FMA: found by comparing its weights bit for bit; unfused, weights differ by up to 2.4e-7.
    private static float cubicOuter(float x, float a) {
        return Math.fma(a * x - 5f * a, x, 8f * a) * x - 4f * a;
    }

    int inSize() {
        return inSize;
    }

    int outSize() {
        return outSize;
    }

    int taps(int i) {
        return taps[i];
    }

    int index(int i, int j) {
        return index[i * stride + j];
    }

    float weight(int i, int j) {
        return weight[i * stride + j];
    }
}
