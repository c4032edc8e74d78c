package org.mammoembed.dicom.codec;

import com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReaderSpi;
import org.mammoembed.dicom.DicomException;
import org.mammoembed.dicom.TransferSyntax;

import java.util.Locale;

/**
 * JPEG Baseline (1.2.840.10008.1.2.4.50), Extended (.51) and Lossless (.57, .70), through the TwelveMonkeys
 * imageio-jpeg plugin, which decodes lossless JPEG itself and hands DCT streams to the JDK's libjpeg-based
 * reader. The JDK cannot decode 12-bit DCT JPEG, so 12-bit sequential streams (process 4) go to our own
 * {@link SequentialDctDecoder}; 12-bit progressive streams are refused with a specific error.
 *
 * <p>Colour: the plugin's raster holds the components as coded, without colour conversion and already
 * upsampled, so a YCbCr stream is reported as "YBR_FULL" (full-range, as JPEG codes it) for the reader to
 * convert, and anything else as the header says. See {@link JpegHeader#isYCbCr} for how YCbCr is recognised.
 */
public final class JpegDecoder implements FrameDecoder {
    private static final String PLUGIN = "TwelveMonkeys JPEG";

    @Override
    public boolean supports(String transferSyntaxUid) {
        return TransferSyntax.isOneOf(transferSyntaxUid, TransferSyntax.JPEG_BASELINE_UID,
                TransferSyntax.JPEG_EXTENDED_UID, TransferSyntax.JPEG_LOSSLESS_UID, TransferSyntax.JPEG_LOSSLESS_SV1_UID);
    }

    @Override
    public DecodedFrame decode(byte[] frame, PixelFormat format, String transferSyntaxUid) throws DicomException {
        JpegHeader header = JpegHeader.parse(frame, transferSyntaxUid);
        checkSupported(header, transferSyntaxUid);
        if (header.rows() != format.rows() || header.columns() != format.columns()
                || header.components() != format.samplesPerPixel()) {
            throw DecodeErrors.corrupt(transferSyntaxUid, "JPEG frame is " + header.rows() + " rows x "
                    + header.columns() + " columns x " + header.components() + " components, but the header says "
                    + format.rows() + " x " + format.columns() + " x " + format.samplesPerPixel());
        }
        if (!header.endsWithEoi()) {
            throw DecodeErrors.corrupt(transferSyntaxUid, "JPEG stream has no EOI marker at its end (truncated)");
        }
        int[] samples = isTwelveBitSequential(header) ? SequentialDctDecoder.decode(frame, transferSyntaxUid)
                : decodeWithPlugin(frame, format, transferSyntaxUid);
        String photometric = header.components() == 3 && header.isYCbCr(format.photometric())
                ? "YBR_FULL" : format.photometric();
        return new DecodedFrame(samples, photometric);
    }

    private static boolean isTwelveBitSequential(JpegHeader header) {
        return header.precision() == 12
                && (header.sofMarker() == JpegHeader.SOF_BASELINE || header.sofMarker() == JpegHeader.SOF_EXTENDED);
    }

    private static int[] decodeWithPlugin(byte[] frame, PixelFormat format, String ts) throws DicomException {
        ImageIoFrames.Result result = ImageIoFrames.read(JPEGImageReaderSpi.class, PLUGIN, frame, 0, frame.length,
                format, ts);
        for (String warning : result.warnings()) {
            // libjpeg fills a truncated scan with grey and only warns; that is a corrupt frame for us
            if (warning.toLowerCase(Locale.ROOT).contains("premature end")) {
                throw DecodeErrors.corrupt(ts, "JPEG data ends early (" + warning + ")");
            }
        }
        return result.samples();
    }

    private static void checkSupported(JpegHeader header, String ts) throws DicomException {
        int sof = header.sofMarker();
        String process = String.format(Locale.ROOT, "SOF marker 0xFF%02X", sof);
        if (sof == JpegHeader.SOF_LOSSLESS) {
            if (header.precision() < 2 || header.precision() > 16) {
                throw DecodeErrors.corrupt(ts, "lossless JPEG precision " + header.precision()
                        + " is outside 2..16 bits");
            }
            return;
        }
        if (sof != JpegHeader.SOF_BASELINE && sof != JpegHeader.SOF_EXTENDED && sof != JpegHeader.SOF_PROGRESSIVE) {
            throw DecodeErrors.corrupt(ts, "JPEG " + process
                    + " (hierarchical or arithmetic-coded process) is not supported");
        }
        if (header.precision() == 12 && sof == JpegHeader.SOF_PROGRESSIVE) {
            throw DecodeErrors.corrupt(ts, "12-bit progressive JPEG (" + process + ") is not supported");
        }
        if (header.precision() != 8 && header.precision() != 12) {
            throw DecodeErrors.corrupt(ts, "DCT JPEG precision " + header.precision() + " (" + process
                    + ") is invalid: 8 or 12 bits");
        }
    }
}
