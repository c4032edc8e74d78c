package org.mammoembed.embed.preprocess;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The last two steps, on ND4J tensors: the grey plane copied into each channel, then
 * {@code (x - mean[c]) / std[c]} in float32 (the order and precision of torchvision's {@code Normalize}).
 *
 * <p>Immutable and thread-safe. Native memory stays flat: every array lives in a per-thread ND4J workspace that
 * is reused from call to call (ND4J workspaces are thread-local), and the result is read out before the
 * workspace closes.
 */
public final class ChannelNormalizer {
    private static final String WORKSPACE = "mammo-embed-preprocess";
    private static final WorkspaceConfiguration WORKSPACE_CONFIG = WorkspaceConfiguration.builder()
            .initialSize(0)
            .policyAllocation(AllocationPolicy.STRICT)
            .policyLearning(LearningPolicy.FIRST_LOOP)
            .build();

    private final float[] mean;
    private final float[] std;

    /** Per-channel mean and standard deviation (copied; lengths equal, every std > 0, checked by the caller). */
    public ChannelNormalizer(float[] mean, float[] std) {
        if (mean.length != std.length) {
            throw new IllegalArgumentException("mean has " + mean.length + " values but std has " + std.length);
        }
        this.mean = mean.clone();
        this.std = std.clone();
    }

    /** Number of output channels. */
    public int channels() {
        return mean.length;
    }

    /**
     * Writes {@code channels x height x width} values (CHW) for the {@code height x width} plane into {@code dst}
     * from {@code offset}.
     */
    public void write(float[] plane, int height, int width, float[] dst, int offset) {
        int n = height * width;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager()
                .getAndActivateWorkspace(WORKSPACE_CONFIG, WORKSPACE)) {
            INDArray grey = Nd4j.create(DataType.FLOAT, 1, n);
            // a direct view of the native buffer: no intermediate Java array
            grey.data().asNioFloat().put(plane, 0, n);
            INDArray means = Nd4j.createFromArray(mean).reshape(mean.length, 1);
            INDArray stds = Nd4j.createFromArray(std).reshape(std.length, 1);
            // channels x pixels: zeros + grey row (exact copy per channel), then per-row (x - mean) / std
            INDArray out = Nd4j.create(DataType.FLOAT, mean.length, n);
            out.addiRowVector(grey).subiColumnVector(means).diviColumnVector(stds);
            out.data().asNioFloat().get(dst, offset, mean.length * n);
        }
    }
}
