package org.mammoembed.dicom.codec;

import org.mammoembed.dicom.TransferSyntax;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Test-only access to the JPEG-LS files of the shared DICOM corpus (opt-in through {@code -Dmammo.corpus=...}).
 * Frame extraction and the oracle's conventions are the codec tests' shared ones ({@link EncapsulatedFrames},
 * {@link CorpusCodecConformanceTest}).
 */
final class JpegLsTestCorpus {
    private JpegLsTestCorpus() {
    }

    /** Whether {@code mammo.corpus} names an existing folder. */
    static boolean available() {
        String value = System.getProperty("mammo.corpus");
        return value != null && !value.isBlank() && Files.isDirectory(Path.of(value));
    }

    /** The corpus folder; skips the calling test when the property is not set. */
    static Path folder() {
        assumeTrue(available(), "set -Dmammo.corpus to the dicom-corpus folder to run corpus tests");
        return Path.of(System.getProperty("mammo.corpus"));
    }

    /** Manifest entries whose transfer syntax is JPEG-LS. */
    static List<JsonNode> jpegLsEntries() throws IOException {
        JsonNode manifest = new ObjectMapper().readTree(folder().resolve("manifest.json").toFile());
        List<JsonNode> entries = new ArrayList<>();
        for (JsonNode entry : manifest) {
            String uid = entry.path("transfer_syntax_uid").asText();
            if (uid.equals(TransferSyntax.JPEG_LS_LOSSLESS_UID) || uid.equals(TransferSyntax.JPEG_LS_NEAR_LOSSLESS_UID)) {
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

    /** Frame 0's codestream. */
    static byte[] frame0(JsonNode e) throws IOException {
        return EncapsulatedFrames.firstFrame(folder().resolve(e.path("path").asText()), e.path("frames").asInt(1),
                false);
    }
}
