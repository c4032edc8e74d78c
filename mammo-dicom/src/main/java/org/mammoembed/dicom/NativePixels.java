package org.mammoembed.dicom;

import java.util.Objects;

/**
 * Native (uncompressed) pixel data to write with {@link DicomWriter}: the Image Pixel module attributes and the
 * sample values. {@link #writeTo(DicomAttributes)} sets Rows, Columns, Samples per Pixel, Bits Allocated/Stored,
 * High Bit, Pixel Representation, Photometric Interpretation, Planar Configuration (colour only), Number of
 * Frames (more than one frame only) and Pixel Data (OB for 8 bits, OW for 16).
 *
 * @param samples         {@code frames * rows * columns * samplesPerPixel} stored values, frame after frame, each
 *                        frame interleaved (pixel, then sample) whatever the planar configuration: the writer
 *                        lays them out. Values must fit Bits Stored (signed when {@code signed}).
 * @param planarConfiguration 0 (R1G1B1 R2G2B2...) or 1 (RRR... GGG... BBB...); ignored for one sample
 */
public record NativePixels(int rows, int columns, int samplesPerPixel, int bitsAllocated, int bitsStored,
                           boolean signed, String photometric, int planarConfiguration, int frames, int[] samples) {

    public NativePixels {
        Objects.requireNonNull(samples, "samples");
        Objects.requireNonNull(photometric, "photometric");
        if (rows <= 0 || rows > 0xFFFF || columns <= 0 || columns > 0xFFFF) {
            throw new IllegalArgumentException("rows/columns must be 1..65535: " + rows + "x" + columns);
        }
        if (samplesPerPixel != 1 && samplesPerPixel != 3) {
            throw new IllegalArgumentException("samplesPerPixel must be 1 or 3: " + samplesPerPixel);
        }
        if (bitsAllocated != 8 && bitsAllocated != 16) {
            throw new IllegalArgumentException("bitsAllocated must be 8 or 16: " + bitsAllocated);
        }
        if (bitsStored < 1 || bitsStored > bitsAllocated) {
            throw new IllegalArgumentException("bitsStored must be 1.." + bitsAllocated + ": " + bitsStored);
        }
        if (planarConfiguration != 0 && planarConfiguration != 1) {
            throw new IllegalArgumentException("planarConfiguration must be 0 or 1: " + planarConfiguration);
        }
        if (frames < 1) {
            throw new IllegalArgumentException("frames must be at least 1: " + frames);
        }
        long expected = (long) frames * rows * columns * samplesPerPixel;
        if (samples.length != expected) {
            throw new IllegalArgumentException("samples has " + samples.length + " values, expected " + expected);
        }
        long min = signed ? -(1L << (bitsStored - 1)) : 0;
        long max = signed ? (1L << (bitsStored - 1)) - 1 : (1L << bitsStored) - 1;
        for (int i = 0; i < samples.length; i++) {
            if (samples[i] < min || samples[i] > max) {
                throw new IllegalArgumentException("sample " + i + " = " + samples[i] + " does not fit "
                        + bitsStored + (signed ? " signed" : " unsigned") + " bits");
            }
        }
    }

    /** A single-frame grayscale image. */
    public static NativePixels grayscale(int rows, int columns, int bitsAllocated, int bitsStored, boolean signed,
                                         String photometric, int[] samples) {
        return new NativePixels(rows, columns, 1, bitsAllocated, bitsStored, signed, photometric, 0, 1, samples);
    }

    /** Sets the Image Pixel module and Pixel Data on {@code attributes}; returns it. */
    public DicomAttributes writeTo(DicomAttributes attributes) {
        attributes.setInts(Tag.SAMPLES_PER_PIXEL, Vr.US, samplesPerPixel)
                .setString(Tag.PHOTOMETRIC_INTERPRETATION, Vr.CS, photometric)
                .setInts(Tag.ROWS, Vr.US, rows)
                .setInts(Tag.COLUMNS, Vr.US, columns)
                .setInts(Tag.BITS_ALLOCATED, Vr.US, bitsAllocated)
                .setInts(Tag.BITS_STORED, Vr.US, bitsStored)
                .setInts(Tag.HIGH_BIT, Vr.US, bitsStored - 1)
                .setInts(Tag.PIXEL_REPRESENTATION, Vr.US, signed ? 1 : 0);
        if (samplesPerPixel > 1) {
            attributes.setInts(Tag.PLANAR_CONFIGURATION, Vr.US, planarConfiguration);
        }
        if (frames > 1) {
            attributes.setInts(Tag.NUMBER_OF_FRAMES, Vr.IS, frames);
        }
        return attributes.setBytes(Tag.PIXEL_DATA, bitsAllocated == 8 ? Vr.OB : Vr.OW, encode());
    }

    private byte[] encode() {
        int bytesPerSample = bitsAllocated / 8;
        int pixels = rows * columns;
        int perFrame = pixels * samplesPerPixel;
        long total = (long) samples.length * bytesPerSample;
        // odd-length Pixel Data would be padded by the writer anyway; do it here so frames stay addressable
        byte[] out = new byte[(int) (total + (total & 1))];
        int mask = (1 << bitsAllocated) - 1;
        for (int f = 0; f < frames; f++) {
            for (int p = 0; p < pixels; p++) {
                for (int s = 0; s < samplesPerPixel; s++) {
                    int src = f * perFrame + p * samplesPerPixel + s;
                    int dst = planarConfiguration == 1 && samplesPerPixel > 1
                            ? f * perFrame + s * pixels + p : src;
                    int v = samples[src] & mask;
                    if (bytesPerSample == 1) {
                        out[dst] = (byte) v;
                    } else {
                        out[2 * dst] = (byte) v;
                        out[2 * dst + 1] = (byte) (v >>> 8);
                    }
                }
            }
        }
        return out;
    }
}
