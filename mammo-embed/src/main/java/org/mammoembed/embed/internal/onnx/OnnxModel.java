package org.mammoembed.embed.internal.onnx;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * An ONNX {@code ModelProto}: IR version 7 with the {@code ai.onnx} opset 13 (what ONNX Runtime 1.x and
 * PyTorch 1.13 exports agree on), producer {@code "mammo-embed"}.
 *
 * @param graph the model's graph
 * @param docString a human-readable description stored in the model
 */
public record OnnxModel(OnnxGraph graph, String docString) implements ProtoMessage {
    /** The IR version written. */
    public static final long IR_VERSION = 7;
    /** The ai.onnx opset version imported. */
    public static final long OPSET_VERSION = 13;
    /** The producer name written. */
    public static final String PRODUCER_NAME = "mammo-embed";

    // ModelProto field numbers; OperatorSetIdProto.domain = 1, .version = 2 (onnx.proto)
    private static final int IR_VERSION_FIELD = 1;
    private static final int PRODUCER_NAME_FIELD = 2;
    private static final int DOC_STRING = 6;
    private static final int GRAPH = 7;
    private static final int OPSET_IMPORT = 8;
    private static final int OPSET_VERSION_FIELD = 2;

    /** Both arguments are required. */
    public OnnxModel {
        Objects.requireNonNull(graph, "graph");
        Objects.requireNonNull(docString, "docString");
    }

    @Override
    public void writeTo(ProtoSink sink) throws IOException {
        sink.int64Field(IR_VERSION_FIELD, IR_VERSION);
        sink.stringField(PRODUCER_NAME_FIELD, PRODUCER_NAME);
        sink.stringField(DOC_STRING, docString);
        sink.messageField(GRAPH, graph);
        // the empty domain means the default ai.onnx operator set, so only the version is written
        sink.messageField(OPSET_IMPORT, s -> s.int64Field(OPSET_VERSION_FIELD, OPSET_VERSION));
    }

    /** The serialised model, in one exactly sized array. */
    public byte[] toByteArray() {
        ByteArrayProtoSink sink = new ByteArrayProtoSink((int) ProtoSizeCounter.sizeOf(this));
        try {
            writeTo(sink);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to an array never does I/O", e);
        }
        return sink.toByteArray();
    }

    /** Writes the serialised model to {@code out} (which is flushed, not closed). */
    public void writeTo(OutputStream out) throws IOException {
        BufferedOutputStream buffered = new BufferedOutputStream(out, 1 << 16);
        writeTo(new StreamProtoSink(buffered));
        buffered.flush();
    }

    /** Writes the serialised model to {@code file}, replacing it if it exists. */
    public void writeTo(Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            writeTo(out);
        }
    }
}
