package org.mammoembed.embed.internal.onnx;

import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * An ONNX {@code NodeProto} of the default ({@code ai.onnx}) domain.
 *
 * @param opType the operator, e.g. {@code "Conv"}
 * @param name a name unique within the graph
 * @param inputs value names consumed, in the operator's order
 * @param outputs value names produced
 * @param attributes the operator's attributes
 */
record OnnxNode(String opType, String name, List<String> inputs, List<String> outputs,
                       List<OnnxAttribute> attributes) implements ProtoMessage {
    // NodeProto field numbers (onnx.proto)
    private static final int INPUT = 1;
    private static final int OUTPUT = 2;
    private static final int NAME = 3;
    private static final int OP_TYPE = 4;
    private static final int ATTRIBUTE = 5;

    /** Copies the lists; every argument is required. */
    public OnnxNode {
        Objects.requireNonNull(opType, "opType");
        Objects.requireNonNull(name, "name");
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        attributes = List.copyOf(attributes);
    }

    @Override
    public void writeTo(ProtoSink sink) throws IOException {
        for (String input : inputs) {
            sink.stringField(INPUT, input);
        }
        for (String output : outputs) {
            sink.stringField(OUTPUT, output);
        }
        sink.stringField(NAME, name);
        sink.stringField(OP_TYPE, opType);
        for (OnnxAttribute attribute : attributes) {
            sink.messageField(ATTRIBUTE, attribute);
        }
    }
}
