package org.mammoembed.embed.preprocess;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Stand-in for the DICOM reader (written in parallel) in the corpus parity test: takes the last
 * {@code rows * columns} unsigned 16-bit little-endian values of a native (optionally deflated) file, which is where
 * the corpus's uncompressed mammograms keep their pixel data, and proves the guess right by comparing with the
 * manifest's {@code output_int_sha256} (their modality LUT is the identity: slope 1, intercept 0).
 */
final class CorpusPixels {
    private CorpusPixels() {
    }

    static float[] read(Path corpus, String relativePath, int rows, int cols, boolean deflated)
            throws IOException, DataFormatException {
        byte[] file = Files.readAllBytes(corpus.resolve(relativePath));
        byte[] dataset = deflated ? inflateAfterMeta(file) : file;
        int n = rows * cols;
        ByteBuffer b = ByteBuffer.wrap(dataset, dataset.length - 2 * n, 2 * n).order(ByteOrder.LITTLE_ENDIAN);
        float[] px = new float[n];
        ByteBuffer ints = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            int v = Short.toUnsignedInt(b.getShort());
            px[i] = v;
            ints.putInt(v);
        }
        String expected = manifestValue(corpus, relativePath, "output_int_sha256");
        String actual = sha256(ints.array());
        if (!actual.equals(expected)) {
            throw new IllegalStateException(relativePath + ": pixel tail hashes to " + actual + ", manifest says "
                    + expected);
        }
        return px;
    }

    private static byte[] inflateAfterMeta(byte[] file) throws DataFormatException {
        // preamble (128) + "DICM" + (0002,0000) UL: tag 4, VR 2, length 2, value 4 = the rest of group 0002
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        int groupLength = b.getInt(132 + 8);
        int start = 132 + 12 + groupLength;
        Inflater inflater = new Inflater(true);
        inflater.setInput(file, start, file.length - start);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        while (!inflater.finished()) {
            int k = inflater.inflate(buf);
            if (k == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                break;
            }
            out.write(buf, 0, k);
        }
        inflater.end();
        return out.toByteArray();
    }

    private static String manifestValue(Path corpus, String relativePath, String key) throws IOException {
        String json = Files.readString(corpus.resolve("manifest.json"), StandardCharsets.UTF_8);
        int at = json.indexOf("\"path\": \"" + relativePath + "\"");
        if (at < 0) {
            throw new IllegalStateException(relativePath + " is not in the manifest");
        }
        Matcher m = Pattern.compile("\"" + key + "\": \"([0-9a-f]+)\"").matcher(json);
        if (!m.find(at)) {
            throw new IllegalStateException(key + " missing for " + relativePath);
        }
        return m.group(1);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
