package org.mammoembed.dicom.codec;

import java.io.ByteArrayOutputStream;

/**
 * Test-only RLE Lossless encoder (PS3.5 G.3 / G.5), written independently of {@link RleDecoder} so that round
 * trips check the decoder against the standard's layout rather than against itself.
 */
final class RleFrameWriter {
    private RleFrameWriter() {
    }

    /** Encodes interleaved samples (pixel-major) of {@code bytesPerSample} bytes each. */
    static byte[] encode(int[] samples, int samplesPerPixel, int bytesPerSample) {
        int pixels = samples.length / samplesPerPixel;
        int segments = samplesPerPixel * bytesPerSample;
        byte[][] encoded = new byte[segments][];
        for (int sample = 0; sample < samplesPerPixel; sample++) {
            for (int b = 0; b < bytesPerSample; b++) {
                byte[] plane = new byte[pixels];
                int shift = 8 * (bytesPerSample - 1 - b);
                for (int p = 0; p < pixels; p++) {
                    plane[p] = (byte) (samples[p * samplesPerPixel + sample] >>> shift);
                }
                encoded[sample * bytesPerSample + b] = packBits(plane);
            }
        }
        return assemble(encoded);
    }

    /** A frame from already-encoded segments, each padded to even length as PS3.5 G.5 requires. */
    static byte[] assemble(byte[]... segments) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int[] header = new int[16];
        header[0] = segments.length;
        int offset = 64;
        for (int s = 0; s < segments.length; s++) {
            header[s + 1] = offset;
            offset += segments[s].length + (segments[s].length & 1);
        }
        for (int h : header) {
            out.write(h);
            out.write(h >>> 8);
            out.write(h >>> 16);
            out.write(h >>> 24);
        }
        for (byte[] seg : segments) {
            out.write(seg, 0, seg.length);
            if ((seg.length & 1) == 1) {
                out.write(0);
            }
        }
        return out.toByteArray();
    }

    /** PackBits: runs of 3 or more equal bytes as replicate runs, everything else as literal runs (max 128). */
    static byte[] packBits(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < in.length) {
            int run = 1;
            while (i + run < in.length && run < 128 && in[i + run] == in[i]) {
                run++;
            }
            if (run >= 3) {
                out.write(1 - run);
                out.write(in[i]);
                i += run;
                continue;
            }
            int start = i;
            while (i < in.length && i - start < 128) {
                if (i + 2 < in.length && in[i] == in[i + 1] && in[i] == in[i + 2]) {
                    break;
                }
                i++;
            }
            out.write(i - start - 1);
            out.write(in, start, i - start);
        }
        return out.toByteArray();
    }
}
