package org.mammoembed.embed;

/**
 * CPU time of an extraction's stages, for comparing the work before the network with the network itself
 * (wall times overlap and compete for the same cores; CPU times do not double count).
 *
 * @param decodeSeconds         CPU time of the worker threads in {@code DicomReader.read}, summed over images
 * @param preprocessSeconds     CPU time of the worker threads in {@code ImagePreprocessor.apply}, summed over
 *                              images
 * @param inferenceSeconds      process CPU time during the network's batches minus the worker threads' CPU time in
 *                              the same intervals: ONNX Runtime's threads plus the hand-off of the batch tensor
 *                              (and any JVM housekeeping that falls in those intervals)
 * @param firstBatchEpochMillis wall-clock time (ms since the epoch) at which the first batch entered ONNX Runtime,
 *                              or -1 when no batch ran
 */
public record CpuProfile(double decodeSeconds, double preprocessSeconds, double inferenceSeconds,
                         long firstBatchEpochMillis) {
    /** No measurement (zeros, no batch). */
    public static final CpuProfile NONE = new CpuProfile(0, 0, 0, -1);

    /** Decode plus preprocess CPU time over inference CPU time; NaN when no inference ran. */
    public double beforeNetworkRatio() {
        return inferenceSeconds > 0 ? (decodeSeconds + preprocessSeconds) / inferenceSeconds : Double.NaN;
    }
}
