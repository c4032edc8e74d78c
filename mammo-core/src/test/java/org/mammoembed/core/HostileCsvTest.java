package org.mammoembed.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mammoembed.core.internal.MessageText;

/** Input echoed into messages and failure rows is bounded and escaped, and the real cause is named. */
class HostileCsvTest {
    @TempDir
    Path tmp;

    private Dataset scan(String csvText) throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Path csv = tmp.resolve("labels.csv");
        Files.writeString(csv, csvText, StandardCharsets.UTF_8);
        return Dataset.fromCsv(csv, root);
    }

    private static void assertBounded(Failure f) {
        for (String field : new String[] {f.accessionNumber(), f.relativePath(), f.message()}) {
            assertTrue(field.length() < 400, "field of " + field.length() + " characters in " + f.errorClass());
            assertTrue(field.chars().noneMatch(c -> c < 0x20), "a raw control character in " + f);
        }
    }

    @Test
    void aGarbageHeaderGivesAShortError() {
        String header = "x,".repeat(300_000) + "y\nA1,A\n";
        MammoException e = assertThrows(MammoException.class, () -> scan(header));
        assertTrue(e.getMessage().length() < 400, e.getMessage().length() + " characters");
        assertTrue(e.getMessage().startsWith("labels.csv: missing column 'AccessionNumber'; columns found: [x, x"),
                e.getMessage().substring(0, 100));
        assertTrue(e.getMessage().endsWith("(900003 characters)"), e.getMessage());
    }

    @Test
    void aHundredKilobyteAccessionIsBoundedInEveryField() throws Exception {
        String acc = "Q".repeat(100_000);
        Dataset d = scan("AccessionNumber,Classification\n" + acc + ",A\n");
        assertEquals(1, d.problems().size());
        Failure f = d.problems().get(0);
        assertBounded(f);
        assertTrue(f.accessionNumber().endsWith("... (100000 characters)"), f.accessionNumber());
    }

    @Test
    void aNulInAnAccessionIsEscaped() throws Exception {
        Dataset d = scan("AccessionNumber,Classification\nAB\u0000CD,A\n");
        Failure f = d.problems().get(0);
        assertEquals("UnsafePath", f.errorClass());
        assertEquals("AB\\u0000CD", f.accessionNumber());
        assertBounded(f);
    }

    @Test
    void aNameTheFileSystemRefusesIsNotReportedAsAMissingFolder() throws Exception {
        String acc = "L".repeat(300);
        Dataset d = scan("AccessionNumber,Classification\n" + acc + ",A\n");
        Failure f = d.problems().get(0);
        assertEquals("UnusableFolderName", f.errorClass(), f.toString());
        assertTrue(f.message().contains("the file system refused the folder name")
                && f.message().contains("(300 characters): File name too long"), f.message());
        assertFalse(f.message().contains("no folder"), f.message());
        assertBounded(f);
    }

    @Test
    void boundedEscapesAndCuts() {
        assertEquals("a\\nb\\u0000c\\d", MessageText.bounded("a\nb\u0000c\\d"));
        assertEquals("abc... (6 characters)", MessageText.bounded("abcdef", 3));
        assertEquals("null", MessageText.bounded(null));
    }
}
