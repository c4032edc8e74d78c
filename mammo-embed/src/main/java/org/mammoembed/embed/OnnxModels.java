package org.mammoembed.embed;

/** Built-in ONNX models written in memory. (Stub API: being written; see issue 2.) */
public final class OnnxModels {
    private OnnxModels() {
    }

    /** torchvision ResNet50 topology with He-normal weights from {@code seed}; input "input", output "features". */
    public static byte[] randomResNet50(long seed) {
        throw new UnsupportedOperationException("OnnxModels.randomResNet50 not written yet");
    }

    /** A tiny ResNet-style network of the same interface (input [N,3,224,224], output [N,D]) for fast tests. */
    public static byte[] tinyResNet(long seed) {
        throw new UnsupportedOperationException("OnnxModels.tinyResNet not written yet");
    }
}
