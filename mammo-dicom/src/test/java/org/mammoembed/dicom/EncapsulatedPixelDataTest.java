package org.mammoembed.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mammoembed.core.DecodedImage;
import org.mammoembed.core.Stage;
import org.mammoembed.dicom.codec.DecodedFrame;
import org.mammoembed.dicom.codec.FrameDecoder;
import org.mammoembed.dicom.codec.PixelFormat;

/**
 * Encapsulated pixel data (PS3.5 A.4) with a stand-in codec: each frame's codestream is a JPEG SOI marker
 * followed by raw 8-bit samples, so the test sees exactly which bytes the reader joined for a frame.
 */
class EncapsulatedPixelDataTest {
    private static final String RLE = "1.2.840.10008.1.2.5";

    @TempDir
    Path dir;

    /** "Decodes" SOI + raw samples; refuses anything else, as a real codec would refuse a broken stream. */
    static final class RawAfterSoi implements FrameDecoder {
        String photometric = null;
        boolean asWords;

        @Override
        public boolean supports(String transferSyntaxUid) {
            return true;
        }

        @Override
        public DecodedFrame decode(byte[] frame, PixelFormat format, String ts) throws DicomException {
            if (frame.length < format.samplesPerFrame() + 2 || (frame[0] & 0xFF) != 0xFF
                    || (frame[1] & 0xFF) != 0xD8) {
                throw DicomException.decode("stand-in codec: bad frame of " + frame.length + " bytes");
            }
            int[] s = new int[(int) format.samplesPerFrame()]; // fragments are padded to even length
            for (int i = 0; i < s.length; i++) {
                s[i] = frame[i + 2] & 0xFF;
            }
            String colour = photometric == null ? format.photometric() : photometric;
            if (asWords) {
                short[] w = new short[s.length];
                for (int i = 0; i < s.length; i++) {
                    w[i] = (short) s[i];
                }
                return DecodedFrame.ofWords(w, colour);
            }
            return new DecodedFrame(s, colour);
        }
    }

    private final RawAfterSoi codec = new RawAfterSoi();
    private final DicomFileReader reader = DicomFileReader.builder().decoders(ts -> Optional.of(codec)).build();

    private static byte[] frame(int first, int n) {
        byte[] b = new byte[n + 2];
        b[0] = (byte) 0xFF;
        b[1] = (byte) 0xD8;
        for (int i = 0; i < n; i++) {
            b[i + 2] = (byte) (first + i);
        }
        return b;
    }

    private static byte[] slice(byte[] b, int from, int to) {
        return java.util.Arrays.copyOfRange(b, from, to);
    }

    private Path write(int frames, byte[] bot, List<byte[]> fragments) {
        DicomAttributes a = DicomFiles.mgHeader();
        new NativePixels(2, 2, 1, 8, 8, false, "MONOCHROME2", 0, frames, new int[4 * frames]).writeTo(a);
        a.setEncapsulatedPixelData(bot, fragments);
        return DicomFiles.write(dir, "e" + System.nanoTime() + ".dcm", DicomFiles.writer(RLE), a);
    }

