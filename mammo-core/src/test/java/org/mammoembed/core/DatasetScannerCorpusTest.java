package org.mammoembed.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Opt-in: {@code -Dmammo.corpus=/path/to/dicom-corpus}. Every corpus file is found by content, nothing else. */
class DatasetScannerCorpusTest {

    @Test
    void fromFolderFindsExactlyTheManifestFilesInPathOrder() throws Exception {
        String corpus = System.getProperty("mammo.corpus", "");
        assumeTrue(!corpus.isBlank(), "set -Dmammo.corpus to run");
        Path root = Path.of(corpus);
        Matcher m = Pattern.compile("\"path\"\\s*:\\s*\"([^\"]+)\"")
                .matcher(Files.readString(root.resolve("manifest.json")));
        List<String> expected = new ArrayList<>();
        while (m.find()) {
            expected.add(m.group(1));
        }
        // the manifest is sorted by path string; our order is component-wise, so compare as sorted sets
        Dataset d = Dataset.fromFolder(root);
        List<String> found = d.images().stream().map(ImageRecord::relativePath).sorted().toList();
        assertEquals(expected.stream().sorted().toList(), found);
        assertEquals(List.of(), d.problems());
        for (ImageRecord r : d.images()) {
            assertEquals(r.relativePath().substring(0, r.relativePath().indexOf('/')), r.accessionNumber());
        }
    }
}
