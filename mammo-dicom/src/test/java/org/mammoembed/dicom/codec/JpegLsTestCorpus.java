package org.mammoembed.dicom.codec;

import org.mammoembed.dicom.CorpusManifest;
import org.mammoembed.dicom.TransferSyntax;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Test-only access to the JPEG-LS files of the shared DICOM corpus (opt-in through {@code -Dmammo.corpus=...}).
 * Frames come from the real reader ({@link ReaderFrames}), the oracle's conventions from
 * {@link CorpusCodecConformanceTest}.
 */
final class JpegLsTestCorpus {
    private JpegLsTestCorpus() {
    }

    /** Manifest entries whose transfer syntax is JPEG-LS. */
    static List<JsonNode> jpegLsEntries() throws IOException {
        List<JsonNode> entries = new ArrayList<>();
        for (JsonNode entry : CorpusManifest.entries(CorpusManifest.folder())) {
            String uid = entry.path("transfer_syntax_uid").asText();
            if (uid.equals(TransferSyntax.JPEG_LS_LOSSLESS_UID)
                    || uid.equals(TransferSyntax.JPEG_LS_NEAR_LOSSLESS_UID)) {
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
        Path file = CorpusManifest.folder().resolve(e.path("path").asText());
        return ReaderFrames.firstFrame(file).orElseThrow(() -> new IOException("the reader passed no frame of "
                + file.getFileName() + " to a codec")).data();
    }
}
