package org.mammoembed.dicom.codec;

import org.mammoembed.core.internal.MessageText;
import org.mammoembed.core.Stage;
import org.mammoembed.dicom.DicomException;
import org.mammoembed.dicom.TransferSyntax;

/**
 * The one place that turns decoding problems into {@link DicomException}s (stage DECODE) whose message starts
 * with the transfer syntax, so every codec reports failures the same way.
 */
final class DecodeErrors {
    /** Largest Java array; frames with more samples cannot be held in a {@link DecodedFrame}. */
    static final long MAX_SAMPLES = Integer.MAX_VALUE - 8;

    private DecodeErrors() {
    }

    /** A stream that is corrupt, truncated, or disagrees with the header. */
    static DicomException corrupt(String transferSyntaxUid, String detail) {
        return DicomException.decode(TransferSyntax.describe(transferSyntaxUid) + ": " + detail);
    }

    /**
     * A failure thrown by a plugin. Errors that mean the JVM itself is broken (other than running out of
     * memory or stack, which a huge or deeply nested corrupt stream can cause) are rethrown.
     */
    static DicomException fromPlugin(String transferSyntaxUid, String what, Throwable failure) {
        if (failure instanceof VirtualMachineError
                && !(failure instanceof OutOfMemoryError) && !(failure instanceof StackOverflowError)) {
            throw (VirtualMachineError) failure;
        }
        String reason = failure.getMessage() == null ? failure.getClass().getSimpleName()
                : failure.getClass().getSimpleName() + ": " + MessageText.bounded(failure.getMessage(), 200);
        return new DicomException(Stage.DECODE,
                TransferSyntax.describe(transferSyntaxUid) + ": " + what + " failed (" + reason + ")", failure);
    }

    /** Refuses formats whose frame cannot be held in one array, before anything is allocated. */
    static int checkedSampleCount(PixelFormat format, String transferSyntaxUid) throws DicomException {
        if (format.rows() <= 0 || format.columns() <= 0 || format.samplesPerPixel() <= 0) {
            throw corrupt(transferSyntaxUid, "invalid frame size " + format.rows() + " x " + format.columns()
                    + " x " + format.samplesPerPixel() + " samples");
        }
        long samples = format.samplesPerFrame();
        if (samples > MAX_SAMPLES) {
            throw corrupt(transferSyntaxUid, "frame of " + format.rows() + " x " + format.columns() + " x "
                    + format.samplesPerPixel() + " samples is too large to decode");
        }
        return (int) samples;
    }
}
