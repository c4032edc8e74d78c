package org.mammoembed.embed;

import org.mammoembed.core.MammoException;
import org.mammoembed.core.Stage;

/**
 * The network cannot be used: the model file is missing or not ONNX, its inputs or outputs do not fit an image
 * embedding (see {@link EmbeddingExtractorBuilder#build()}), or the requested device cannot run it. The message
 * says what is wrong and how to fix it. Stage {@link Stage#INFER}.
 */
public class ModelException extends MammoException {
    private static final long serialVersionUID = 1L;

    public ModelException(String message) {
        super(Stage.INFER, message);
    }

    public ModelException(String message, Throwable cause) {
        super(Stage.INFER, message, cause);
    }
}
