package org.mammoembed.dicom;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.nio.channels.FileChannel;
import org.mammoembed.core.FrameBuffers;
import org.mammoembed.dicom.codec.DecodedFrame;

/**
 * Reads one frame of native (uncompressed) pixel data into interleaved stored values (pixel, then sample),
 * not yet masked to Bits Stored: bit-packed 1-bit data, 8/16/32-bit words in either byte order, planar
 * configuration 1 and the half-horizontal-resolution chroma of native YBR_FULL_422 (PS3.3 C.7.6.3.1.2) are
 * undone here. Plain loops over primitive arrays: decoding is bound by memory bandwidth.
 */
final class NativeFrameReader {
    private NativeFrameReader() {
    }

    /**
     * @param buf    the buffer holding the pixel data element
     * @param offset offset of the Pixel Data value in {@code buf}
     * @param length Pixel Data value length
     * @param order  byte order of the data set (OW words are swapped in big endian files)
     * @param vr     the Pixel Data VR (OB or OW); 8-bit data in OW of a big endian file come byte-swapped
     */
    static int[] readFrame(ByteBuffer buf, int offset, int length, ByteOrder order, Vr vr, ImagePixelModule px,
                           int frame, String file) throws DicomException {
        boolean ybr422 = "YBR_FULL_422".equals(px.photometric()) && px.samplesPerPixel() == 3;
        long frameBits = ybr422 ? 2L * px.pixelsPerFrame() * px.bitsAllocated() : px.bitsPerFrame();
        long startBit = frameStartBit(frameBits, length, px, frame, file);
        int n = px.samplesPerFrame();
        int[] out = new int[n];
        int start = offset + (int) (startBit / 8);
        if (px.bitsAllocated() == 1) {
            readBits(buf, offset, startBit, out);
            return out;
        }
        int stored = ybr422 ? 2 * px.pixelsPerFrame() : n;
        int[] raw = ybr422 ? new int[stored] : out;
        readWords(buf, start, order, vr, px.bitsAllocated(), px.signed(), raw, stored);
        if (ybr422) {
            expandYbr422(raw, out, px.rows(), px.columns());
        } else if (px.planarConfiguration() == 1 && px.samplesPerPixel() > 1) {
            return interleave(out, px.pixelsPerFrame(), px.samplesPerPixel());
        }
        return out;
    }

    /**
     * The 16-bit words of one frame (Bits Allocated 16) as the file holds them, in host order, unmasked, for
     * {@link org.mammoembed.core.StoredPixels#ofWords}, into an array of {@code buffers} (null: a new one). Every
     * word is written, so a recycled array keeps nothing of its last image.
     *
     * @param mapped where {@code buf} is the file's mapping, the open file: the frame is read from it (buffer
     *               offsets are file offsets, see {@link FileRangeReader} for why)
     */
    static short[] readWords16(ByteBuffer buf, FileChannel mapped, int offset, int length, ByteOrder order,
                               ImagePixelModule px, int frame, String file, FrameBuffers buffers)
            throws DicomException {
        if (px.bitsAllocated() != 16 || px.samplesPerPixel() != 1) {
            throw new IllegalArgumentException("16-bit words are read for one-sample frames of Bits Allocated 16, got "
                    + px.samplesPerPixel() + " samples of " + px.bitsAllocated() + " bits");
        }
        long startBit = frameStartBit(px.bitsPerFrame(), length, px, frame, file);
        int n = px.samplesPerFrame();
        short[] words = DecodedFrame.newWords(buffers, n);
        long start = offset + startBit / 8;
        if (mapped != null) {
            FileRangeReader.readWords(mapped, start, order, words, file);
        } else {
            buf.duplicate().position((int) start).slice().order(order).asShortBuffer().get(words);
        }
        return words;
    }

    /** First bit of {@code frame}, once the pixel data are known to hold all of it. */
    private static long frameStartBit(long frameBits, int length, ImagePixelModule px, int frame, String file)
            throws DicomException {
        long startBit = frameBits * frame;
        long endByte = (startBit + frameBits + 7) / 8;
        if (endByte > length) {
            throw DicomException.decode(file + ": native pixel data hold " + length + " bytes but frame " + frame
                    + " needs bytes up to " + endByte + " (" + px.rows() + "x" + px.columns() + "x"
                    + px.samplesPerPixel() + " at " + px.bitsAllocated() + " bits): the pixel data are truncated");
        }
        return startBit;
    }

    private static void readBits(ByteBuffer buf, int offset, long startBit, int[] out) {
        // PS3.5 8.1.1: bits are packed from the least significant bit of each byte
        for (int i = 0; i < out.length; i++) {
            long bit = startBit + i;
            int b = buf.get(offset + (int) (bit >>> 3));
            out[i] = b >>> (int) (bit & 7) & 1;
        }
    }

    private static void readWords(ByteBuffer buf, int start, ByteOrder order, Vr vr, int bitsAllocated,
                                  boolean signed, int[] out, int n) {
        ByteBuffer b = buf.duplicate().order(order);
        switch (bitsAllocated) {
            case 8: {
                boolean swapped = order == ByteOrder.BIG_ENDIAN && vr == Vr.OW;
                for (int i = 0; i < n; i++) {
                    int at = swapped ? start + (i ^ 1) : start + i;
                    out[i] = b.get(at) & 0xFF;
                }
                break;
            }
            case 16: {
                ShortBuffer sb = b.position(start).slice().order(order).asShortBuffer();
                for (int i = 0; i < n; i++) {
                    out[i] = sb.get(i) & 0xFFFF;
                }
                break;
            }
            case 32:
                b.position(start).slice().order(order).asIntBuffer().get(out, 0, n);
                break;
            default: {
                // 24-bit and other whole-byte sizes: assemble little- or big-endian words byte by byte
                int size = bitsAllocated / 8;
                for (int i = 0; i < n; i++) {
                    int v = 0;
                    for (int k = 0; k < size; k++) {
                        int byteValue = b.get(start + i * size + k) & 0xFF;
                        v |= order == ByteOrder.LITTLE_ENDIAN ? byteValue << (8 * k) : byteValue << (8 * (size - 1 - k));
                    }
                    out[i] = v;
                }
            }
        }
    }

    /** Y1 Y2 Cb Cr per pair of pixels to Y Cb Cr per pixel (chroma repeated). */
    private static void expandYbr422(int[] raw, int[] out, int rows, int columns) {
        int pixels = rows * columns;
        for (int p = 0, r = 0; p + 1 < pixels; p += 2, r += 4) {
            int cb = raw[r + 2];
            int cr = raw[r + 3];
            out[3 * p] = raw[r];
            out[3 * p + 1] = cb;
            out[3 * p + 2] = cr;
            out[3 * p + 3] = raw[r + 1];
            out[3 * p + 4] = cb;
            out[3 * p + 5] = cr;
        }
        if ((pixels & 1) == 1) {
            int r = 2 * (pixels - 1);
            out[3 * (pixels - 1)] = raw[r];
            out[3 * (pixels - 1) + 1] = raw[Math.min(r + 2, raw.length - 1)];
            out[3 * (pixels - 1) + 2] = raw[Math.min(r + 3, raw.length - 1)];
        }
    }

    /** RRR... GGG... BBB... to RGB RGB... */
    static int[] interleave(int[] planar, int pixels, int samples) {
        int[] out = new int[planar.length];
        for (int s = 0; s < samples; s++) {
            int base = s * pixels;
            for (int p = 0; p < pixels; p++) {
                out[p * samples + s] = planar[base + p];
            }
        }
        return out;
    }
}
