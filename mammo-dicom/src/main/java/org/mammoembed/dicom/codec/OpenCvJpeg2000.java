package org.mammoembed.dicom.codec;

import static org.mammoembed.dicom.codec.BigEndian.u16;

import org.mammoembed.core.FrameBuffers;
import org.mammoembed.core.NativeLoads;
import org.mammoembed.dicom.TransferSyntax;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The optional fast path of {@link Jpeg2000Decoder}: OpenCV's JPEG 2000 decoder (OpenJPEG inside, native), used
 * when the {@code org.openpnp:opencv} jar is on the class path, its native library loads, and the frame is one
 * whose pixels cannot depend on the decoder: a lossless (1.2.840.10008.1.2.4.90) codestream with the reversible
 * 5/3 wavelet, one unsigned component of 8 to 16 bits. Anything else, and any frame OpenCV does not decode to the
 * expected size and type, goes to the pure-Java JJ2000 path as before, so decode results never depend on whether
 * OpenCV is present. Lossy (9/7) streams stay with JJ2000 because the two decoders round differently.
 *
 * <p>Off with {@code -Dmammo.opencv=false}. The codestream is handed over inside a minimal JP2 wrapper that
 * declares it greyscale, so that OpenCV does not print its "unknown colour space" warning to stderr. OpenCV prints
 * its own errors for streams it cannot read (the frame then falls back to JJ2000); {@code OPENCV_LOG_LEVEL=SILENT}
 * in the environment silences them.
 *
 * <p>OpenJPEG decodes a frame on one thread unless the process's environment sets {@code OPJ_NUM_THREADS} (read by
 * OpenJPEG itself, which a Java program cannot set for its own process): with {@code OPJ_NUM_THREADS=2} a
 * 3328 x 2560 mammogram took about two thirds of the wall time on 2 cores (measured, README). A run with as many
 * decode workers as cores gains nothing from it; one image at a time does.
 */
final class OpenCvJpeg2000 {
    /** System property: "false" keeps every frame on JJ2000. */
    static final String PROPERTY = "mammo.opencv";
    /** OpenJPEG's own environment variable: threads per frame (a number or ALL_CPUS); unset, one. */
    static final String THREADS_VARIABLE = "OPJ_NUM_THREADS";
    private static final Logger LOG = LoggerFactory.getLogger(OpenCvJpeg2000.class);
    private static final int COD = 0xFF52;
    private static final int COC = 0xFF53;
    private static final int SOT = 0xFF90;

    private OpenCvJpeg2000() {
    }

    /** Loads OpenCV once, on first use; any failure means "not available", logged once. */
    private static final class Loaded {
        static final boolean AVAILABLE = load();

        private static boolean load() {
            if ("false".equalsIgnoreCase(System.getProperty(PROPERTY))) {
                LOG.info("OpenCV JPEG 2000 decoding switched off (-D{}=false): JJ2000 decodes every frame", PROPERTY);
                return false;
            }
            try {
                Class.forName("org.opencv.imgcodecs.Imgcodecs", false, OpenCvJpeg2000.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                LOG.debug("OpenCV is not on the class path: JPEG 2000 frames are decoded by JJ2000");
                return false;
            }
            try {
                // on a worker's first JPEG 2000 frame: never while ND4J starts (see NativeLoads)
                NativeLoads.exclusively(OpenCvFrames::load);
                String threads = System.getenv(THREADS_VARIABLE);
                LOG.info("OpenCV {} loaded: lossless greyscale JPEG 2000 frames are decoded by its OpenJPEG, {}",
                        OpenCvFrames.version(), threads == null ? "one thread per frame (set " + THREADS_VARIABLE
                                + " to use more)" : THREADS_VARIABLE + "=" + threads + " threads per frame");
                return true;
            } catch (RuntimeException | LinkageError e) {
                LOG.info("OpenCV is on the class path but its native library did not load ({}): JPEG 2000 frames"
                        + " are decoded by JJ2000", e.toString());
                return false;
            }
        }
    }

    /** Whether OpenCV is present and loaded (loading it on the first call). */
    static boolean available() {
        return Loaded.AVAILABLE;
    }

    /**
     * The frame's samples decoded by OpenCV, as 16-bit words, or null when this frame is not one for OpenCV (or
     * OpenCV is absent, or did not decode it): the caller then decodes it with JJ2000.
     */
    static DecodedFrame tryDecode(byte[] frame, J2kCodestream cs, PixelFormat format, String transferSyntaxUid,
                                  FrameBuffers buffers) {
        if (!TransferSyntax.isOneOf(transferSyntaxUid, TransferSyntax.JPEG_2000_LOSSLESS_UID)
                || cs.components() != 1 || cs.signed() || cs.bitDepth() < 8 || cs.bitDepth() > 16
                || !reversibleOnly(frame, cs.offset(), cs.offset() + cs.length()) || !available()) {
            return null;
        }
        short[] words = OpenCvFrames.decodeGrey(frame, cs.offset(), cs.length(), cs.rows(), cs.columns(),
                cs.bitDepth(), buffers);
        if (words == null) {
            LOG.debug("{}: OpenCV did not decode the frame; JJ2000 decodes it",
                    TransferSyntax.describe(transferSyntaxUid));
            return null;
        }
        return DecodedFrame.ofWords(words, format.photometric());
    }

    /** Whether the main header's COD, and every COC there, select the reversible 5/3 wavelet. */
    static boolean reversibleOnly(byte[] s, int start, int end) {
        int pos = start + 2;
        boolean sawCod = false;
        while (pos + 2 <= end) {
            int marker = u16(s, pos);
            if (marker == SOT) {
                return sawCod;
            }
            if (pos + 4 > end) {
                return false;
            }
            int length = u16(s, pos + 2);
            int body = pos + 4;
            if (marker == COD) {
                if (length < 12 || (s[body + 9] & 0xFF) != 1) {
                    return false;
                }
                sawCod = true;
            } else if (marker == COC) {
                // Ccoc is one byte when there are fewer than 257 components (only one here)
                if (length < 9 || (s[body + 6] & 0xFF) != 1) {
                    return false;
                }
            }
            pos += 2 + length;
        }
        return false;
    }
}
