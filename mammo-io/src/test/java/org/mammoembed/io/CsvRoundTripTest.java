package org.mammoembed.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.mammoembed.core.CsvTable;

/** What CsvRowWriter writes, the project's CSV reader (core.CsvTable) reads back unchanged. */
class CsvRoundTripTest {

    @Property(tries = 50)
    void writtenFieldsReadBackUnchanged(@ForAll @Size(min = 1, max = 4) List<@StringLength(max = 10) String> fields)
            throws Exception {
        Path dir = Files.createTempDirectory("csv-prop");
        try {
            Path f = dir.resolve("t.csv");
            List<String> header = new ArrayList<>();
            List<String> row = new ArrayList<>();
            header.add("id");
            row.add("r1");
            for (int i = 0; i < fields.size(); i++) {
                header.add("c" + i);
                row.add(fields.get(i));
            }
            try (CsvRowWriter w = CsvRowWriter.create(f, header)) {
                w.row(row);
                w.commit();
            }
            CsvTable t = CsvTable.read(f);
            assertEquals(header, t.header());
            assertEquals(row, t.rows().get(0).fields());
        } finally {
            try (var s = Files.walk(dir)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
