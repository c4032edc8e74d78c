/**
 * A minimal writer for the ONNX protobuf format: just enough of {@code onnx.proto} (ModelProto, GraphProto,
 * NodeProto, AttributeProto, TensorProto, ValueInfoProto) to emit convolutional feature extractors in memory,
 * with no protobuf dependency. Internal to mammo-embed (not exported by its module): use {@code OnnxModels}.
 *
 * <p>Every message is a {@link org.mammoembed.embed.internal.onnx.ProtoMessage} that knows how to write its fields to a
 * {@link org.mammoembed.embed.internal.onnx.ProtoSink}; a message's length prefix is obtained by writing it once to a
 * {@link org.mammoembed.embed.internal.onnx.ProtoSizeCounter}, which only adds up lengths (bulk float data is counted in
 * O(1)), so a whole model is serialised in one pass into an exactly sized array or a stream.
 */
package org.mammoembed.embed.internal.onnx;
