package org.mammoembed.dicom.codec;

import org.mammoembed.dicom.TransferSyntax;

import java.util.List;
import java.util.Optional;

/**
 * Finds the frame decoder for an encapsulated transfer syntax.
 *
 * <p>Supported (frame decoded to stored values):
 * <ul>
 *   <li>RLE Lossless, 1.2.840.10008.1.2.5: {@link RleDecoder}, our own (Bits Allocated 8/16/32, 1 or 3
 *       samples).</li>
 *   <li>JPEG Baseline .4.50, JPEG Extended .4.51, JPEG Lossless .4.57 and .4.70 (2 to 16 bits):
 *       {@link JpegDecoder}, through the TwelveMonkeys imageio-jpeg plugin; 12-bit sequential DCT streams
 *       (which the JDK cannot decode) with our own {@link SequentialDctDecoder}. 12-bit progressive and
 *       arithmetic-coded or hierarchical JPEG are refused with a specific error.</li>
 *   <li>JPEG 2000 .4.90 (lossless) and .4.91: {@link Jpeg2000Decoder}, through the jai-imageio JPEG 2000
 *       plugin (JJ2000).</li>
 *   <li>JPEG-LS .4.80 and .4.81: {@link JpegLsDecoder}, our own (ITU-T T.87, lossless and near-lossless).</li>
 * </ul>
 * Everything else (JPEG 2000 Part 2 .4.92/.4.93, HTJ2K .4.201/.4.202/.4.203, JPEG XL .4.110/.4.111/.4.112,
 * JPIP, MPEG-2/MPEG-4/HEVC video, Deflated Image Frame Compression 1.2.8.1) is not supported: {@link #find}
 * returns empty and the reader reports the file as undecodable, naming the syntax
 * ({@link TransferSyntax#describe(String)}).
 */
public final class Codecs {
    private static final List<FrameDecoder> DECODERS = List.of(
            new RleDecoder(),
            new JpegDecoder(),
            new Jpeg2000Decoder(),
            new JpegLsDecoder()
    );

    private Codecs() {
    }

    /** The decoder for an encapsulated transfer syntax, or empty when mammo-embed cannot decode it. */
    public static Optional<FrameDecoder> find(String transferSyntaxUid) {
        if (transferSyntaxUid == null) {
            return Optional.empty();
        }
        String uid = TransferSyntax.stripPadding(transferSyntaxUid);
        for (FrameDecoder decoder : DECODERS) {
            if (decoder.supports(uid)) {
                return Optional.of(decoder);
            }
        }
        return Optional.empty();
    }
}
