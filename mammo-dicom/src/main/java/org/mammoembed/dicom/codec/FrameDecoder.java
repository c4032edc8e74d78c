package org.mammoembed.dicom.codec;

import org.mammoembed.core.FrameBuffers;
import org.mammoembed.dicom.DicomException;

/**
 * Decodes one encapsulated frame (PS3.5 A.4) of one family of transfer syntaxes. Implementations are
 * stateless and thread-safe. The reader has already joined the fragments that make up the frame.
 */
public interface FrameDecoder {

    /** Whether this decoder handles the transfer syntax. */
    boolean supports(String transferSyntaxUid);

    /**
     * @param frame              the frame's compressed bytes
     * @param format             the header's pixel description
     * @param transferSyntaxUid  the file's transfer syntax
     * @throws DicomException    (stage DECODE) for corrupt or unsupported streams, naming the transfer syntax
     */
    DecodedFrame decode(byte[] frame, PixelFormat format, String transferSyntaxUid) throws DicomException;

    /**
     * {@link #decode(byte[], PixelFormat, String)}, with the arrays of a frame delivered as 16-bit words taken
     * from {@code buffers} (null: new ones), so that a run that recycles its images allocates each frame-sized
     * array once. A decoder that takes an array writes every element of it (a recycled array holds the last
     * image's samples) and keeps no reference to it once it returns (the run lends it out again). The default
     * ignores {@code buffers}.
     */
    default DecodedFrame decode(byte[] frame, PixelFormat format, String transferSyntaxUid, FrameBuffers buffers)
            throws DicomException {
        return decode(frame, format, transferSyntaxUid);
    }
}
