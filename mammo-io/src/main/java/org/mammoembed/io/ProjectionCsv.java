package org.mammoembed.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mammoembed.core.EmbeddedImage;
import org.mammoembed.core.Projection;

/**
 * Writes one projection (typically 3-D, which has no PNG preview) as CSV: {@code AccessionNumber, BI-RADS,
 * ImagePath, EmbeddingIndex, <method>_1 .. <method>_k}, one row per embedding, atomically.
 */
public final class ProjectionCsv {
    private ProjectionCsv() {
    }

    /** @throws IllegalArgumentException when the projection's row count differs from {@code rows.size()} */
    public static void write(Path target, List<EmbeddedImage> rows, Projection projection) throws IOException {
        JoinedCsvWriter.requireRows(projection, rows.size());
        List<String> header = new ArrayList<>(List.of("AccessionNumber", "BI-RADS", "ImagePath", "EmbeddingIndex"));
        for (int k = 1; k <= projection.dimensions(); k++) {
            header.add(projection.method() + "_" + k);
        }
        try (CsvRowWriter csv = CsvRowWriter.create(target, header)) {
            for (int i = 0; i < rows.size(); i++) {
                EmbeddedImage row = rows.get(i);
                List<String> fields = new ArrayList<>(header.size());
                fields.add(row.record().accessionNumber());
                fields.add(JoinedCsvWriter.biRads(row.record()));
                fields.add(row.record().relativePath());
                fields.add(Integer.toString(row.index()));
                for (double v : projection.row(i)) {
                    fields.add(JoinedCsvWriter.number(v));
                }
                csv.row(fields);
            }
            csv.commit();
        }
    }
}
