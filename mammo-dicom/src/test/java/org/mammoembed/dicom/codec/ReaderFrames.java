package org.mammoembed.dicom.codec;

import org.mammoembed.core.MammoException;
import org.mammoembed.dicom.DicomFileReader;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Test helper: the compressed frame 0 of a file and the pixel format exactly as {@link DicomFileReader} hands
 * them to a codec, captured through its decoder hook, so codec tests see real inputs without splitting
 * fragments themselves.
 */
final class ReaderFrames {
    private ReaderFrames() {
    }

    /** What the reader passed to {@link FrameDecoder#decode}. */
    record Frame(byte[] data, PixelFormat format, String transferSyntaxUid) {
    }

    /**
     * Frame 0 of {@code file}, or empty when the reader refused the file before calling a decoder (or has no
     * decoder for its syntax). The frame is captured, not decoded.
     */
    static Optional<Frame> firstFrame(Path file) {
        AtomicReference<Frame> captured = new AtomicReference<>();
        DicomFileReader reader = DicomFileReader.builder()
                .decoders(ts -> Codecs.find(ts).map(decoder -> capturing(decoder, captured)))
                .build();
        try {
            reader.read(file, 0);
        } catch (MammoException refusedOrCaptured) {
            // the capture, if any, is what matters: the codec under test judges the frame itself
        }
        return Optional.ofNullable(captured.get());
    }

    private static FrameDecoder capturing(FrameDecoder decoder, AtomicReference<Frame> captured) {
        return new FrameDecoder() {
            @Override
            public boolean supports(String transferSyntaxUid) {
                return decoder.supports(transferSyntaxUid);
            }

            @Override
            public DecodedFrame decode(byte[] frame, PixelFormat format, String transferSyntaxUid)
                    throws org.mammoembed.dicom.DicomException {
                captured.compareAndSet(null, new Frame(frame.clone(), format, transferSyntaxUid));
                // the caller decodes the frame itself: stop the reader here rather than decode it twice
                throw org.mammoembed.dicom.DicomException.decode("frame captured for a codec test");
            }
        };
    }
}
