package org.mammoembed.dicom.codec;

import com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReaderSpi;
import org.mammoembed.core.FrameBuffers;
import org.mammoembed.dicom.DicomException;
import org.mammoembed.dicom.TransferSyntax;

import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JPEG Baseline (1.2.840.10008.1.2.4.50), Extended (.51) and Lossless (.57, .70). Lossless JPEG goes to our own
 * {@link LosslessJpegDecoder} (several times faster than the plugin), and to the TwelveMonkeys imageio-jpeg
 * plugin only for the forms ours leaves alone (subsampled components, DNL, restart intervals that are not whole
 * lines). DCT streams go to the TwelveMonkeys plugin, which hands them to the JDK's libjpeg-based reader. The
 * JDK cannot decode 12-bit DCT JPEG, so 12-bit sequential streams (process 4) go to our own
 * {@link SequentialDctDecoder}; 12-bit progressive streams are refused with a specific error.
 *
 * <p>Streams are first repaired as libjpeg reads them ({@link JpegStreamRepair}: a missing EOI, an APPn or COM
 * segment with a bad length), logged at INFO; truncated scan data is still refused.
 *
 * <p>Colour: the plugin's raster holds the components as coded, without colour conversion and already
 * upsampled, so a YCbCr stream is reported as "YBR_FULL" (full-range, as JPEG codes it) for the reader to
 * convert, and anything else as the header says. See {@link JpegHeader#isYCbCr} for how YCbCr is recognised.
 */
public final class JpegDecoder implements FrameDecoder {
    private static final Logger LOG = LoggerFactory.getLogger(JpegDecoder.class);
    private static final String PLUGIN = "TwelveMonkeys JPEG";

    @Override
    public boolean supports(String transferSyntaxUid) {
        return TransferSyntax.isOneOf(transferSyntaxUid, TransferSyntax.JPEG_BASELINE_UID,
                TransferSyntax.JPEG_EXTENDED_UID, TransferSyntax.JPEG_LOSSLESS_UID, TransferSyntax.JPEG_LOSSLESS_SV1_UID);
    }

    @Override
    public DecodedFrame decode(byte[] frame, PixelFormat format, String transferSyntaxUid) throws DicomException {
        return decode(frame, format, transferSyntaxUid, null);
    }

    /** Lossless streams that our decoder takes are decoded into {@code buffers}' words. */
    @Override
    public DecodedFrame decode(byte[] frame, PixelFormat format, String transferSyntaxUid, FrameBuffers buffers)
            throws DicomException {
        JpegStreamRepair.Result repair = JpegStreamRepair.repair(frame);
        if (repair.repaired()) {
            LOG.info("{}: JPEG stream repaired before decoding, as libjpeg reads it ({})",
                    TransferSyntax.describe(transferSyntaxUid), String.join("; ", repair.repairs()));
        }
        byte[] stream = repair.stream();
        JpegHeader header = JpegHeader.parse(stream, transferSyntaxUid);
        checkSupported(header, transferSyntaxUid);
        if (header.rows() != format.rows() || header.columns() != format.columns()
                || header.components() != format.samplesPerPixel()) {
            throw DecodeErrors.corrupt(transferSyntaxUid, "JPEG frame is " + header.rows() + " rows x "
                    + header.columns() + " columns x " + header.components() + " components, but the header says "
                    + format.rows() + " x " + format.columns() + " x " + format.samplesPerPixel());
        }
        DecodeErrors.checkedSampleCount(format, transferSyntaxUid);
        String photometric = header.components() == 3 && header.isYCbCr(format.photometric())
                ? "YBR_FULL" : format.photometric();
        if (header.sofMarker() == JpegHeader.SOF_LOSSLESS) {
            return decodeLossless(stream, header, repair.eoiAppended(), format, transferSyntaxUid, photometric,
                    buffers);
        }
        int[] samples = isTwelveBitSequential(header) ? SequentialDctDecoder.decode(stream, transferSyntaxUid)
                : decodeWithPlugin(stream, format, transferSyntaxUid, repair.eoiAppended());
        return new DecodedFrame(samples, photometric);
    }

    private static DecodedFrame decodeLossless(byte[] stream, JpegHeader header, boolean eoiAppended,
                                               PixelFormat format, String ts, String photometric,
                                               FrameBuffers buffers) throws DicomException {
        try {
            return DecodedFrame.ofWords(LosslessJpegDecoder.decode(stream, header, ts, buffers), photometric);
        } catch (LosslessJpegDecoder.NotHandled e) {
            LOG.debug("{}: lossless JPEG with {}: decoded by {}", TransferSyntax.describe(ts), e.getMessage(),
                    PLUGIN);
        }
        if (eoiAppended) {
            // the plugin's lossless decoder does not report a truncated scan: without EOI we cannot tell
            throw DecodeErrors.corrupt(ts, "JPEG stream has no EOI marker at its end (truncated)");
        }
        return new DecodedFrame(decodeWithPlugin(stream, format, ts, false), photometric);
    }

    private static boolean isTwelveBitSequential(JpegHeader header) {
        return header.precision() == 12
                && (header.sofMarker() == JpegHeader.SOF_BASELINE || header.sofMarker() == JpegHeader.SOF_EXTENDED);
    }

    private static int[] decodeWithPlugin(byte[] frame, PixelFormat format, String ts, boolean eoiAppended)
            throws DicomException {
        ImageIoFrames.Result result = ImageIoFrames.read(JPEGImageReaderSpi.class, PLUGIN, frame, 0, frame.length,
                format, ts);
        for (String warning : result.warnings()) {
            // libjpeg fills a truncated scan with grey and only warns; that is a corrupt frame for us
            if (warning.toLowerCase(Locale.ROOT).contains("premature end")) {
                throw DecodeErrors.corrupt(ts, "JPEG data ends early (" + warning + ")"
                        + (eoiAppended ? ": truncated, the stream has no EOI marker either" : ""));
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
