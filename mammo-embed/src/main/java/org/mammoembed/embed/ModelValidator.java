package org.mammoembed.embed;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import ai.onnxruntime.ValueInfo;
import java.util.Arrays;
import java.util.Map;

/**
 * Checks that an ONNX model is an image embedding backbone that fits the preprocessing: one float NCHW input
 * with the preprocessing's channels (and size, when the model declares it), one float output {@code [N,D]} or
 * {@code [N,D,1,1]}, and not an ImageNet classifier.
 */
final class ModelValidator {

    /** Output size of an ImageNet classification head: almost surely a model exported with its fc layer. */
    static final int IMAGENET_CLASSES = 1000;

    static final String EXPORT_HINT = "export the backbone instead: replace the classifier by an identity "
            + "(torchvision: model.fc = torch.nn.Identity()), as examples/export_resnet50.py does";

    private ModelValidator() {
    }

    /**
     * @param dimensionProbe called to learn D by running the model once when the output declares it symbolic;
     *                       gets the validated signature with {@code dimension == -1}
     */
    static ModelSignature validate(OrtSession session, ImagePreprocessor pre, int batchSize,
                                   DimensionProbe dimensionProbe) throws ModelException {
        try {
            return check(session.getInputInfo(), session.getOutputInfo(), pre, batchSize, dimensionProbe);
        } catch (OrtException e) {
            throw new ModelException("cannot read the model's inputs and outputs: " + e.getMessage(), e);
        }
    }

    /** Learns the output length by running the model once. */
    @FunctionalInterface
    interface DimensionProbe {
        int dimension(ModelSignature partial) throws ModelException;
    }

    private static ModelSignature check(Map<String, NodeInfo> inputs, Map<String, NodeInfo> outputs,
                                        ImagePreprocessor pre, int batchSize, DimensionProbe probe)
            throws ModelException {
        if (inputs.size() != 1) {
            throw new ModelException("the model must have exactly one input (an image batch N x "
                    + pre.channels() + " x H x W), it has " + inputs.size() + ": " + inputs.keySet());
        }
        NodeInfo in = inputs.values().iterator().next();
        long[] ishape = floatTensorShape(in, "input");
        if (ishape.length != 4) {
            throw new ModelException("the model input '" + in.getName() + "' must have rank 4 (N,C,H,W), it has shape "
                    + Arrays.toString(ishape));
        }
        if (ishape[1] != pre.channels()) {
            throw new ModelException("the model input '" + in.getName() + "' must be NCHW with " + pre.channels()
                    + " channels, its shape is " + Arrays.toString(ishape)
                    + (ishape[3] == pre.channels() ? " (this looks like NHWC; export the model in NCHW)"
                    : ishape[1] == 1 && pre instanceof Preprocessing p
                    ? ": for a 1-channel backbone use Preprocessing.builder(recipe).channels(1) (or leave the "
                            + "preprocessing unset: the default then adapts)" : ""));
        }
        if ((ishape[2] > 0 && ishape[2] != pre.height()) || (ishape[3] > 0 && ishape[3] != pre.width())) {
            throw new ModelException("the model input '" + in.getName() + "' is " + ishape[2] + "x" + ishape[3]
                    + " (HxW) but the preprocessing makes " + pre.height() + "x" + pre.width()
                    + ": configure the preprocessing size to " + ishape[2] + "x" + ishape[3]);
        }
        if (ishape[0] > 0 && ishape[0] != batchSize) {
            throw new ModelException("the model input '" + in.getName() + "' has a fixed batch size of " + ishape[0]
                    + " but batchSize is " + batchSize + ": set batchSize(" + ishape[0]
                    + ") or export the model with a dynamic batch axis");
        }
        if (outputs.size() != 1) {
            throw new ModelException("the model must have exactly one output (the embedding, [N,D]), it has "
                    + outputs.size() + ": " + outputs.keySet());
        }
        NodeInfo out = outputs.values().iterator().next();
        long[] oshape = floatTensorShape(out, "output");
        boolean flat = oshape.length == 2;
        boolean pooled = oshape.length == 4 && oshape[2] == 1 && oshape[3] == 1;
        if (!flat && !pooled) {
            throw new ModelException("the model output '" + out.getName() + "' must be [N,D] or [N,D,1,1], it is "
                    + Arrays.toString(oshape) + ": export the pooled features (after global average pooling)");
        }
        ModelSignature sig = new ModelSignature(in.getName(), out.getName(), ishape[0], ishape[1], ishape[2],
                ishape[3], (int) oshape[1], oshape.length);
        if (oshape[1] <= 0) {
            sig = withDimension(sig, probe.dimension(sig));
        }
        if (sig.dimension() == IMAGENET_CLASSES) {
            throw new ModelException("the model output '" + out.getName() + "' has " + IMAGENET_CLASSES
                    + " values per image: it looks like an ImageNet classifier, not a feature extractor; "
                    + EXPORT_HINT);
        }
        return sig;
    }

    /** The signature with the output length that a run of the model reported. */
    static ModelSignature withDimension(ModelSignature s, int dimension) throws ModelException {
        if (dimension <= 0) {
            throw new ModelException("the model output '" + s.outputName() + "' is empty");
        }
        return new ModelSignature(s.inputName(), s.outputName(), s.batch(), s.channels(), s.height(), s.width(),
                dimension, s.outputRank());
    }

    private static long[] floatTensorShape(NodeInfo node, String what) throws ModelException {
        ValueInfo info = node.getInfo();
        if (!(info instanceof TensorInfo t)) {
            throw new ModelException("the model " + what + " '" + node.getName() + "' must be a tensor, it is " + info);
        }
        if (t.type != OnnxJavaType.FLOAT) {
            throw new ModelException("the model " + what + " '" + node.getName() + "' must be float32, it is "
                    + t.type);
        }
        return t.getShape();
    }
}
