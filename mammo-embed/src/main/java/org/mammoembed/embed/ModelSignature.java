package org.mammoembed.embed;

/**
 * The shape of a validated embedding network, as ONNX Runtime reports it. A dimension the model leaves
 * symbolic (dynamic) is {@code -1}.
 *
 * @param inputName  name of the single image input
 * @param outputName name of the single feature output
 * @param batch      declared batch size of the input, {@code -1} when dynamic
 * @param channels   declared input channels (3)
 * @param height     declared input height, {@code -1} when dynamic
 * @param width      declared input width, {@code -1} when dynamic
 * @param dimension  length of one embedding (D)
 * @param outputRank 2 for an {@code [N,D]} output, 4 for {@code [N,D,1,1]} (flattened to D)
 */
public record ModelSignature(String inputName, String outputName, long batch, long channels, long height,
                             long width, int dimension, int outputRank) {

    /** Whether the model only accepts one batch size (exported without a dynamic batch axis). */
    public boolean fixedBatch() {
        return batch > 0;
    }

    @Override
    public String toString() {
        return inputName + "[" + dim(batch) + "," + channels + "," + dim(height) + "," + dim(width) + "] -> "
                + outputName + "[N," + dimension + (outputRank == 4 ? ",1,1]" : "]");
    }

    private static String dim(long d) {
        return d < 0 ? "?" : Long.toString(d);
    }
}
