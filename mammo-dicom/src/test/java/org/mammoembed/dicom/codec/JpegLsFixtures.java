package org.mammoembed.dicom.codec;

import org.mammoembed.dicom.TransferSyntax;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The committed JPEG-LS fixtures made by CharLS ({@code src/test/python/make_jpegls_fixtures.py}): each a
 * codestream and the samples CharLS decodes from it.
 */
record JpegLsFixtures(String name, int width, int height, int components, int bits, int near, int interleave,
                      boolean decodable) {

    private static final String FOLDER = "jpegls/";

    static List<JpegLsFixtures> all() {
        List<JpegLsFixtures> fixtures = new ArrayList<>();
        for (String line : new String(resource("fixtures.tsv"), StandardCharsets.US_ASCII).split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            fixtures.add(new JpegLsFixtures(f[0], Integer.parseInt(f[1]), Integer.parseInt(f[2]),
                    Integer.parseInt(f[3]), Integer.parseInt(f[4]), Integer.parseInt(f[5]), Integer.parseInt(f[6]),
                    f[7].equals("decode")));
        }
        return fixtures;
    }

    static JpegLsFixtures named(String name) {
        return all().stream().filter(f -> f.name.equals(name)).findFirst().orElseThrow();
    }

    byte[] stream() {
        return resource(name + ".jls");
    }

    /** CharLS's decoding, pixel-interleaved. */
    int[] expectedSamples() {
        ByteBuffer raw = ByteBuffer.wrap(resource(name + ".raw")).order(ByteOrder.LITTLE_ENDIAN);
        int[] samples = new int[raw.remaining() / 2];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = raw.getShort() & 0xFFFF;
        }
        return samples;
    }

    PixelFormat format() {
        return new PixelFormat(height, width, components, bits <= 8 ? 8 : 16, bits, bits - 1, false,
                components == 3 ? "RGB" : "MONOCHROME2", 0);
    }

    String transferSyntax() {
        return near == 0 ? TransferSyntax.JPEG_LS_LOSSLESS_UID : TransferSyntax.JPEG_LS_NEAR_LOSSLESS_UID;
    }

    private static byte[] resource(String file) {
        try (InputStream in = JpegLsFixtures.class.getResourceAsStream(FOLDER + file)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + FOLDER + file);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
