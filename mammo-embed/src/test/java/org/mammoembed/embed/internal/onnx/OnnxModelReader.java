package org.mammoembed.embed.internal.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test-only ONNX parser, written from onnx.proto independently of the writer, reading what the tests inspect:
 * model header, nodes with int/ints/float attributes, initialisers (raw_data or float_data), graph inputs and
 * outputs. Accepts packed and unpacked repeated int64, as any protobuf parser must.
 */
public final class OnnxModelReader {

    /** A parsed model. */
    public record Model(long irVersion, String producerName, Map<String, Long> opsets, List<Node> nodes,
                        Map<String, Tensor> initializers, List<Value> inputs, List<Value> outputs) {
        /** Number of nodes of {@code opType}. */
        public long count(String opType) {
            return nodes.stream().filter(n -> n.opType().equals(opType)).count();
        }
    }

    /** A node; {@code ints} holds INT (as one value) and INTS attributes, {@code floats} FLOAT ones. */
    public record Node(String opType, List<String> inputs, List<String> outputs, Map<String, long[]> ints,
                       Map<String, Float> floats) {
    }

    /** An initialiser; {@code floats} is null unless its type is FLOAT. */
    public record Tensor(String name, long[] dims, int dataType, float[] floats) {
    }

    /** A graph input or output: name, element type and dims as text (a number or a symbolic name). */
    public record Value(String name, int elemType, List<String> dims) {
    }

    private final ByteBuffer buf;

