package org.mammoembed.dicom.codec;

import org.mammoembed.core.FrameBuffers;
import org.mammoembed.dicom.DicomException;

/**
 * Walks the marker segments of one JPEG-LS stream (T.87 Annex C): frame header, preset parameters, restart
 * interval and scans, decoding each scan into the frame's sample array. One instance per stream.
 */
final class JpegLsStreamReader {
    private static final int SOI = 0xD8;
    private static final int EOI = 0xD9;
    private static final int SOS = 0xDA;
    private static final int DRI = 0xDD;
    private static final int SOF55 = 0xF7;
    private static final int LSE = 0xF8;
    private static final int APP8 = 0xE8;
    private static final int COM = 0xFE;

    private final byte[] data;
    private final PixelFormat format;
    private final boolean losslessSyntax;
    private final FrameBuffers buffers;
    private int pos;

    private int bitsPerSample;
    private int width;
    private int height;
    private int[] componentIds;
    private boolean[] decoded;
    private int[] preset;
    private int restartInterval;
    private short[] samples;

    /**
     * @param losslessSyntax whether the file claims the lossless transfer syntax, so that a near-lossless
     *                       scan in it is worth a warning
     * @param buffers        where the frame's array comes from (null: a new one)
     */
    JpegLsStreamReader(byte[] data, PixelFormat format, boolean losslessSyntax, FrameBuffers buffers) {
        this.data = data;
        this.format = format;
        this.losslessSyntax = losslessSyntax;
        this.buffers = buffers;
    }

    /**
     * The frame's samples, interleaved, as 16-bit words: every one written, since a stream that leaves a component
     * out or ends before its last line is refused.
     */
    short[] decode() throws DicomException {
        if (data.length < 4 || (data[0] & 0xFF) != 0xFF || (data[1] & 0xFF) != SOI) {
            throw DicomException.decode("stream does not start with the SOI marker FFD8");
        }
        pos = 2;
        while (true) {
            int marker = nextMarker();
            if (marker < 0 || marker == EOI) {
                break;
            }
            int segmentStart = pos;
            int length = readU16();
            if (length < 2 || segmentStart + length > data.length) {
                throw DicomException.decode(String.format("marker FF%02X segment length %d overruns the stream",
                        marker, length));
            }
            int segmentEnd = segmentStart + length;
            switch (marker) {
                case SOF55 -> readFrameHeader(segmentEnd);
                case LSE -> readPresetSegment(segmentEnd);
                case DRI -> readRestartInterval(length);
                case SOS -> {
                    readScan(segmentEnd);
                    continue; // readScan left pos at the marker after the coded data
                }
                case APP8 -> rejectColourTransform(segmentEnd);
                default -> rejectUnknown(marker);
            }
            pos = segmentEnd;
        }
        if (samples == null) {
            throw DicomException.decode("stream has no frame header (SOF55) and scan");
        }
        for (int i = 0; i < decoded.length; i++) {
            if (!decoded[i]) {
                throw DicomException.decode("stream ended before component " + componentIds[i]
                        + " was decoded");
            }
        }
        return samples;
    }

    /** The next marker code (after fill bytes), or -1 at the end of the data. */
    private int nextMarker() throws DicomException {
        if (pos >= data.length) {
            return -1;
        }
        if ((data[pos] & 0xFF) != 0xFF) {
            // DICOM pads odd-length frames with a zero byte after EOI; anything else here is corruption
            if (samples != null && allZero(pos)) {
                return -1;
            }
            throw DicomException.decode(String.format("expected a marker at byte %d, found %02X", pos,
                    data[pos] & 0xFF));
        }
        while (pos < data.length && (data[pos] & 0xFF) == 0xFF) {
            pos++;
        }
        if (pos >= data.length) {
            return -1;
        }
        return data[pos++] & 0xFF;
    }

