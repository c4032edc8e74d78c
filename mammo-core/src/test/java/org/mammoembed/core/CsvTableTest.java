package org.mammoembed.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTableTest {

    private static CsvTable parse(String text) throws IOException {
        return CsvTable.builder().build().read(new StringReader(text));
    }

    @Test
    void bomIsStrippedFromTheFirstHeaderName(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("c.csv");
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = "AccessionNumber,Classification\n1,A\n".getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, all, 0, 3);
        System.arraycopy(body, 0, all, 3, body.length);
        Files.write(f, all);
        CsvTable t = CsvTable.read(f);
        assertEquals(List.of("AccessionNumber", "Classification"), t.header());
        assertEquals(0, t.column("accessionnumber"));
    }

    @Test
    void separatorIsSniffedFromTheHeader() throws IOException {
        assertEquals(';', parse("a;b;c\n1;2,5;3\n").separator());
        assertEquals(List.of("1", "2,5", "3"), parse("a;b;c\n1;2,5;3\n").rows().get(0).fields());
        assertEquals('\t', parse("a\tb\n1\t2\n").separator());
        assertEquals(',', parse("a,b\n1;2,3\n").separator());
        // separators inside a quoted header name do not count
        assertEquals(',', parse("\"x;y;z\",b\n1,2\n").separator());
    }

    @Test
    void quotedFieldsKeepSeparatorsQuotesAndNewlines() throws IOException {
        CsvTable t = parse("a,b,c\r\n\"x, y\",\"he said \"\"hi\"\"\",\"two\r\nlines\"\r\nlast,row,3\r\n");
        assertEquals(List.of("x, y", "he said \"hi\"", "two\r\nlines"), t.rows().get(0).fields());
        assertEquals(2, t.rows().get(0).line());
        assertEquals(4, t.rows().get(1).line(), "line numbers count the newline inside the quoted field");
    }

    @Test
    void blankLinesAreSkippedAndWhitespaceTrimmed() throws IOException {
        CsvTable t = parse("a , b  \n\n   \n 1 ,  2\t\n,\n\"  kept  \" ,3\n");
        assertEquals(List.of("a", "b"), t.header());
        assertEquals(2, t.rows().size());
        assertEquals(List.of("1", "2"), t.rows().get(0).fields());
        assertEquals(4, t.rows().get(0).line());
        assertEquals(List.of("  kept  ", "3"), t.rows().get(1).fields());
        assertEquals(6, t.rows().get(1).line());
    }

    @Test
    void overlongRecordIsSkippedWithItsLineNumber() throws IOException {
        StringBuilder sb = new StringBuilder("a,b\n1,x\n2,\"");
        sb.append("y".repeat(2000)).append("\"\n3,z\n");
        CsvTable t = CsvTable.builder().maxRecordChars(100).build().read(new StringReader(sb.toString()));
        assertEquals(2, t.rows().size());
        assertEquals("1", t.rows().get(0).field(0));
        assertEquals("3", t.rows().get(1).field(0));
        assertEquals(List.of(new CsvTable.Problem(3, "line 3: record longer than 100 characters (the limit); row skipped")),
                t.problems());
    }

    @Test
    void tenMegabyteFieldIsRejectedWithoutReadingItIntoMemory(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("big.csv");
        try (Writer w = Files.newBufferedWriter(f)) {
            w.write("AccessionNumber,Classification,Notes\n1,A,ok\n2,B,");
            char[] chunk = "z".repeat(1 << 16).toCharArray();
            for (int i = 0; i < 160; i++) {
                w.write(chunk);
            }
            w.write("\n3,C,fine\n");
        }
        CsvTable t = CsvTable.read(f);
        assertEquals(List.of("1", "3"), t.rows().stream().map(r -> r.field(0)).toList());
        assertEquals(1, t.problems().size());
        assertEquals("line 3: record longer than 1048576 characters (the limit); row skipped",
                t.problems().get(0).message());
    }

    @Test
    void unclosedQuoteIsReported() throws IOException {
        CsvTable t = parse("a,b\n1,2\n3,\"never closed\n4,5\n");
        assertEquals(1, t.rows().size());
        assertEquals("line 3: quoted field starting on line 3 is never closed; row skipped",
                t.problems().get(0).message());
    }

    @Test
    void emptyInputHasNoHeader() throws IOException {
        assertTrue(parse("").header().isEmpty());
        assertTrue(parse("\n\n  \n").header().isEmpty());
        assertTrue(parse("a,b\n").rows().isEmpty());
    }

    @Property(tries = 200)
    void quotedWriteThenReadRoundTrips(@ForAll @Size(min = 1, max = 5) List<@StringLength(max = 12) String> fields)
            throws IOException {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            line.append(i == 0 ? "" : ",").append('"').append(fields.get(i).replace("\"", "\"\"")).append('"');
        }
        CsvTable t = parse("h\n" + line + "\n");
        boolean allEmpty = fields.stream().allMatch(String::isEmpty);
        if (allEmpty) {
            assertTrue(t.rows().isEmpty(), "an all-empty record is a blank line");
        } else {
            String expectedText = fields.toString();
            assertEquals(expectedText, t.rows().get(0).fields().toString());
        }
    }
}
