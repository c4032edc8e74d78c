package org.mammoembed.dicom.codec;

import org.mammoembed.core.FrameBuffers;
import org.mammoembed.dicom.DicomException;
import org.mammoembed.dicom.TransferSyntax;

/**
 * RLE Lossless (PS3.5 Annex G), written for mammo-embed. A frame is a 64-byte header (segment count and up to
 * 15 segment offsets, little endian) followed by PackBits-compressed segments, one per byte of each sample:
 * for each sample in turn (R, G, B), its most significant byte first. Each segment decodes to rows * columns
 * bytes. Bits Allocated 8, 16 and 32 with 1 or 3 samples per pixel are supported.
 */
public final class RleDecoder implements FrameDecoder {
    private static final int HEADER_BYTES = 64;
    private static final int MAX_SEGMENTS = 15;

    @Override
    public boolean supports(String transferSyntaxUid) {
        return TransferSyntax.isOneOf(transferSyntaxUid, TransferSyntax.RLE_LOSSLESS_UID);
    }

    @Override
    public DecodedFrame decode(byte[] frame, PixelFormat format, String transferSyntaxUid) throws DicomException {
        return decode(frame, format, transferSyntaxUid, null);
    }

    /** Samples of up to 16 bits are decoded into {@code buffers}' words. */
    @Override
    public DecodedFrame decode(byte[] frame, PixelFormat format, String transferSyntaxUid, FrameBuffers buffers)
            throws DicomException {
        int bitsAllocated = format.bitsAllocated();
        if (bitsAllocated != 8 && bitsAllocated != 16 && bitsAllocated != 32) {
            throw DecodeErrors.corrupt(transferSyntaxUid, "Bits Allocated " + bitsAllocated
                    + " is not supported (RLE segments hold whole bytes: 8, 16 or 32)");
        }
        int samplesPerPixel = format.samplesPerPixel();
        if (samplesPerPixel != 1 && samplesPerPixel != 3) {
            throw DecodeErrors.corrupt(transferSyntaxUid, "Samples per Pixel " + samplesPerPixel
                    + " is not supported (1 or 3)");
        }
        int sampleCount = DecodeErrors.checkedSampleCount(format, transferSyntaxUid);
        int pixels = format.rows() * format.columns();
        int bytesPerSample = bitsAllocated / 8;
        int[] offsets = segmentOffsets(frame, samplesPerPixel * bytesPerSample, transferSyntaxUid);
        checkSegmentsCanFill(frame, offsets, pixels, transferSyntaxUid);

        // samples of up to 16 bits as words (half the memory, read as a native frame's words), 32 bits as ints
        short[] words = bytesPerSample <= 2 ? DecodedFrame.newWords(buffers, sampleCount) : null;
        int[] samples = words == null ? new int[sampleCount] : null;
        byte[] segment = new byte[pixels];
        for (int s = 0; s < offsets.length; s++) {
            int end = s + 1 < offsets.length ? offsets[s + 1] : frame.length;
            int produced = unpackBits(frame, offsets[s], end, segment);
            if (produced < pixels) {
                throw DecodeErrors.corrupt(transferSyntaxUid, "RLE segment " + (s + 1) + " of " + offsets.length
                        + " decodes to " + produced + " bytes, expected " + pixels + " (rows x columns)");
            }
            int sample = s / bytesPerSample;
            // segments of one sample come most significant byte first
            int shift = 8 * (bytesPerSample - 1 - s % bytesPerSample);
            if (words != null && s % bytesPerSample == 0) {
                // a sample's first segment sets its words, the next one adds its bits: a lent array's old
                // contents are overwritten, never mixed in
                for (int p = 0, i = sample; p < pixels; p++, i += samplesPerPixel) {
                    words[i] = (short) ((segment[p] & 0xFF) << shift);
                }
            } else if (words != null) {
                for (int p = 0, i = sample; p < pixels; p++, i += samplesPerPixel) {
                    words[i] |= (short) ((segment[p] & 0xFF) << shift);
                }
            } else {
                for (int p = 0, i = sample; p < pixels; p++, i += samplesPerPixel) {
                    samples[i] |= (segment[p] & 0xFF) << shift;
                }
            }
        }
        return words != null ? DecodedFrame.ofWords(words, format.photometric())
                : new DecodedFrame(samples, format.photometric());
    }

