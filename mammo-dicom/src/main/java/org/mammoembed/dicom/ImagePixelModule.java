package org.mammoembed.dicom;

import java.util.OptionalInt;
import org.mammoembed.dicom.codec.PixelFormat;

/**
 * The Image Pixel module (PS3.3 C.7.6.3) of a file, validated: every value a decoder relies on is present and
 * in range, so a corrupt header is refused here with a message naming the attribute.
 */
record ImagePixelModule(int rows, int columns, int samplesPerPixel, int bitsAllocated, int bitsStored, int highBit,
                        boolean signed, String photometric, int planarConfiguration, int frames) {

    static ImagePixelModule of(DicomDataSet ds, boolean floatPixels, String file) throws DicomException {
        int rows = required(ds, Tag.ROWS, "Rows", file);
        int columns = required(ds, Tag.COLUMNS, "Columns", file);
        int spp = ds.integer(Tag.SAMPLES_PER_PIXEL).orElse(1);
        String photometric = ds.nonEmptyString(Tag.PHOTOMETRIC_INTERPRETATION);
        if (photometric == null) {
            photometric = spp == 3 ? "RGB" : "MONOCHROME2";
        }
        int bitsAllocated;
        if (floatPixels) {
            bitsAllocated = ds.integer(Tag.BITS_ALLOCATED).orElse(32);
        } else {
            bitsAllocated = required(ds, Tag.BITS_ALLOCATED, "Bits Allocated", file);
        }
        int bitsStored = ds.integer(Tag.BITS_STORED).orElse(bitsAllocated);
        int highBit = ds.integer(Tag.HIGH_BIT).orElse(bitsStored - 1);
        int pixelRepresentation = ds.integer(Tag.PIXEL_REPRESENTATION).orElse(0);
        int planar = ds.integer(Tag.PLANAR_CONFIGURATION).orElse(0);
        int frames = frames(ds);
        check(rows > 0 && rows <= 0xFFFF, "Rows", rows, file);
        check(columns > 0 && columns <= 0xFFFF, "Columns", columns, file);
        check(spp == 1 || spp == 3, "Samples per Pixel", spp, file);
        check(bitsAllocated == 1 || bitsAllocated == 64 && floatPixels
                || bitsAllocated % 8 == 0 && bitsAllocated > 0 && bitsAllocated <= 32,
                "Bits Allocated", bitsAllocated, file);
        if (bitsStored < 1 || bitsStored > bitsAllocated) {
            bitsStored = bitsAllocated; // a nonsensical Bits Stored is ignored, as GDCM does
        }
        if (highBit < bitsStored - 1 || highBit >= bitsAllocated) {
            highBit = bitsStored - 1;
        }
        check(pixelRepresentation == 0 || pixelRepresentation == 1, "Pixel Representation", pixelRepresentation,
                file);
        check(planar == 0 || planar == 1 || spp == 1, "Planar Configuration", planar, file);
        check(frames > 0, "Number of Frames", frames, file);
        if ((long) rows * columns * spp > Integer.MAX_VALUE - 16) {
            throw DicomException.read(file + ": " + rows + "x" + columns + "x" + spp + " samples per frame is more"
                    + " than a Java array holds");
        }
        return new ImagePixelModule(rows, columns, spp, bitsAllocated, bitsStored, highBit, pixelRepresentation == 1,
                photometric, spp == 1 ? 0 : planar, frames);
    }

    /** Number of Frames, 1 when absent or empty. */
    static int frames(DicomDataSet ds) {
        String s = ds.string(Tag.NUMBER_OF_FRAMES);
        if (s == null || s.isBlank()) {
            return 1;
        }
        OptionalInt n = ds.integer(Tag.NUMBER_OF_FRAMES);
        return n.orElse(-1);
    }

    private static int required(DicomDataSet ds, int tag, String name, String file) throws DicomException {
        OptionalInt v = ds.integer(tag);
        if (v.isEmpty()) {
            throw DicomException.read(file + ": " + name + " " + Tag.format(tag) + " is missing or not a single "
                    + "integer");
        }
        if (ds.numbers(tag).length > 1) {
            throw DicomException.read(file + ": " + name + " " + Tag.format(tag) + " has "
                    + ds.numbers(tag).length + " values; the image pixel module needs one");
        }
        return v.getAsInt();
    }

    private static void check(boolean ok, String name, int value, String file) throws DicomException {
        if (!ok) {
            throw DicomException.read(file + ": invalid " + name + ": " + value);
        }
    }

    /** Pixels in one frame. */
    int pixelsPerFrame() {
        return rows * columns;
    }

    /** Samples in one frame. */
    int samplesPerFrame() {
        return rows * columns * samplesPerPixel;
    }

    /** Bits in one native frame (1-bit frames need not start on a byte boundary). */
    long bitsPerFrame() {
        return (long) samplesPerFrame() * bitsAllocated;
    }

    PixelFormat pixelFormat() {
        return new PixelFormat(rows, columns, samplesPerPixel, bitsAllocated, bitsStored, highBit, signed,
                photometric, planarConfiguration);
    }
}
