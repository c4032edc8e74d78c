package org.mammoembed.dicom;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Small files that declare huge images, as a hostile archive holds them (issue 11): each is cheap to store and
 * would exhaust a 512 MB heap if a reader believed its header. Shared by the memory tests and the fuzz run.
 */
public final class HostileFiles {
    private HostileFiles() {
    }

    /** Writes all four into {@code dir}; returns their paths. */
    public static List<Path> writeAll(Path dir) throws IOException {
        return List.of(jpegLsClaimingHugeImage(dir), rleOfHugeImage(dir), deflatedBomb(dir, 900),
                sparseNativeFile(dir));
    }

    private static DicomAttributes header(int rows, int columns, int bits) {
        return DicomFiles.mgHeader().setInts(Tag.ROWS, Vr.US, rows).setInts(Tag.COLUMNS, Vr.US, columns)
                .setInts(Tag.SAMPLES_PER_PIXEL, Vr.US, 1).setString(Tag.PHOTOMETRIC_INTERPRETATION, Vr.CS,
                        "MONOCHROME2")
                .setInts(Tag.BITS_ALLOCATED, Vr.US, bits).setInts(Tag.BITS_STORED, Vr.US, bits)
                .setInts(Tag.HIGH_BIT, Vr.US, bits - 1).setInts(Tag.PIXEL_REPRESENTATION, Vr.US, 0);
    }

    /** About 2.6 KB: a JPEG-LS frame whose header and SOF claim 16384 x 16384 x 16 bits. */
    public static Path jpegLsClaimingHugeImage(Path dir) throws IOException {
        byte[] stream = new byte[2000];
        Arrays.fill(stream, (byte) 0x5A);
        byte[] sof = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xF7, 0, 11, 16, 0x40, 0, 0x40, 0, 1, 1, 0x11, 0};
        System.arraycopy(sof, 0, stream, 0, sof.length);
        stream[stream.length - 2] = (byte) 0xFF;
        stream[stream.length - 1] = (byte) 0xD9;
        DicomAttributes a = header(16384, 16384, 16).setEncapsulatedPixelData(new byte[0], List.of(stream));
        return DicomFiles.write(dir, "huge-jpegls.dcm", DicomFiles.writer(TransferSyntax.JPEG_LS_LOSSLESS_UID), a);
    }

    /** About 8 MB: one RLE segment of 128-byte runs, enough to fill a 16384 x 16384 x 8-bit frame. */
    public static Path rleOfHugeImage(Path dir) throws IOException {
        int pairs = 16384 * 16384 / 128 + 1;
        byte[] frame = new byte[64 + 2 * pairs];
        ByteBuffer h = ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(0, 1).putInt(4, 64);
        for (int i = 0; i < pairs; i++) {
            frame[64 + 2 * i] = (byte) -127; // repeat the next byte 128 times
            frame[65 + 2 * i] = (byte) (i & 0x7F);
        }
        DicomAttributes a = header(16384, 16384, 8).setEncapsulatedPixelData(new byte[0], List.of(frame));
        return DicomFiles.write(dir, "huge-rle.dcm", DicomFiles.writer(TransferSyntax.RLE_LOSSLESS_UID), a);
    }

    /**
     * About 1 KB per inflated MB: a Deflated Explicit VR Little Endian data set holding a private OB element of
     * {@code inflatedMb} MB of zeros, then a 64 x 64 image.
     */
    public static Path deflatedBomb(Path dir, int inflatedMb) throws IOException {
        DicomAttributes a = header(64, 64, 8);
        byte[] withMeta = DicomFiles.writer(TransferSyntax.DEFLATED_EXPLICIT_VR_LE_UID).encode(a);
        int metaEnd = 144 + ByteBuffer.wrap(withMeta).order(ByteOrder.LITTLE_ENDIAN).getInt(140);
        byte[] plain = DicomFiles.writer(TransferSyntax.EXPLICIT_VR_LE_UID).encode(a);
        int plainMetaEnd = 144 + ByteBuffer.wrap(plain).order(ByteOrder.LITTLE_ENDIAN).getInt(140);
        byte[] body = Arrays.copyOfRange(plain, plainMetaEnd, plain.length);
        Path file = dir.resolve("deflated-bomb.dcm");
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(withMeta, 0, metaEnd);
            Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
            try (DeflaterOutputStream d = new DeflaterOutputStream(out, deflater, 1 << 16)) {
                d.write(body);
                long bulk = (long) inflatedMb << 20;
                ByteBuffer el = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
                el.putShort((short) 0x0029).putShort((short) 0x1010).put((byte) 'O').put((byte) 'B').putShort((short) 0)
                        .putInt((int) bulk);
                d.write(el.array());
                byte[] zeros = new byte[1 << 20];
                for (long done = 0; done < bulk; done += zeros.length) {
                    d.write(zeros);
                }
                ByteBuffer px = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
                px.putShort((short) 0x7FE0).putShort((short) 0x0010).put((byte) 'O').put((byte) 'B').putShort((short) 0)
                        .putInt(64 * 64);
                d.write(px.array());
                d.write(new byte[64 * 64]);
            } finally {
                deflater.end();
            }
        }
        return file;
    }

    /**
     * A sparse file just under 2 GiB (a few KB on disk): explicit VR little endian, two frames of 16384 x 16384 x 32
     * bits of native pixel data (the second one cut short) that are all holes.
     */
    public static Path sparseNativeFile(Path dir) throws IOException {
        DicomAttributes a = header(16384, 16384, 32).setString(Tag.NUMBER_OF_FRAMES, Vr.IS, "2")
                .setBytes(Tag.PIXEL_DATA, Vr.OW, new byte[4]);
        byte[] bytes = DicomFiles.writer(TransferSyntax.EXPLICIT_VR_LE_UID).encode(a);
        long pixelBytes = (1L << 31) - 1024;
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int lengthAt = bytes.length - 4 - 4; // the OW element's 32-bit length, before the 4 value bytes
        b.putInt(lengthAt, (int) pixelBytes);
        Path file = dir.resolve("sparse-native.dcm");
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 4));
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(bytes.length - 4 + pixelBytes);
        }
        return file;
    }
}
