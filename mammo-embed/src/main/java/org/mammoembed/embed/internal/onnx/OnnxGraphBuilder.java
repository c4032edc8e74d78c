package org.mammoembed.embed.internal.onnx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Accumulates the nodes and initialisers of a feed-forward graph in execution order, naming intermediate
 * values {@code <op>_<n>}. Not thread-safe; {@link #build} snapshots it into an immutable {@link OnnxGraph}.
 */
final class OnnxGraphBuilder {
    private final List<OnnxNode> nodes = new ArrayList<>();
    private final List<OnnxTensor> initializers = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private int counter;

    /** Adds a constant tensor, whose name must be unique in the graph; returns its name. */
    public String initializer(OnnxTensor tensor) {
        claim(tensor.name());
        initializers.add(tensor);
        return tensor.name();
    }

    /**
     * Adds one single-output node.
     *
     * @param opType the operator
     * @param output the output value's name, or {@code null} for a generated one
     * @param inputs the input value names
     * @param attributes the operator's attributes
     * @return the output value's name
     */
    public String node(String opType, String output, List<String> inputs, OnnxAttribute... attributes) {
        String id = opType.toLowerCase() + "_" + counter++;
        String out = output != null ? output : id;
        claim(out);
        nodes.add(new OnnxNode(opType, id, inputs, List.of(out), Arrays.asList(attributes)));
        return out;
    }

    /**
     * A square convolution with bias, symmetric padding, no dilation and one group.
     *
     * @param input the input value
     * @param weight the initialiser name of the [out, in, k, k] kernel
     * @param bias the initialiser name of the [out] bias
     * @param kernel kernel size
     * @param stride stride in both directions
     * @param pad padding on each side
     * @return the output value's name
     */
    public String conv(String input, String weight, String bias, int kernel, int stride, int pad) {
        return node("Conv", null, List.of(input, weight, bias),
                OnnxAttribute.ofInts("dilations", 1, 1),
                OnnxAttribute.ofInt("group", 1),
                OnnxAttribute.ofInts("kernel_shape", kernel, kernel),
                OnnxAttribute.ofInts("pads", pad, pad, pad, pad),
                OnnxAttribute.ofInts("strides", stride, stride));
    }

    /** Element-wise max(x, 0). */
    public String relu(String input) {
        return node("Relu", null, List.of(input));
    }

    /** Element-wise sum. */
    public String add(String a, String b) {
        return node("Add", null, List.of(a, b));
    }

    /** Square max pooling with symmetric padding. */
    public String maxPool(String input, int kernel, int stride, int pad) {
        return node("MaxPool", null, List.of(input),
                OnnxAttribute.ofInt("ceil_mode", 0),
                OnnxAttribute.ofInts("kernel_shape", kernel, kernel),
                OnnxAttribute.ofInts("pads", pad, pad, pad, pad),
                OnnxAttribute.ofInts("strides", stride, stride));
    }

    /** Mean over all spatial positions: [N, C, H, W] to [N, C, 1, 1]. */
    public String globalAveragePool(String input) {
        return node("GlobalAveragePool", null, List.of(input));
    }

    /** Flattens [N, C, 1, 1] to [N, C] ({@code axis} 1) into the value named {@code output}. */
    public String flatten(String input, String output) {
        return node("Flatten", output, List.of(input), OnnxAttribute.ofInt("axis", 1));
    }

    /** The graph so far. */
    public OnnxGraph build(String name, List<OnnxValueInfo> inputs, List<OnnxValueInfo> outputs) {
        return new OnnxGraph(name, nodes, initializers, inputs, outputs);
    }

    private void claim(String name) {
        if (!names.add(name)) {
            throw new IllegalArgumentException("duplicate value name in graph: " + name);
        }
    }
}