    /**
     * A PackBits pair of bytes expands to at most 128, so a segment shorter than 2 * pixels / 128 bytes cannot
     * fill the frame: refused before allocating for a header that claims a huge image.
     */
    private static void checkSegmentsCanFill(byte[] frame, int[] offsets, int pixels, String ts)
            throws DicomException {
        for (int s = 0; s < offsets.length; s++) {
            long length = (s + 1 < offsets.length ? offsets[s + 1] : frame.length) - offsets[s];
            if ((length + 1) / 2 * 128 < pixels) {
                throw DecodeErrors.corrupt(ts, "RLE segment " + (s + 1) + " holds " + length + " bytes, too few for "
                        + pixels + " pixels (rows x columns)");
            }
        }
    }

    private static int[] segmentOffsets(byte[] frame, int expectedSegments, String ts) throws DicomException {
        if (frame.length < HEADER_BYTES) {
            throw DecodeErrors.corrupt(ts, "RLE frame of " + frame.length
                    + " bytes is shorter than its 64-byte header");
        }
        long count = readUint32(frame, 0);
        if (count != expectedSegments) {
            throw DecodeErrors.corrupt(ts, "RLE header declares " + count + " segments, but Bits Allocated and "
                    + "Samples per Pixel need " + expectedSegments);
        }
        int[] offsets = new int[expectedSegments];
        long previous = HEADER_BYTES - 1L;
        for (int s = 0; s < expectedSegments; s++) {
            long offset = readUint32(frame, 4 + 4 * s);
            if (offset <= previous || offset >= frame.length) {
                throw DecodeErrors.corrupt(ts, "RLE segment " + (s + 1) + " offset " + offset
                        + " is out of order or outside the " + frame.length + "-byte frame");
            }
            offsets[s] = (int) offset;
            previous = offset;
        }
        for (int s = expectedSegments; s < MAX_SEGMENTS; s++) {
            if (readUint32(frame, 4 + 4 * s) != 0) {
                throw DecodeErrors.corrupt(ts, "RLE header has a non-zero offset for unused segment " + (s + 1));
            }
        }
        return offsets;
    }

    /**
     * PackBits (PS3.5 G.3.1): header byte n in 0..127 copies the next n + 1 bytes, -127..-1 repeats the next
     * byte 1 - n times, -128 is a no-op. Decoding stops when {@code out} is full, so the even-length padding
     * byte of a segment and any surplus are ignored.
     *
     * @return the number of bytes written to {@code out} (less than its length for a short segment)
     */
    static int unpackBits(byte[] in, int from, int to, byte[] out) {
        int pos = from;
        int written = 0;
        while (pos < to && written < out.length) {
            int n = in[pos++];
            if (n >= 0) {
                int literal = Math.min(Math.min(n + 1, to - pos), out.length - written);
                System.arraycopy(in, pos, out, written, literal);
                written += literal;
                pos += n + 1;
            } else if (n != -128) {
                if (pos >= to) {
                    break;
                }
                int run = Math.min(1 - n, out.length - written);
                java.util.Arrays.fill(out, written, written + run, in[pos++]);
                written += run;
            }
        }
        return written;
    }

    private static long readUint32(byte[] b, int at) {
        return (b[at] & 0xFFL) | (b[at + 1] & 0xFFL) << 8 | (b[at + 2] & 0xFFL) << 16 | (b[at + 3] & 0xFFL) << 24;
    }
}