    private static byte[] offsets(int... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            b.putInt(v);
        }
        return b.array();
    }

    @Test
    void oneFragmentPerFrameWithoutOffsetTable() throws Exception {
        Path f = write(3, new byte[0], List.of(frame(0, 4), frame(10, 4), frame(20, 4)));
        assertArrayEquals(new float[] {10, 11, 12, 13}, reader.read(f, 1).pixels());
        assertArrayEquals(new float[] {20, 21, 22, 23}, reader.read(f, 2).pixels());
    }

    @Test
    void basicOffsetTableJoinsFramesSplitOverFragments() throws Exception {
        // frame 0: one fragment of 6 bytes (item 14 bytes); frame 1: two fragments of 2 and 4 bytes
        byte[] f1 = frame(50, 4);
        List<byte[]> fragments = List.of(frame(0, 4), slice(f1, 0, 2), slice(f1, 2, 6));
        Path f = write(2, offsets(0, 14), fragments);
        assertArrayEquals(new float[] {0, 1, 2, 3}, reader.read(f, 0).pixels());
        assertArrayEquals(new float[] {50, 51, 52, 53}, reader.read(f, 1).pixels());
    }

    @Test
    void withoutOffsetTableFramesAreSplitAtStartMarkers() throws Exception {
        byte[] f0 = frame(0, 4);
        byte[] f1 = frame(30, 4);
        List<byte[]> fragments = List.of(slice(f0, 0, 4), slice(f0, 4, 6), slice(f1, 0, 4), slice(f1, 4, 6));
        Path f = write(2, new byte[0], fragments);
        assertArrayEquals(new float[] {0, 1, 2, 3}, reader.read(f, 0).pixels());
        assertArrayEquals(new float[] {30, 31, 32, 33}, reader.read(f, 1).pixels());
    }

    @Test
    void singleFrameJoinsAllFragments() throws Exception {
        byte[] f0 = frame(7, 4);
        Path f = write(1, new byte[0], List.of(slice(f0, 0, 4), slice(f0, 4, 6)));
        assertArrayEquals(new float[] {7, 8, 9, 10}, reader.read(f).pixels());
    }

    @Test
    void extendedOffsetTableIsUsed() throws Exception {
        byte[] f1 = frame(90, 4);
        List<byte[]> fragments = List.of(frame(0, 4), slice(f1, 0, 2), slice(f1, 2, 6));
        DicomAttributes a = DicomFiles.mgHeader();
        new NativePixels(2, 2, 1, 8, 8, false, "MONOCHROME2", 0, 2, new int[8]).writeTo(a);
        // the Basic Offset Table is empty; only the extended table tells where frame 1 starts
        ByteBuffer eot = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(0).putLong(14);
        ByteBuffer lengths = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(6).putLong(22);
        a.setBytes(Tag.EXTENDED_OFFSET_TABLE, Vr.OV, eot.array())
                .setBytes(Tag.EXTENDED_OFFSET_TABLE_LENGTHS, Vr.OV, lengths.array())
                .setEncapsulatedPixelData(new byte[0], fragments);
        Path f = DicomFiles.write(dir, "eot.dcm", DicomFiles.writer(RLE), a);
        assertArrayEquals(new float[] {90, 91, 92, 93}, reader.read(f, 1).pixels());
    }

    @Test
    void codecOutputInYbrIsConvertedToRgb() throws Exception {
        codec.photometric = "YBR_FULL";
        DicomAttributes a = DicomFiles.mgHeader();
        new NativePixels(1, 1, 3, 8, 8, false, "YBR_FULL", 0, 1, new int[3]).writeTo(a);
        byte[] fr = {(byte) 0xFF, (byte) 0xD8, 100, (byte) 128, (byte) 228};
        a.setEncapsulatedPixelData(new byte[0], List.of(fr));
        Path f = DicomFiles.write(dir, "ybr.dcm", DicomFiles.writer(RLE), a);
        assertArrayEquals(new float[] {240, 29, 100}, reader.read(f).pixels());
        codec.asWords = true;
        assertArrayEquals(new float[] {240, 29, 100}, reader.read(f).pixels(), "the same samples as words");
    }

    private Path fourSamples(int bitsStored, boolean signed, int... samples) {
        DicomAttributes a = DicomFiles.mgHeader();
        new NativePixels(2, 2, 1, 8, bitsStored, signed, "MONOCHROME2", 0, 1, new int[4]).writeTo(a);
        byte[] fr = {(byte) 0xFF, (byte) 0xD8, (byte) samples[0], (byte) samples[1], (byte) samples[2],
                (byte) samples[3]};
        a.setEncapsulatedPixelData(new byte[0], List.of(fr));
        return DicomFiles.write(dir, "bits" + System.nanoTime() + ".dcm", DicomFiles.writer(RLE), a);
    }

    @Test
    void codecWordsAreMaskedAndSignExtendedAsCodecIntsAre() throws Exception {
        Path unsigned = fourSamples(4, false, 0x13, 0x0F, 0xF2, 0x07);
        Path signed = fourSamples(4, true, 0x13, 0x0F, 0xF2, 0x08);
        for (boolean words : new boolean[] {false, true}) {
            codec.asWords = words;
            String what = words ? "words" : "ints";
            DecodedImage u = reader.read(unsigned);
            assertArrayEquals(new float[] {3, 15, 2, 7}, u.pixels(), what);
            assertTrue(u.stored().isPresent(), what + ": the stored values, not a float image");
            assertArrayEquals(new float[] {3, -1, 2, -8}, reader.read(signed).pixels(), what);
        }
        assertThrows(IllegalArgumentException.class, () -> new DecodedFrame(null, null, "MONOCHROME2"));
        assertThrows(IllegalArgumentException.class, () -> new DecodedFrame(new int[1], new short[1], "RGB"));
    }

    @Test
    void uncheckedDecoderErrorsBecomeDicomExceptions() throws Exception {
        FrameDecoder broken = new FrameDecoder() {
            @Override
            public boolean supports(String ts) {
                return true;
            }

            @Override
            public DecodedFrame decode(byte[] frame, PixelFormat format, String ts) {
                throw new ArrayIndexOutOfBoundsException("bug inside an image library");
            }
        };
        Path f = write(1, new byte[0], List.of(frame(0, 4)));
        DicomException e = assertThrows(DicomException.class,
                () -> DicomFileReader.builder().decoders(ts -> Optional.of(broken)).build().read(f));
        assertEquals(Stage.DECODE, e.stage());
        assertTrue(e.getMessage().contains("RLE Lossless decoder failed"), e.getMessage());
    }

    @Test
    void transferSyntaxWithoutDecoderIsRefusedByName() throws Exception {
        DicomAttributes a = DicomFiles.mgHeader();
        new NativePixels(2, 2, 1, 8, 8, false, "MONOCHROME2", 0, 1, new int[4]).writeTo(a);
        a.setEncapsulatedPixelData(new byte[0], List.of(frame(0, 4)));
        Path f = DicomFiles.write(dir, "jxl.dcm", DicomFiles.writer("1.2.840.10008.1.2.4.111"), a);
        DicomException e = assertThrows(DicomException.class,
                () -> DicomFileReader.builder().decoders(ts -> Optional.empty()).build().read(f));
        assertEquals(Stage.DECODE, e.stage());
        assertTrue(e.getMessage().contains("1.2.840.10008.1.2.4.111") && e.getMessage().contains("JPEG XL")
                && e.getMessage().contains("jxl.dcm"), e.getMessage());
    }

    @Test
    void fragmentsThatCannotBeMappedToFramesAreRefused() {
        List<byte[]> fragments = new ArrayList<>(List.of(new byte[] {1, 2}, new byte[] {3, 4}, new byte[] {5, 6}));
        Path f = write(2, new byte[0], fragments);
        DicomException e = assertThrows(DicomException.class, () -> reader.read(f, 1));
        assertTrue(e.getMessage().contains("fragments"), e.getMessage());
    }
}
