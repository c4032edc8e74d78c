package org.mammoembed.dicom.codec;

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
}
