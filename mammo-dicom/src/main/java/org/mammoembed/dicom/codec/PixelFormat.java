package org.mammoembed.dicom.codec;

/**
 * The Image Pixel module attributes (PS3.3 C.7.6.3) a frame decoder needs.
 *
 * @param photometric          Photometric Interpretation as in the header, e.g. "YBR_FULL_422"
 * @param planarConfiguration  0 = interleaved (R1G1B1 R2G2B2...), 1 = planar (RRR... GGG... BBB...)
 */
public record PixelFormat(int rows, int columns, int samplesPerPixel, int bitsAllocated, int bitsStored,
                          int highBit, boolean signed, String photometric, int planarConfiguration) {

    /** Samples in one frame. */
    public long samplesPerFrame() {
        return (long) rows * columns * samplesPerPixel;
    }
}
