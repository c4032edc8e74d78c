package org.mammoembed.dicom;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The shared DICOM corpus for opt-in tests: the folder named by {@code -Dmammo.corpus} and the entries of its
 * {@code manifest.json} (one decode oracle per file, see the corpus README).
 */
public final class CorpusManifest {
    /** The system property that names the dicom-corpus folder. */
    public static final String PROPERTY = "mammo.corpus";

    private CorpusManifest() {
    }

    /** Whether {@code mammo.corpus} names an existing folder. */
    public static boolean available() {
        String value = System.getProperty(PROPERTY);
        return value != null && !value.isBlank() && Files.isDirectory(Path.of(value));
    }

    /** The corpus folder; skips the calling test (a JUnit assumption) when the property is not set. */
    public static Path folder() {
        assumeTrue(available(), "set -D" + PROPERTY + " to the dicom-corpus folder to run corpus tests");
        return Path.of(System.getProperty(PROPERTY));
    }

    /** Every manifest entry, in manifest order. */
    public static List<JsonNode> entries(Path folder) throws IOException {
        List<JsonNode> entries = new ArrayList<>();
        new ObjectMapper().readTree(folder.resolve("manifest.json").toFile()).forEach(entries::add);
        return entries;
    }
}
