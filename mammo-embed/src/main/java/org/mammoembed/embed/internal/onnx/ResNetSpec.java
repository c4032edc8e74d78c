package org.mammoembed.embed.internal.onnx;

import java.util.Arrays;

/**
 * The shape of a bottleneck ResNet (torchvision "v1.5": the stride sits in each stage's first 3x3 conv):
 * a 7x7/2 stem conv and 3x3/2 max pool, then stages of bottleneck blocks whose output width is
 * {@code expansion} times the stage width, then global average pooling.
 *
 * @param stemWidth output channels of the 7x7 stem conv
 * @param stageBlocks number of bottleneck blocks per stage
 * @param stageWidths bottleneck (3x3 conv) width per stage; the first stage has stride 1, the others 2
 * @param expansion ratio of a block's output channels to its width
 */
public record ResNetSpec(int stemWidth, int[] stageBlocks, int[] stageWidths, int expansion) {

    /** Validates and copies the arrays. */
    public ResNetSpec {
        if (stemWidth < 1) {
            throw new IllegalArgumentException("stemWidth must be >= 1, got " + stemWidth);
        }
        if (expansion < 1) {
            throw new IllegalArgumentException("expansion must be >= 1, got " + expansion);
        }
        if (stageBlocks.length == 0 || stageBlocks.length != stageWidths.length) {
            throw new IllegalArgumentException("stageBlocks " + Arrays.toString(stageBlocks)
                    + " and stageWidths " + Arrays.toString(stageWidths) + " must be non-empty and of equal length");
        }
        for (int i = 0; i < stageBlocks.length; i++) {
            if (stageBlocks[i] < 1 || stageWidths[i] < 1) {
                throw new IllegalArgumentException("stage " + i + " needs >= 1 block of width >= 1, got "
                        + stageBlocks[i] + " blocks of width " + stageWidths[i]);
            }
        }
        stageBlocks = stageBlocks.clone();
        stageWidths = stageWidths.clone();
    }

    /** torchvision's {@code resnet50}: stem 64, blocks 3-4-6-3, widths 64-128-256-512, expansion 4. */
    public static ResNetSpec resnet50() {
        return new ResNetSpec(64, new int[] {3, 4, 6, 3}, new int[] {64, 128, 256, 512}, 4);
    }

    /** Dimension of the pooled feature vector: last stage width times expansion. */
    public int featureDimension() {
        return stageWidths[stageWidths.length - 1] * expansion;
    }

    @Override
    public int[] stageBlocks() {
        return stageBlocks.clone();
    }

    @Override
    public int[] stageWidths() {
        return stageWidths.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResNetSpec s && s.stemWidth == stemWidth && s.expansion == expansion
                && Arrays.equals(s.stageBlocks, stageBlocks) && Arrays.equals(s.stageWidths, stageWidths);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * stemWidth + expansion) + Arrays.hashCode(stageBlocks)) + Arrays.hashCode(stageWidths);
    }

    @Override
    public String toString() {
        return "ResNetSpec[stem=" + stemWidth + ", blocks=" + Arrays.toString(stageBlocks) + ", widths="
                + Arrays.toString(stageWidths) + ", expansion=" + expansion + "]";
    }
}
