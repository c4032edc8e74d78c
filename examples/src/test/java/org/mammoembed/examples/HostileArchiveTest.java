package org.mammoembed.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mammoembed.dicom.DicomAttributes;
import org.mammoembed.dicom.DicomWriter;
import org.mammoembed.dicom.NativePixels;
import org.mammoembed.dicom.Tag;
import org.mammoembed.dicom.TransferSyntax;
import org.mammoembed.dicom.Vr;
import org.mammoembed.io.NpyReader;

/**
 * An embed run, in its own JVM at -Xmx512m (the heap the README recommends), over an archive where hostile files
 * lie next to good images: small files declaring huge images (JPEG-LS, RLE, a deflated data set inflating to
 * 900 MB, a sparse 2 GiB native file), a rescale that overflows float32, a name in the Photometric
 * Interpretation, a length corrupted in front of the PatientName. The run finishes with exit 0 under
 * --max-failure-rate 1.0, each hostile file is in failures.csv with a specific message and no PHI, and every good
 * image is embedded.
 */
class HostileArchiveTest {
    private static final String NAME = "ZQWYX^VKPJGB";

    @TempDir
    Path tmp;

    private static DicomAttributes header(int rows, int columns, int bits) {
        return new DicomAttributes()
                .setString(Tag.SOP_CLASS_UID, Vr.UI, DemoDataset.SOP_CLASS_MG_PRESENTATION)
                .setString(Tag.SOP_INSTANCE_UID, Vr.UI, "2.25.99")
                .setString(Tag.MODALITY, Vr.CS, "MG")
                .setString(Tag.PATIENT_NAME, Vr.PN, NAME)
                .setInts(Tag.ROWS, Vr.US, rows).setInts(Tag.COLUMNS, Vr.US, columns)
                .setInts(Tag.SAMPLES_PER_PIXEL, Vr.US, 1)
                .setString(Tag.PHOTOMETRIC_INTERPRETATION, Vr.CS, "MONOCHROME2")
                .setInts(Tag.BITS_ALLOCATED, Vr.US, bits).setInts(Tag.BITS_STORED, Vr.US, bits)
                .setInts(Tag.HIGH_BIT, Vr.US, bits - 1).setInts(Tag.PIXEL_REPRESENTATION, Vr.US, 0);
    }

    private static DicomWriter writer(String ts) {
        return DicomWriter.builder().transferSyntax(ts).build();
    }

    /** A 64 x 48 grey image with the given header changes. */
    private static DicomAttributes small(double slope, String photometric) {
        int[] px = new int[64 * 48];
        for (int i = 0; i < px.length; i++) {
            px[i] = i % 4000;
        }
        return NativePixels.grayscale(64, 48, 16, 12, false, "MONOCHROME2", px).writeTo(header(64, 48, 16))
                .setDoubles(Tag.RESCALE_SLOPE, Vr.DS, slope)
                .setString(Tag.PHOTOMETRIC_INTERPRETATION, Vr.CS, photometric);
    }

    /** Writes the hostile files into {@code folder}; returns file name to a word its failure message must hold. */
    private static Map<String, String> writeHostile(Path folder) throws IOException {
        Map<String, String> expect = new HashMap<>();
        byte[] ls = new byte[2000];
        byte[] sof = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xF7, 0, 11, 16, 0x40, 0, 0x40, 0, 1, 1, 0x11, 0};
        System.arraycopy(sof, 0, ls, 0, sof.length);
        writer(TransferSyntax.JPEG_LS_LOSSLESS_UID).write(folder.resolve("jpegls-huge.dcm"),
                header(16384, 16384, 16).setEncapsulatedPixelData(new byte[0], List.of(ls)));
        expect.put("jpegls-huge.dcm", "memory budget");

