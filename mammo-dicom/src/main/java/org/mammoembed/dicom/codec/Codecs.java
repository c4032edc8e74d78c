package org.mammoembed.dicom.codec;

import java.util.Optional;

/** Finds the frame decoder for a transfer syntax. (Stub: codecs being written.) */
public final class Codecs {
    private Codecs() {
    }

    /** The decoder for an encapsulated transfer syntax, or empty when mammo-embed cannot decode it. */
    public static Optional<FrameDecoder> find(String transferSyntaxUid) {
        return Optional.empty();
    }
}