    private OnnxModelReader(ByteBuffer buf) {
        this.buf = buf.order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Parses a serialised ModelProto. */
    public static Model parse(byte[] bytes) {
        return new OnnxModelReader(ByteBuffer.wrap(bytes)).model();
    }

    // ---- wire format ----

    private long varint() {
        long result = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = buf.get();
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
    }

    /** One field: number, wire type, and for length-delimited fields the slice it occupies. */
    private record Field(int number, int wire, long value, ByteBuffer slice) {
    }

    private List<Field> fields(ByteBuffer message) {
        OnnxModelReader r = new OnnxModelReader(message.duplicate());
        List<Field> out = new ArrayList<>();
        while (r.buf.hasRemaining()) {
            long key = r.varint();
            int number = (int) (key >>> 3);
            int wire = (int) (key & 7);
            switch (wire) {
                case 0 -> out.add(new Field(number, wire, r.varint(), null));
                case 1 -> out.add(new Field(number, wire, r.buf.getLong(), null));
                case 5 -> out.add(new Field(number, wire, r.buf.getInt() & 0xFFFFFFFFL, null));
                case 2 -> {
                    int length = (int) r.varint();
                    ByteBuffer slice = r.buf.slice(r.buf.position(), length).order(ByteOrder.LITTLE_ENDIAN);
                    r.buf.position(r.buf.position() + length);
                    out.add(new Field(number, wire, length, slice));
                }
                default -> throw new IllegalArgumentException("unsupported wire type " + wire);
            }
        }
        return out;
    }

    private static String text(Field f) {
        byte[] bytes = new byte[f.slice().remaining()];
        f.slice().duplicate().get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Values of a repeated int64 field, whichever encoding each occurrence used. */
    private long[] int64s(List<Field> fields, int number) {
        List<Long> values = new ArrayList<>();
        for (Field f : fields) {
            if (f.number() != number) {
                continue;
            }
            if (f.wire() == 0) {
                values.add(f.value());
            } else {
                OnnxModelReader packed = new OnnxModelReader(f.slice().duplicate());
                while (packed.buf.hasRemaining()) {
                    values.add(packed.varint());
                }
            }
        }
        return values.stream().mapToLong(Long::longValue).toArray();
    }

    // ---- messages (field numbers from onnx.proto) ----

    private Model model() {
        long ir = 0;
        String producer = null;
        Map<String, Long> opsets = new LinkedHashMap<>();
        List<Field> graph = List.of();
        for (Field f : fields(buf)) {
            switch (f.number()) {
                case 1 -> ir = f.value();
                case 2 -> producer = text(f);
                case 7 -> graph = fields(f.slice());
                case 8 -> {
                    String domain = "";
                    long version = 0;
                    for (Field o : fields(f.slice())) {
                        if (o.number() == 1) {
                            domain = text(o);
                        } else if (o.number() == 2) {
                            version = o.value();
                        }
                    }
                    opsets.put(domain, version);
                }
                default -> { }
            }
        }
        List<Node> nodes = new ArrayList<>();
        Map<String, Tensor> initializers = new LinkedHashMap<>();
        List<Value> inputs = new ArrayList<>();
        List<Value> outputs = new ArrayList<>();
        for (Field f : graph) {
            switch (f.number()) {
                case 1 -> nodes.add(node(f.slice()));
                case 5 -> {
                    Tensor t = tensor(f.slice());
                    initializers.put(t.name(), t);
                }
                case 11 -> inputs.add(value(f.slice()));
                case 12 -> outputs.add(value(f.slice()));
                default -> { }
            }
        }
        return new Model(ir, producer, opsets, nodes, initializers, inputs, outputs);
    }

    private Node node(ByteBuffer message) {
        String op = null;
        List<String> in = new ArrayList<>();
        List<String> out = new ArrayList<>();
        Map<String, long[]> ints = new LinkedHashMap<>();
        Map<String, Float> floats = new LinkedHashMap<>();
        for (Field f : fields(message)) {
            switch (f.number()) {
                case 1 -> in.add(text(f));
                case 2 -> out.add(text(f));
                case 4 -> op = text(f);
                case 5 -> {
                    List<Field> attr = fields(f.slice());
                    String name = attr.stream().filter(a -> a.number() == 1).map(OnnxModelReader::text)
                            .findFirst().orElseThrow();
                    long type = attr.stream().filter(a -> a.number() == 20).mapToLong(Field::value).findFirst()
                            .orElseThrow();
                    if (type == 1) {
                        floats.put(name, Float.intBitsToFloat((int) attr.stream().filter(a -> a.number() == 2)
                                .mapToLong(Field::value).findFirst().orElseThrow()));
                    } else if (type == 2) {
                        ints.put(name, int64s(attr, 3));
                    } else if (type == 7) {
                        ints.put(name, int64s(attr, 8));
                    }
                }
                default -> { }
            }
        }
        return new Node(op, in, out, ints, floats);
    }

    private Tensor tensor(ByteBuffer message) {
        List<Field> fs = fields(message);
        long[] dims = int64s(fs, 1);
        int type = 0;
        String name = null;
        float[] floats = null;
        for (Field f : fs) {
            if (f.number() == 2) {
                type = (int) f.value();
            } else if (f.number() == 8) {
                name = text(f);
            } else if (f.number() == 9 && type == OnnxTensor.FLOAT) {
                floats = new float[f.slice().remaining() / 4];
                f.slice().duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(floats);
            } else if (f.number() == 4 && f.wire() == 2) {
                floats = new float[f.slice().remaining() / 4];
                f.slice().duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(floats);
            }
        }
        return new Tensor(name, dims, type, floats);
    }

    private Value value(ByteBuffer message) {
        String name = null;
        int elemType = 0;
        List<String> dims = new ArrayList<>();
        for (Field f : fields(message)) {
            if (f.number() == 1) {
                name = text(f);
            } else if (f.number() == 2) {
                for (Field typeField : fields(f.slice())) {
                    if (typeField.number() != 1) {
                        continue;
                    }
                    for (Field tensorField : fields(typeField.slice())) {
                        if (tensorField.number() == 1) {
                            elemType = (int) tensorField.value();
                        } else if (tensorField.number() == 2) {
                            for (Field dim : fields(tensorField.slice())) {
                                Field d = fields(dim.slice()).get(0);
                                dims.add(d.number() == 1 ? Long.toString(d.value()) : text(d));
                            }
                        }
                    }
                }
            }
        }
        return new Value(name, elemType, dims);
    }
}
