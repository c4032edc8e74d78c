package org.mammoembed.embed.internal.onnx;

import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * An ONNX {@code GraphProto}: nodes in topological order, float/int64 initialisers, inputs and outputs.
 *
 * @param name the graph's name
 * @param nodes the nodes, topologically sorted
 * @param initializers the constant tensors the nodes read
 * @param inputs the graph inputs (initialisers are not listed here)
 * @param outputs the graph outputs
 */
record OnnxGraph(String name, List<OnnxNode> nodes, List<OnnxTensor> initializers,
                        List<OnnxValueInfo> inputs, List<OnnxValueInfo> outputs) implements ProtoMessage {
    // GraphProto field numbers (onnx.proto)
    private static final int NODE = 1;
    private static final int NAME = 2;
    private static final int INITIALIZER = 5;
    private static final int INPUT = 11;
    private static final int OUTPUT = 12;

    /** Copies the lists. */
    public OnnxGraph {
        Objects.requireNonNull(name, "name");
        nodes = List.copyOf(nodes);
        initializers = List.copyOf(initializers);
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    @Override
    public void writeTo(ProtoSink sink) throws IOException {
        for (OnnxNode node : nodes) {
            sink.messageField(NODE, node);
        }
        sink.stringField(NAME, name);
        for (OnnxTensor tensor : initializers) {
            sink.messageField(INITIALIZER, tensor);
        }
        for (OnnxValueInfo input : inputs) {
            sink.messageField(INPUT, input);
        }
        for (OnnxValueInfo output : outputs) {
            sink.messageField(OUTPUT, output);
        }
    }
}
