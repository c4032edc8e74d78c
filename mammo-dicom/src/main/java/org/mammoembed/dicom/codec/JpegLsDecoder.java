package org.mammoembed.dicom.codec;

import org.mammoembed.core.FrameBuffers;
import org.mammoembed.dicom.DicomException;
import org.mammoembed.dicom.TransferSyntax;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pure-Java JPEG-LS decoder (ITU-T T.87 / ISO 14495-1) for DICOM's JPEG-LS Lossless and Near-Lossless
 * transfer syntaxes: 2 to 16 bits per sample, any number of components in interleave modes none, line and
 * sample, default or LSE preset coding parameters, and restart markers. Samples come out interleaved in the
 * header's photometric interpretation (JPEG-LS does no colour conversion). Rejected with a {@link
 * DicomException}: mapping tables (LSE ids 2 and 3, which DICOM does not use), HP colour transforms (forbidden
 * by DICOM), point transforms, subsampled components, and any stream that is corrupt or does not match the
 * header.
 */
public final class JpegLsDecoder implements FrameDecoder {
    private static final Logger LOG = LoggerFactory.getLogger(JpegLsDecoder.class);

    @Override
    public boolean supports(String transferSyntaxUid) {
        return TransferSyntax.isOneOf(transferSyntaxUid, TransferSyntax.JPEG_LS_LOSSLESS_UID,
                TransferSyntax.JPEG_LS_NEAR_LOSSLESS_UID);
    }

    @Override
    public DecodedFrame decode(byte[] frame, PixelFormat format, String transferSyntaxUid) throws DicomException {
        return decode(frame, format, transferSyntaxUid, null);
    }

    /** Decodes into {@code buffers}' words. */
    @Override
    public DecodedFrame decode(byte[] frame, PixelFormat format, String transferSyntaxUid, FrameBuffers buffers)
            throws DicomException {
        if (frame == null || format == null) {
            throw DecodeErrors.corrupt(transferSyntaxUid, "no frame data or pixel format");
        }
        DecodeErrors.checkedSampleCount(format, transferSyntaxUid);
        short[] samples;
        try {
            boolean lossless = TransferSyntax.isOneOf(transferSyntaxUid, TransferSyntax.JPEG_LS_LOSSLESS_UID);
            samples = new JpegLsStreamReader(frame, format, lossless, buffers).decode();
        } catch (DicomException e) {
            DicomException named = DecodeErrors.corrupt(transferSyntaxUid, e.getMessage());
            named.initCause(e);
            throw named;
        } catch (RuntimeException e) {
            // a defect of ours on unusual input must still surface as a decode failure of this file
            throw DecodeErrors.fromPlugin(transferSyntaxUid, "JPEG-LS decoding", e);
        }
        return DecodedFrame.ofWords(samples, format.photometric());
    }

    static Logger log() {
        return LOG;
    }
}
