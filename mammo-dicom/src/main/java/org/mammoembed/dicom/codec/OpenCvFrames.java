package org.mammoembed.dicom.codec;

import org.mammoembed.core.FrameBuffers;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * The only class that touches OpenCV's API (an optional dependency): {@link OpenCvJpeg2000} loads it only after
 * finding OpenCV on the class path, so that without the jar nothing here is ever linked. Native memory (the
 * {@link Mat}s) is released before returning.
 */
final class OpenCvFrames {
    private static final int JP2_HEADER = 12 + 20 + 8 + 22 + 15 + 8;

    private OpenCvFrames() {
    }

    static void load() {
        nu.pattern.OpenCV.loadLocally();
    }

    static String version() {
        return Core.VERSION;
    }

    /**
     * Decodes a greyscale codestream to its samples as 16-bit words (the 8-bit ones widened), or returns null when
     * OpenCV gives anything but a {@code rows x columns} single-channel image of the depth the codestream declares.
     * The words go into an array of {@code buffers} (null: a new one), every element written.
     */
    static short[] decodeGrey(byte[] frame, int offset, int length, int rows, int columns, int bitDepth,
                              FrameBuffers buffers) {
        MatOfByte in = new MatOfByte(greyJp2(frame, offset, length, rows, columns, bitDepth));
        Mat image = Imgcodecs.imdecode(in, Imgcodecs.IMREAD_UNCHANGED);
        in.release();
        try {
            int expectedType = bitDepth > 8 ? CvType.CV_16UC1 : CvType.CV_8UC1;
            if (image.empty() || image.rows() != rows || image.cols() != columns || image.type() != expectedType
                    || !image.isContinuous()) {
                return null;
            }
            int n = Math.multiplyExact(rows, columns);
            short[] words = DecodedFrame.newWords(buffers, n);
            if (bitDepth > 8) {
                image.get(0, 0, words); // the image's own 16-bit words, one bulk copy
            } else {
                byte[] raw = new byte[n];
                image.get(0, 0, raw);
                for (int i = 0; i < n; i++) {
                    words[i] = (short) (raw[i] & 0xFF);
                }
            }
            return words;
        } finally {
            image.release();
        }
    }

    /**
     * The codestream inside a minimal JP2 file (ISO 15444-1 Annex I: signature, file type, header with image
     * header and a colour specification of greyscale, codestream box).
     */
    private static byte[] greyJp2(byte[] frame, int offset, int length, int rows, int columns, int bitDepth) {
        byte[] out = new byte[JP2_HEADER + length];
        int p = 0;
        p = box(out, p, 12, "jP  ");
        p = u32(out, p, 0x0D0A870A);
        p = box(out, p, 20, "ftyp");
        p = ascii(out, p, "jp2 ");
        p = u32(out, p, 0);
        p = ascii(out, p, "jp2 ");
        p = box(out, p, 8 + 22 + 15, "jp2h");
        p = box(out, p, 22, "ihdr");
        p = u32(out, p, rows);
        p = u32(out, p, columns);
        out[p++] = 0;
        out[p++] = 1; // one component
        out[p++] = (byte) (bitDepth - 1); // unsigned
        out[p++] = 7; // compression type: JPEG 2000
        out[p++] = 0; // colour space known
        out[p++] = 0; // no intellectual property box
        p = box(out, p, 15, "colr");
        out[p++] = 1; // enumerated colour space
        out[p++] = 0;
        out[p++] = 0;
        p = u32(out, p, 17); // greyscale
        p = box(out, p, 8 + length, "jp2c");
        System.arraycopy(frame, offset, out, p, length);
        return out;
    }

    private static int box(byte[] b, int p, int size, String type) {
        return ascii(b, u32(b, p, size), type);
    }

    private static int u32(byte[] b, int p, int v) {
        b[p] = (byte) (v >>> 24);
        b[p + 1] = (byte) (v >>> 16);
        b[p + 2] = (byte) (v >>> 8);
        b[p + 3] = (byte) v;
        return p + 4;
    }

    private static int ascii(byte[] b, int p, String s) {
        for (int i = 0; i < 4; i++) {
            b[p + i] = (byte) s.charAt(i);
        }
        return p + 4;
    }
}
