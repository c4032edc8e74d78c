package org.mammoembed.embed.internal.onnx;

import java.io.IOException;

/** A protobuf message that can write its own fields (not its tag or length prefix) to a {@link ProtoSink}. */
@FunctionalInterface
interface ProtoMessage {

    /**
     * Writes this message's fields, in field order, to {@code sink}. Must write the same bytes every time it is
     * called, because the enclosing message computes the length prefix by a first, counting call.
     *
     * @param sink where the encoded fields go
     * @throws IOException if the sink's underlying stream fails
     */
    void writeTo(ProtoSink sink) throws IOException;
}
