package org.mammoembed.embed.internal.onnx;

import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * An ONNX {@code ValueInfoProto} for a FLOAT tensor (graph input or output): name and shape, each dimension
 * either fixed or symbolic.
 *
 * @param name the value's name
 * @param dims the shape
 */
record OnnxValueInfo(String name, List<Dim> dims) implements ProtoMessage {
    // ValueInfoProto.name = 1, .type = 2; TypeProto.tensor_type = 1; TypeProto.Tensor.elem_type = 1, .shape = 2;
    // TensorShapeProto.dim = 1; Dimension.dim_value = 1, .dim_param = 2 (onnx.proto)
    private static final int NAME = 1;
    private static final int TYPE = 2;
    private static final int TENSOR_TYPE = 1;
    private static final int ELEM_TYPE = 1;
    private static final int SHAPE = 2;
    private static final int DIM = 1;
    private static final int DIM_VALUE = 1;
    private static final int DIM_PARAM = 2;

    /**
     * One dimension: a fixed size, or a symbolic name such as {@code "batch"} for a size chosen at run time.
     *
     * @param value the size, or -1 when symbolic
     * @param param the symbolic name, or {@code null} when fixed
     */
    public record Dim(long value, String param) implements ProtoMessage {
        /** Checks that exactly one of a size >= 0 or a name is given. */
        public Dim {
            if (param == null ? value < 0 : value != -1) {
                throw new IllegalArgumentException(param == null ? "dimension must be >= 0, got " + value
                        : "symbolic dimension " + param + " must have value -1, got " + value);
            }
        }

        /** A fixed dimension. */
        public static Dim fixed(long value) {
            return new Dim(value, null);
        }

        /** A symbolic dimension. */
        public static Dim symbolic(String param) {
            return new Dim(-1, Objects.requireNonNull(param, "param"));
        }

        @Override
        public void writeTo(ProtoSink sink) throws IOException {
            if (param != null) {
                sink.stringField(DIM_PARAM, param);
            } else {
                sink.int64Field(DIM_VALUE, value);
            }
        }
    }

    /** Copies the list. */
    public OnnxValueInfo {
        Objects.requireNonNull(name, "name");
        dims = List.copyOf(dims);
    }

    @Override
    public void writeTo(ProtoSink sink) throws IOException {
        sink.stringField(NAME, name);
        ProtoMessage shape = s -> {
            for (Dim dim : dims) {
                s.messageField(DIM, dim);
            }
        };
        ProtoMessage tensorType = s -> {
            s.int64Field(ELEM_TYPE, OnnxTensor.FLOAT);
            s.messageField(SHAPE, shape);
        };
        sink.messageField(TYPE, s -> s.messageField(TENSOR_TYPE, tensorType));
    }
}
