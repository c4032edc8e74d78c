package org.mammoembed.dicom.codec;

import com.github.jaiimageio.jpeg2000.impl.J2KImageReaderSpi;
import com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReaderSpi;
import org.mammoembed.dicom.DicomException;
import org.mammoembed.dicom.TransferSyntax;

import java.util.Optional;

/**
 * Benchmark helper: the decoders as they were before our own lossless JPEG decoder and the OpenCV JPEG 2000
 * path (the TwelveMonkeys plugin for lossless JPEG, JJ2000 alone for JPEG 2000, greyscale only), so that
 * {@code DecodeBenchmark} can time before and after side by side in one run. Every other syntax: {@link Codecs}.
 */
public final class PreviousDecoders {
    private PreviousDecoders() {
    }

    /** A drop-in for {@code DicomFileReader.builder().decoders(...)}. */
    public static Optional<FrameDecoder> find(String transferSyntaxUid) {
        if (TransferSyntax.isOneOf(transferSyntaxUid, TransferSyntax.JPEG_LOSSLESS_UID,
                TransferSyntax.JPEG_LOSSLESS_SV1_UID)) {
            return Optional.of(decoder(transferSyntaxUid, (frame, format, ts) -> ImageIoFrames.read(
                    JPEGImageReaderSpi.class, "TwelveMonkeys JPEG", frame, 0, frame.length, format, ts).samples()));
        }
        if (TransferSyntax.isOneOf(transferSyntaxUid, TransferSyntax.JPEG_2000_LOSSLESS_UID,
                TransferSyntax.JPEG_2000_UID)) {
            return Optional.of(decoder(transferSyntaxUid, (frame, format, ts) -> {
                J2kCodestream cs = J2kCodestream.parse(frame, ts);
                return ImageIoFrames.read(J2KImageReaderSpi.class, "JJ2000", frame, cs.offset(), cs.length(),
                        format, ts).samples();
            }));
        }
        return Codecs.find(transferSyntaxUid);
    }

    private interface Samples {
        int[] decode(byte[] frame, PixelFormat format, String ts) throws DicomException;
    }

    private static FrameDecoder decoder(String uid, Samples samples) {
        return new FrameDecoder() {
            @Override
            public boolean supports(String transferSyntaxUid) {
                return transferSyntaxUid.equals(uid);
            }

            @Override
            public DecodedFrame decode(byte[] frame, PixelFormat format, String ts) throws DicomException {
                return new DecodedFrame(samples.decode(frame, format, ts), format.photometric());
            }
        };
    }
}