    private boolean allZero(int from) {
        for (int i = from; i < data.length; i++) {
            if (data[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private int readU8() throws DicomException {
        if (pos >= data.length) {
            throw DicomException.decode("marker segment truncated at byte " + pos);
        }
        return data[pos++] & 0xFF;
    }

    private int readU16() throws DicomException {
        return (readU8() << 8) | readU8();
    }

    private void requireEnd(int segmentEnd, String what) throws DicomException {
        if (pos > segmentEnd) {
            throw DicomException.decode(what + " longer than its segment");
        }
    }

    private void readFrameHeader(int segmentEnd) throws DicomException {
        if (componentIds != null) {
            throw DicomException.decode("second frame header (SOF55) in one stream");
        }
        bitsPerSample = readU8();
        height = readU16();
        width = readU16();
        int count = readU8();
        if (bitsPerSample < 2 || bitsPerSample > 16) {
            throw DicomException.decode("frame header: " + bitsPerSample + " bits per sample, not 2..16");
        }
        if (count < 1) {
            throw DicomException.decode("frame header: no components");
        }
        componentIds = new int[count];
        for (int i = 0; i < count; i++) {
            componentIds[i] = readU8();
            int sampling = readU8();
            readU8(); // Tq, always 0 in JPEG-LS
            if (sampling != 0x11) {
                throw DicomException.decode(String.format(
                        "component %d has sampling factors %02X; subsampled JPEG-LS is not supported",
                        componentIds[i], sampling));
            }
        }
        requireEnd(segmentEnd, "frame header");
        decoded = new boolean[count];
    }

    private void readPresetSegment(int segmentEnd) throws DicomException {
        int id = readU8();
        switch (id) {
            case 1 -> {
                int[] values = new int[5];
                for (int i = 0; i < values.length; i++) {
                    values[i] = readU16();
                }
                preset = values;
            }
            case 2, 3 -> throw DicomException.decode("mapping tables (LSE id " + id + ") are not supported");
            case 4 -> {
                int size = readU8();
                if (size < 2 || size > 4) {
                    throw DicomException.decode("oversize dimensions (LSE id 4) with " + size + "-byte fields");
                }
                height = readUnsigned(size);
                width = readUnsigned(size);
            }
            default -> throw DicomException.decode("unknown preset parameters segment (LSE id " + id + ")");
        }
        requireEnd(segmentEnd, "LSE segment");
    }

    private int readUnsigned(int bytes) throws DicomException {
        long value = 0;
        for (int i = 0; i < bytes; i++) {
            value = (value << 8) | readU8();
        }
        if (value > Integer.MAX_VALUE) {
            throw DicomException.decode("dimension " + value + " too large");
        }
        return (int) value;
    }

    private void readRestartInterval(int length) throws DicomException {
        int size = length - 2;
        if (size < 2 || size > 4) {
            throw DicomException.decode("restart interval segment of length " + length);
        }
        restartInterval = readUnsigned(size);
    }

    /** HP's colour transforms are announced in an APP8 "mrfx" segment; DICOM forbids them (PS3.5 8.2.3). */
    private void rejectColourTransform(int segmentEnd) throws DicomException {
        if (segmentEnd - pos >= 5 && data[pos] == 'm' && data[pos + 1] == 'r' && data[pos + 2] == 'f'
                && data[pos + 3] == 'x' && data[pos + 4] != 0) {
            throw DicomException.decode("HP colour transform " + data[pos + 4]
                    + " (APP8 mrfx) is not allowed in DICOM and not supported");
        }
    }

    private static void rejectUnknown(int marker) throws DicomException {
        boolean skippable = (marker >= 0xE0 && marker <= 0xEF) || marker == COM;
        if (skippable) {
            return;
        }
        if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xCC) {
            throw DicomException.decode(String.format(
                    "frame marker FF%02X is not JPEG-LS (SOF55); the stream is another JPEG process", marker));
        }
        throw DicomException.decode(String.format("unexpected marker FF%02X", marker));
    }

    private void readScan(int segmentEnd) throws DicomException {
        if (componentIds == null) {
            throw DicomException.decode("scan (SOS) before the frame header (SOF55)");
        }
        int count = readU8();
        if (count < 1 || count > componentIds.length) {
            throw DicomException.decode("scan header names " + count + " components, frame has "
                    + componentIds.length);
        }
        int[] components = new int[count];
        for (int i = 0; i < count; i++) {
            components[i] = frameIndexOf(readU8());
            int mapping = readU8();
            if (mapping != 0) {
                throw DicomException.decode("mapping table " + mapping + " selected by scan; not supported");
            }
        }
        int near = readU8();
        int interleave = readU8();
        int pointTransform = readU8() & 0x0F;
        requireEnd(segmentEnd, "scan header");
        if (interleave > 2 || (interleave == 0 && count != 1)) {
            throw DicomException.decode("interleave mode " + interleave + " with " + count + " components");
        }
        if (pointTransform != 0) {
            throw DicomException.decode("point transform " + pointTransform + " is not supported");
        }
        allocate();
        JpegLsCodingParameters params = JpegLsCodingParameters.of(bitsPerSample, near, preset);
        if (near > 0 && losslessSyntax) {
            JpegLsDecoder.log().warn("JPEG-LS Lossless transfer syntax, but the scan is near-lossless (NEAR={})",
                    near);
        }
        JpegLsBitReader bits = new JpegLsBitReader(data, segmentEnd, data.length);
        new JpegLsScanDecoder(bits, params, width, height, count, restartInterval)
                .decode(samples, componentIds.length, components, interleave);
        for (int c : components) {
            decoded[c] = true;
        }
        pos = bits.finish();
    }

    private int frameIndexOf(int id) throws DicomException {
        for (int i = 0; i < componentIds.length; i++) {
            if (componentIds[i] == id) {
                return i;
            }
        }
        throw DicomException.decode("scan names component " + id + " absent from the frame header");
    }

    /** Checks the frame against the DICOM header, then sizes the output once. */
    private void allocate() throws DicomException {
        if (samples != null) {
            return;
        }
        if (width != format.columns() || height != format.rows()
                || componentIds.length != format.samplesPerPixel()) {
            throw DicomException.decode(String.format(
                    "stream is %dx%d with %d components, header says %dx%d with %d samples per pixel",
                    width, height, componentIds.length, format.columns(), format.rows(),
                    format.samplesPerPixel()));
        }
        if (bitsPerSample > format.bitsAllocated()) {
            throw DicomException.decode("stream has " + bitsPerSample + " bits per sample, header allocates "
                    + format.bitsAllocated());
        }
        // every coded line costs at least one bit, so a stream this short cannot hold this many lines
        if (width < 1 || height < 1 || (long) height > 8L * data.length) {
            throw DicomException.decode("stream of " + data.length + " bytes cannot hold " + height
                    + " lines of " + width + " samples");
        }
        // JpegLsDecoder checked with DecodeErrors.checkedSampleCount that the frame fits one array
        samples = DecodedFrame.newWords(buffers, (int) format.samplesPerFrame());
    }
}
