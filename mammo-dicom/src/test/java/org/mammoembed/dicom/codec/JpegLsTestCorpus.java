package org.mammoembed.dicom.codec;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Test-only access to the shared DICOM corpus (opt-in through {@code -Dmammo.corpus=...}): its JPEG-LS
 * manifest entries and, since the DICOM parser is written elsewhere, a minimal extraction of frame 0's
 * codestream from the encapsulated Pixel Data.
 */
final class JpegLsTestCorpus {
    private JpegLsTestCorpus() {
    }

    /** The corpus folder; skips the calling test when the property is not set. */
    static Path folder() {
        String value = System.getProperty("mammo.corpus");
        assumeTrue(value != null && !value.isBlank() && Files.isDirectory(Path.of(value)),
                "set -Dmammo.corpus to the dicom-corpus folder to run corpus tests");
        return Path.of(value);
    }

    /** Manifest entries whose transfer syntax is JPEG-LS. */
    static List<JsonNode> jpegLsEntries() throws IOException {
        JsonNode manifest = new ObjectMapper().readTree(folder().resolve("manifest.json").toFile());
        List<JsonNode> entries = new ArrayList<>();
        for (JsonNode entry : manifest) {
            String uid = entry.path("transfer_syntax_uid").asText();
            if (uid.equals(JpegLsDecoder.LOSSLESS) || uid.equals(JpegLsDecoder.NEAR_LOSSLESS)) {
                entries.add(entry);
            }
        }
        return entries;
    }

    static JsonNode entry(String path) throws IOException {
        for (JsonNode entry : jpegLsEntries()) {
            if (entry.path("path").asText().equals(path)) {
                return entry;
            }
        }
        throw new IllegalArgumentException("no JPEG-LS corpus entry " + path);
    }

    static PixelFormat formatOf(JsonNode e) {
        return new PixelFormat(e.path("rows").asInt(), e.path("columns").asInt(), e.path("samples_per_pixel").asInt(),
                e.path("bits_allocated").asInt(), e.path("bits_stored").asInt(), e.path("high_bit").asInt(),
                e.path("pixel_representation").asInt() == 1, e.path("photometric_interpretation").asText(),
                e.path("planar_configuration").asInt(0));
    }

    static byte[] frame0(JsonNode e) throws IOException {
        return frame0(Files.readAllBytes(folder().resolve(e.path("path").asText())), e.path("frames").asInt(1));
    }

    /**
     * Frame 0 of encapsulated Pixel Data (PS3.5 A.4): the fragments the Basic Offset Table assigns to it, all
     * fragments of a single-frame object, or, without a table, the fragments up to the next one that starts
     * with an SOI marker.
     */
    static byte[] frame0(byte[] file, int frames) {
        int at = pixelDataValue(file);
        ByteBuffer in = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        List<byte[]> fragments = new ArrayList<>();
        List<Integer> itemOffsets = new ArrayList<>();
        int[] table = null;
        int firstFragment = -1;
        while (at + 8 <= file.length) {
            int group = in.getShort(at) & 0xFFFF;
            int element = in.getShort(at + 2) & 0xFFFF;
            int length = in.getInt(at + 4);
            if (group != 0xFFFE || element != 0xE000) {
                break; // sequence delimiter (or the end of what we understand)
            }
            byte[] value = java.util.Arrays.copyOfRange(file, at + 8, at + 8 + length);
            if (table == null) {
                ByteBuffer t = ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN);
                table = new int[length / 4];
                for (int i = 0; i < table.length; i++) {
                    table[i] = t.getInt(i * 4);
                }
                firstFragment = at + 8 + length;
            } else {
                fragments.add(value);
                itemOffsets.add(at - firstFragment);
            }
            at += 8 + length;
        }
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        for (int i = 0; i < fragments.size(); i++) {
            byte[] f = fragments.get(i);
            boolean inFrame0;
            if (table != null && table.length > 1) {
                inFrame0 = itemOffsets.get(i) < table[1];
            } else if (frames <= 1) {
                inFrame0 = true;
            } else {
                inFrame0 = i == 0 || !(f.length >= 2 && (f[0] & 0xFF) == 0xFF && (f[1] & 0xFF) == 0xD8);
                if (!inFrame0) {
                    break;
                }
            }
            if (inFrame0) {
                frame.write(f, 0, f.length);
            }
        }
        return frame.toByteArray();
    }

    /** Offset of the first item of the last top-level (7FE0,0010) OB/OW element with undefined length. */
    private static int pixelDataValue(byte[] f) {
        for (int i = f.length - 12; i >= 0; i--) {
            if ((f[i] & 0xFF) == 0xE0 && (f[i + 1] & 0xFF) == 0x7F && f[i + 2] == 0x10 && f[i + 3] == 0
                    && (f[i + 4] == 'O') && (f[i + 5] == 'B' || f[i + 5] == 'W') && f[i + 6] == 0 && f[i + 7] == 0
                    && f[i + 8] == -1 && f[i + 9] == -1 && f[i + 10] == -1 && f[i + 11] == -1) {
                return i + 12;
            }
        }
        throw new IllegalArgumentException("no encapsulated Pixel Data element");
    }

    /** Masks to Bits Stored and sign-extends, as the DICOM reader does after every codec. */
    static int[] storedValues(int[] samples, int bitsStored, boolean signed) {
        int[] out = new int[samples.length];
        int shift = 32 - bitsStored;
        for (int i = 0; i < samples.length; i++) {
            int masked = samples[i] & (int) ((1L << bitsStored) - 1);
            out[i] = signed ? (masked << shift) >> shift : masked;
        }
        return out;
    }

    static String sha256OfInt32(int[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asIntBuffer().put(values);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.array()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
