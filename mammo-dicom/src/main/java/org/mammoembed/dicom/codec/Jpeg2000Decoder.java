package org.mammoembed.dicom.codec;

import com.github.jaiimageio.jpeg2000.impl.J2KImageReaderSpi;
import org.mammoembed.core.FrameBuffers;
import org.mammoembed.dicom.DicomException;
import org.mammoembed.dicom.TransferSyntax;

/**
 * JPEG 2000 (1.2.840.10008.1.2.4.90 lossless, .91 lossy) through the jai-imageio JPEG 2000 plugin (JJ2000,
 * under the JJ2000 licence). Accepts raw codestreams, as DICOM stores them, and JP2 files. Signed components
 * come back sign-extended, any bit depth up to 16 (and 1-bit) as coded.
 *
 * <p>Lossless greyscale frames go to OpenCV's OpenJPEG instead when the optional {@code org.openpnp:opencv} jar
 * is on the class path ({@link OpenCvJpeg2000}: same pixels, about twice as fast); JJ2000 stays the fallback.
 *
 * <p>Colour: when the codestream uses the multiple component transform (YBR_ICT / YBR_RCT in DICOM terms),
 * the codec undoes it, so the frame is reported as "RGB"; otherwise as the header says.
 */
public final class Jpeg2000Decoder implements FrameDecoder {
    private static final String PLUGIN = "jai-imageio JPEG 2000";

    @Override
    public boolean supports(String transferSyntaxUid) {
        return TransferSyntax.isOneOf(transferSyntaxUid, TransferSyntax.JPEG_2000_LOSSLESS_UID,
                TransferSyntax.JPEG_2000_UID);
    }

    @Override
    public DecodedFrame decode(byte[] frame, PixelFormat format, String transferSyntaxUid) throws DicomException {
        return decode(frame, format, transferSyntaxUid, null);
    }

    /** A frame OpenCV decodes is copied into {@code buffers}' words (JJ2000's samples are ints). */
    @Override
    public DecodedFrame decode(byte[] frame, PixelFormat format, String transferSyntaxUid, FrameBuffers buffers)
            throws DicomException {
        J2kCodestream cs = J2kCodestream.parse(frame, transferSyntaxUid);
        if (cs.rows() != format.rows() || cs.columns() != format.columns()
                || cs.components() != format.samplesPerPixel()) {
            throw DecodeErrors.corrupt(transferSyntaxUid, "JPEG 2000 image is " + cs.rows() + " rows x "
                    + cs.columns() + " columns x " + cs.components() + " components, but the header says "
                    + format.rows() + " x " + format.columns() + " x " + format.samplesPerPixel());
        }
        if (cs.subsampled()) {
            throw DecodeErrors.corrupt(transferSyntaxUid, "JPEG 2000 components with subsampling (XRsiz/YRsiz "
                    + "other than 1) are not supported");
        }
        if (cs.bitDepth() > 16 && cs.bitDepth() > format.bitsAllocated()) {
            throw DecodeErrors.corrupt(transferSyntaxUid, "JPEG 2000 bit depth " + cs.bitDepth()
                    + " exceeds Bits Allocated " + format.bitsAllocated());
        }
        DecodedFrame viaOpenCv = OpenCvJpeg2000.tryDecode(frame, cs, format, transferSyntaxUid, buffers);
        if (viaOpenCv != null) {
            return viaOpenCv;
        }
        Jj2000Logging.install();
        ImageIoFrames.Result result = ImageIoFrames.read(J2KImageReaderSpi.class, PLUGIN,
                new Jj2000Input(frame, cs.offset(), cs.length()), format, transferSyntaxUid);
        String header = format.photometric() == null ? "" : format.photometric().trim();
        boolean transformed = format.samplesPerPixel() == 3
                && (cs.componentTransform() || header.equals("YBR_ICT") || header.equals("YBR_RCT"));
        return new DecodedFrame(result.samples(), transformed ? "RGB" : format.photometric());
    }
}