        byte[] rle = new byte[64 + 2 * (16384 * 16384 / 128)];
        ByteBuffer.wrap(rle).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 1).putInt(4, 64);
        for (int i = 64; i < rle.length; i += 2) {
            rle[i] = (byte) -127;
        }
        writer(TransferSyntax.RLE_LOSSLESS_UID).write(folder.resolve("rle-huge.dcm"),
                header(16384, 16384, 8).setEncapsulatedPixelData(new byte[0], List.of(rle)));
        expect.put("rle-huge.dcm", "memory budget");

        writeDeflatedBomb(folder.resolve("deflate-bomb.dcm"));
        expect.put("deflate-bomb.dcm", "inflates to more than");

        byte[] sparse = writer(TransferSyntax.EXPLICIT_VR_LE_UID).encode(header(16384, 16384, 32)
                .setBytes(Tag.PIXEL_DATA, Vr.OW, new byte[4]));
        long pixelBytes = (1L << 31) - 2048;
        ByteBuffer.wrap(sparse).order(ByteOrder.LITTLE_ENDIAN).putInt(sparse.length - 8, (int) pixelBytes);
        Path sparseFile = folder.resolve("sparse-2gib.dcm");
        Files.write(sparseFile, Arrays.copyOf(sparse, sparse.length - 4));
        try (RandomAccessFile raf = new RandomAccessFile(sparseFile.toFile(), "rw")) {
            raf.setLength(sparse.length - 4 + pixelBytes);
        }
        expect.put("sparse-2gib.dcm", "memory budget");

        writer(TransferSyntax.EXPLICIT_VR_LE_UID).write(folder.resolve("inf.dcm"), small(1e38, "MONOCHROME2"));
        expect.put("inf.dcm", "infinite");
        writer(TransferSyntax.EXPLICIT_VR_LE_UID).write(folder.resolve("name-photometric.dcm"), small(1, NAME));
        expect.put("name-photometric.dcm", "not a defined term");

        byte[] misaligned = writer(TransferSyntax.EXPLICIT_VR_LE_UID).encode(small(1, "MONOCHROME2"));
        int at = indexOf(misaligned, NAME.getBytes(StandardCharsets.US_ASCII));
        misaligned[at - 2] += 6; // PatientName's 16-bit length: the parser lands inside the name
        Files.write(folder.resolve("misaligned.dcm"), misaligned);
        expect.put("misaligned.dcm", "offset");
        return expect;
    }

    private static void writeDeflatedBomb(Path file) throws IOException {
        DicomAttributes a = header(64, 64, 8);
        byte[] withMeta = writer(TransferSyntax.DEFLATED_EXPLICIT_VR_LE_UID).encode(a);
        int metaEnd = 144 + ByteBuffer.wrap(withMeta).order(ByteOrder.LITTLE_ENDIAN).getInt(140);
        byte[] plain = writer(TransferSyntax.EXPLICIT_VR_LE_UID).encode(a);
        int plainMetaEnd = 144 + ByteBuffer.wrap(plain).order(ByteOrder.LITTLE_ENDIAN).getInt(140);
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(withMeta, 0, metaEnd);
            Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
            try (DeflaterOutputStream d = new DeflaterOutputStream(out, deflater, 1 << 16)) {
                d.write(plain, plainMetaEnd, plain.length - plainMetaEnd);
                ByteBuffer el = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
                el.putShort((short) 0x0029).putShort((short) 0x1010).put((byte) 'O').put((byte) 'B')
                        .putShort((short) 0).putInt(900 << 20);
                d.write(el.array());
                byte[] zeros = new byte[1 << 20];
                for (int i = 0; i < 900; i++) {
                    d.write(zeros);
                }
            } finally {
                deflater.end();
            }
        }
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (hay[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }

    @Test
    void hostileFilesFailOneByOneAndEveryGoodImageIsEmbedded() throws Exception {
        Path csv = CliFixture.study(tmp.resolve("data"), 1);
        Path root = tmp.resolve("data/archive");
        List<String> exams = new ArrayList<>();
        try (var s = Files.list(root)) {
            s.filter(Files::isDirectory).sorted().forEach(p -> exams.add(p.getFileName().toString()));
        }
        int good;
        try (var s = Files.walk(root)) {
            good = (int) s.filter(p -> p.toString().endsWith(".dcm")).count();
        }
        Map<String, String> expect = writeHostile(root.resolve(exams.get(0)));
        Path model = CliFixture.tinyModel(tmp, CliFixture.MODEL_SEED);
        Path out = tmp.resolve("out");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx512m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp",
                System.getProperty("java.class.path"), Mammography.class.getName(), "embed", "--csv", csv.toString(),
                "--dicom-root", root.toString(), "--outdir", out.toString(), "--model", model.toString(),
                "--workers", "2", "--batch-size", "4", "--device", "cpu", "--max-failure-rate", "1.0")
                .redirectErrorStream(true).start();
        String console = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), console);
        assertEquals(0, p.exitValue(), console);
        assertFalse(console.contains("\tat "), "no stack trace: " + console);
        assertFalse(console.contains("VKPJ"), "no PHI on the console: " + console);

        List<Map<String, String>> failures = CliFixture.readCsv(out.resolve("failures.csv"));
        Map<String, String> byFile = new HashMap<>();
        for (Map<String, String> f : failures) {
            String path = f.get("ImagePath");
            byFile.put(path.substring(path.lastIndexOf('/') + 1), f.get("Message"));
            assertFalse(f.get("Message").contains("VKPJ"), "no PHI in failures.csv: " + f);
        }
        assertEquals(expect.keySet(), byFile.keySet(), failures::toString);
        expect.forEach((file, word) -> assertTrue(byFile.get(file).contains(word), file + ": " + byFile.get(file)));
        assertEquals(good, NpyReader.read(out.resolve("features.npy")).shape()[0], "every good image embedded");
        assertFalse(Files.readString(out.resolve("run.log")).contains("VKPJ"), "no PHI in run.log");
    }
}
