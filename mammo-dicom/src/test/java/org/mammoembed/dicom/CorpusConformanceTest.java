package org.mammoembed.dicom;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.mammoembed.core.DecodedImage;
import org.mammoembed.core.MammoException;
import org.mammoembed.dicom.codec.Codecs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every file of the shared DICOM corpus (opt-in: {@code -Dmammo.corpus=...}) against its decode oracle: decode
 * files must match by the README's rules, reject files must be refused with a DicomException, and nothing may
 * hang or throw anything else. Files whose transfer syntax needs a codec that is not registered are counted as
 * "codec missing", not as failures.
 */
class CorpusConformanceTest {
    private static final Logger LOG = LoggerFactory.getLogger(CorpusConformanceTest.class);

    enum Outcome { PASS, REFUSED_AS_EXPECTED, CODEC_MISSING, FAIL }

    @Test
    void everyCorpusFileDecodesOrIsRefusedAsTheOracleSays() throws Exception {
        Path root = CorpusManifest.folder();
        List<JsonNode> manifest = CorpusManifest.entries(root);
        DicomFileReader reader = DicomFileReader.create();
        Map<String, int[]> tally = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            for (JsonNode entry : manifest) {
                String path = entry.get("path").asText();
                String ts = entry.path("transfer_syntax_uid").isNull() ? "(none) implicit VR LE"
                        : entry.get("transfer_syntax_uid").asText() + " " + entry.path("transfer_syntax_name").asText();
                Future<String[]> f = pool.submit(() -> check(reader, root.resolve(path), entry));
                String[] result;
                try {
                    result = f.get(20, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    f.cancel(true);
                    result = new String[] {Outcome.FAIL.name(), "hung for more than 20 s"};
                }
                Outcome o = Outcome.valueOf(result[0]);
                tally.computeIfAbsent(ts, k -> new int[Outcome.values().length])[o.ordinal()]++;
                if (o == Outcome.FAIL) {
                    failures.add(path + ": " + result[1]);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        StringBuilder table = new StringBuilder("corpus tally (pass / refused as expected / codec missing / fail):");
        tally.forEach((ts, c) -> table.append(String.format("%n  %3d %3d %3d %3d  %s", c[0], c[1], c[2], c[3], ts)));
        LOG.info("{}", table);
        failures.forEach(m -> LOG.warn("FAIL {}", m));
        assertTrue(failures.isEmpty(), failures.size() + " corpus files fail:\n" + String.join("\n", failures));
    }

    @Test
    void metadataMatchesTheManifestHeaderFacts() throws Exception {
        Path root = CorpusManifest.folder();
        List<JsonNode> manifest = CorpusManifest.entries(root);
        DicomFileReader reader = DicomFileReader.create();
        List<String> mismatches = new ArrayList<>();
        int checked = 0;
        for (JsonNode entry : manifest) {
            if (!entry.get("expect").asText().equals("decode")) {
                continue;
            }
            String path = entry.get("path").asText();
            org.mammoembed.core.ImageMetadata m = reader.readMetadata(root.resolve(path));
            String view = entry.path("view_position").isNull() ? textOrNull(entry, "view_code_meaning")
                    : entry.get("view_position").asText();
            compare(mismatches, path, "sop class", textOrNull(entry, "sop_class_uid"), m.sopClassUid());
            compare(mismatches, path, "modality", textOrNull(entry, "modality"), m.modality());
            compare(mismatches, path, "laterality", textOrNull(entry, "laterality"), m.laterality());
            compare(mismatches, path, "view", view, m.viewPosition());
            compare(mismatches, path, "intent", textOrNull(entry, "presentation_intent_type"), m.presentationIntent());
            compare(mismatches, path, "rows", entry.get("rows").asText(), Integer.toString(m.rows()));
            compare(mismatches, path, "columns", entry.get("columns").asText(), Integer.toString(m.columns()));
            compare(mismatches, path, "frames", entry.path("frames").asText("1"), Integer.toString(m.frames()));
            compare(mismatches, path, "mammography", entry.get("is_mammography").asText(),
                    Boolean.toString(m.isMammography()));
            checked++;
        }
        LOG.info("metadata checked for {} files, {} mismatches", checked, mismatches.size());
        assertTrue(mismatches.isEmpty(), String.join("\n", mismatches));
    }

    private static String textOrNull(JsonNode entry, String field) {
        JsonNode n = entry.get(field);
        return n == null || n.isNull() || n.asText().isBlank() ? null : n.asText().trim();
    }

    private static void compare(List<String> out, String path, String what, String expected, String actual) {
        if (!java.util.Objects.equals(expected, actual)) {
            out.add(path + ": " + what + " '" + actual + "', manifest says '" + expected + "'");
        }
    }

    private static String[] check(DicomFileReader reader, Path file, JsonNode entry) {
        boolean expectDecode = entry.get("expect").asText().equals("decode");
        String tsUid = entry.path("transfer_syntax_uid").asText("");
        TransferSyntax ts = TransferSyntax.of(tsUid.isEmpty() ? TransferSyntax.IMPLICIT_VR_LE_UID : tsUid);
        boolean codecMissing = ts.encapsulated() && Codecs.find(ts.uid()).isEmpty();
        try {
            DecodedImage image = reader.read(file);
            if (!expectDecode) {
                return codecMissing ? outcome(Outcome.FAIL, "decoded a reject file without a codec?")
                        : outcome(Outcome.FAIL, "decoded, but the oracle rejects it: " + entry.path("reject_reason"));
            }
            String why = OracleJudge.judge(entry, image.pixels(), image.rows(), image.columns(),
                    image.samplesPerPixel());
            return why == null ? outcome(Outcome.PASS, "") : outcome(Outcome.FAIL, why);
        } catch (DicomException e) {
            if (!expectDecode) {
                return outcome(Outcome.REFUSED_AS_EXPECTED, e.getMessage());
            }
            if (codecMissing) {
                return outcome(Outcome.CODEC_MISSING, e.getMessage());
            }
            return outcome(Outcome.FAIL, "refused: " + e.getMessage());
        } catch (MammoException e) {
            return outcome(Outcome.FAIL, "MammoException that is not a DicomException: " + e);
        } catch (RuntimeException | Error e) {
            return outcome(Outcome.FAIL, "threw " + e);
        }
    }

    private static String[] outcome(Outcome o, String detail) {
        return new String[] {o.name(), detail};
    }
}
