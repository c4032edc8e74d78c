package org.mammoembed.dicom.codec;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.mammoembed.core.Stage;
import org.mammoembed.dicom.DicomException;

import java.util.Arrays;

import static org.mammoembed.dicom.codec.Messages.assertMentions;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RleDecoderTest {
    private static final String RLE = "1.2.840.10008.1.2.5";
    private final RleDecoder decoder = new RleDecoder();

    private static PixelFormat gray(int rows, int columns, int bitsAllocated) {
        return new PixelFormat(rows, columns, 1, bitsAllocated, bitsAllocated, bitsAllocated - 1, false,
                "MONOCHROME2", 0);
    }

    private static PixelFormat rgb(int rows, int columns) {
        return new PixelFormat(rows, columns, 3, 8, 8, 7, false, "RGB", 0);
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    @Test
    void literalAndReplicateRunsFromPs35Examples() throws DicomException {
        // literal of 3 (header 2), replicate 0x07 four times (header -3), no-op (-128), literal of 1
        byte[] segment = bytes(2, 10, 20, 30, -3, 7, -128, 0, 99);
        DecodedFrame f = decoder.decode(RleFrameWriter.assemble(segment), gray(2, 4, 8), RLE);
        assertArrayEquals(new int[] {10, 20, 30, 7, 7, 7, 7, 99}, f.samples());
        assertEquals("MONOCHROME2", f.photometric());
    }

    @Test
    void threeSamplesAreInterleavedFromTheirSegments() throws DicomException {
        byte[] red = bytes(-1, 200);          // 200, 200
        byte[] green = bytes(1, 1, 2);        // 1, 2
        byte[] blue = bytes(-1, 50);          // 50, 50
        DecodedFrame f = decoder.decode(RleFrameWriter.assemble(red, green, blue), rgb(1, 2), RLE);
        assertArrayEquals(new int[] {200, 1, 50, 200, 2, 50}, f.samples());
        assertEquals("RGB", f.photometric());
    }

    @Test
    void sixteenBitSamplesTakeTheirHighByteFromTheFirstSegment() throws DicomException {
        byte[] high = bytes(2, 0x12, 0xFF, 0x00);
        byte[] low = bytes(2, 0x34, 0xFE, 0x01);
        DecodedFrame f = decoder.decode(RleFrameWriter.assemble(high, low), gray(1, 3, 16), RLE);
        assertArrayEquals(new int[] {0x1234, 0xFFFE, 0x0001}, f.samples());
        assertArrayEquals(new short[] {0x1234, (short) 0xFFFE, 0x0001}, f.words(), "delivered as 16-bit words");
    }

    @Test
    void thirtyTwoBitSamplesUseFourSegmentsMostSignificantFirst() throws DicomException {
        byte[] frame = RleFrameWriter.assemble(bytes(0, 0x01), bytes(0, 0x02), bytes(0, 0x03), bytes(0, 0x04));
        DecodedFrame f = decoder.decode(frame, gray(1, 1, 32), RLE);
        assertArrayEquals(new int[] {0x01020304}, f.ints(), "32-bit samples do not fit words");
    }

    @Test
    void surplusAndPaddingBytesAfterAFullSegmentAreIgnored() throws DicomException {
        // replicate run longer than the 3 pixels the image has, then an odd trailing byte
        byte[] segment = bytes(-5, 9, 0);
        assertArrayEquals(new int[] {9, 9, 9}, decoder.decode(RleFrameWriter.assemble(segment), gray(1, 3, 8), RLE)
                .samples());
    }

    @Test
    void shortSegmentIsReportedWithItsNumberAndSizes() {
        byte[] frame = RleFrameWriter.assemble(bytes(1, 5, 6));
        DicomException e = assertThrows(DicomException.class, () -> decoder.decode(frame, gray(2, 2, 8), RLE));
        assertEquals(Stage.DECODE, e.stage());
        assertMentions(e.getMessage(), "RLE Lossless", "segment 1 of 1", "2 bytes", "expected 4");
    }

    @Test
    void hugeClaimedImageIsRefusedBeforeAllocating() {
        byte[] frame = RleFrameWriter.assemble(bytes(-127, 1, -127, 1));
        // 2 GB of samples claimed for a 4-byte segment that can decode to 256 bytes at most
        DicomException e = assertThrows(DicomException.class, () -> decoder.decode(frame,
                gray(46340, 46340, 8), RLE));
        assertMentions(e.getMessage(), "holds 4 bytes, too few for 2147395600 pixels");
    }

    @Test
    void literalRunCutByTheEndOfTheSegmentIsShortNotAnIndexError() {
        byte[] frame = RleFrameWriter.assemble(bytes(9, 1, 2, 3));
        assertThrows(DicomException.class, () -> decoder.decode(frame, gray(1, 10, 8), RLE));
    }

    @Test
    void wrongSegmentCountIsRefused() {
        byte[] frame = RleFrameWriter.assemble(bytes(-1, 1));
        DicomException e = assertThrows(DicomException.class, () -> decoder.decode(frame, gray(1, 2, 16), RLE));
        assertMentions(e.getMessage(), "declares 1 segments", "need 2");
    }

    @Test
    void headerShorterThan64BytesIsRefused() {
        DicomException e = assertThrows(DicomException.class,
                () -> decoder.decode(new byte[10], gray(1, 1, 8), RLE));
        assertMentions(e.getMessage(), "shorter than its 64-byte header");
    }

    @Test
    void offsetsOutsideTheFrameOrOutOfOrderAreRefused() {
        byte[] frame = RleFrameWriter.assemble(bytes(-1, 1), bytes(-1, 2));
        byte[] beyond = frame.clone();
        beyond[8] = (byte) 0xFF; // segment 2 offset far past the end
        assertMentions(assertThrows(DicomException.class, () -> decoder.decode(beyond, gray(1, 2, 16), RLE))
                .getMessage(), "segment 2 offset");
        byte[] backwards = frame.clone();
        backwards[8] = 10; // before the header's end
        assertThrows(DicomException.class, () -> decoder.decode(backwards, gray(1, 2, 16), RLE));
    }

    @Test
    void bitsAllocatedOneIsRefusedAsTheReferenceDecodersDo() {
        byte[] frame = RleFrameWriter.assemble(bytes(-1, 0));
        DicomException e = assertThrows(DicomException.class, () -> decoder.decode(frame,
                new PixelFormat(1, 16, 1, 1, 1, 0, false, "MONOCHROME2", 0), RLE));
        assertMentions(e.getMessage(), "Bits Allocated 1");
    }

    @Test
    void garbageNeverEscapesAsAnotherException() {
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 500; i++) {
            byte[] frame = new byte[random.nextInt(200)];
            random.nextBytes(frame);
            if (frame.length >= 4) {
                frame[0] = (byte) (1 + random.nextInt(3));
                frame[1] = frame[2] = frame[3] = 0;
            }
            try {
                decoder.decode(frame, gray(4, 4, 8), RLE);
            } catch (DicomException expected) {
                assertTrue(expected.getMessage().startsWith("1.2.840.10008.1.2.5 (RLE Lossless): "));
            }
        }
    }

    @Property(tries = 60)
    void roundTripsWhatAStandardEncoderWrote(@ForAll("images") Image image) throws DicomException {
        byte[] frame = RleFrameWriter.encode(image.samples, image.samplesPerPixel, image.bytesPerSample);
        int bits = image.bytesPerSample * 8;
        PixelFormat format = new PixelFormat(image.rows, image.columns, image.samplesPerPixel, bits, bits,
                bits - 1, false, image.samplesPerPixel == 3 ? "RGB" : "MONOCHROME2", 0);
        assertArrayEquals(image.samples, decoder.decode(frame, format, RLE).samples());
    }

    record Image(int rows, int columns, int samplesPerPixel, int bytesPerSample, int[] samples) {
        @Override
        public String toString() {
            return rows + "x" + columns + "x" + samplesPerPixel + " " + (8 * bytesPerSample) + "-bit "
                    + Arrays.toString(Arrays.copyOf(samples, Math.min(12, samples.length)));
        }
    }

    @Provide
    Arbitrary<Image> images() {
        Arbitrary<Integer> rows = Arbitraries.integers().between(1, 12);
        Arbitrary<Integer> columns = Arbitraries.integers().between(1, 40);
        Arbitrary<Integer> spp = Arbitraries.of(1, 3);
        Arbitrary<Integer> bytes = Arbitraries.of(1, 2, 4);
        return Combinators.combine(rows, columns, spp, bytes).flatAs((r, c, s, b) -> {
            int max = b == 4 ? Integer.MAX_VALUE : (1 << (8 * b)) - 1;
            // few distinct values so that replicate runs occur as well as literals
            Arbitrary<Integer> value = Arbitraries.oneOf(Arbitraries.of(0, 1, max),
                    Arbitraries.integers().between(0, max));
            return value.array(int[].class).ofSize(r * c * s).map(v -> new Image(r, c, s, b, v));
        });
    }
}
