package org.mammoembed.io.study;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.mammoembed.core.CsvTable;
import org.mammoembed.core.EmbeddedImage;
import org.mammoembed.core.EmbeddingResult;
import org.mammoembed.core.ImageRecord;
import org.mammoembed.core.MammoException;
import org.mammoembed.core.Stage;
import org.mammoembed.io.JoinedCsvWriter;
import org.mammoembed.io.internal.JoinedRows;

/**
 * A finished run's {@code features.npy} and {@code joined.csv} read back as one {@link EmbeddingResult}: row
 * {@code i} of the result is joined.csv's row {@code i} with the feature row its {@code EmbeddingIndex} names. The
 * CSV may be a run's own or a selection of its rows (filtered by view, by split, ...); the projection and
 * {@code Split} columns a run adds are dropped, other extra columns kept.
 *
 * <pre>{@code
 * EmbeddingResult labelled = RunOutputs.read(dir.resolve("features.npy"), dir.resolve("joined.csv"), dicomRoot)
 *         .labelled();
 * }</pre>
 */
public final class RunOutputs {
    private static final Pattern PROJECTION_COLUMN = Pattern.compile("(pca|tsne|umap)_\\d+");

    private RunOutputs() {
    }

    /**
     * Reads and joins the two files. {@code ViewPosition} and {@code ImageLaterality} may be absent (read as empty).
     *
     * @param imageRoot the run's DICOM root: each record's {@link ImageRecord#path()} is {@code ImagePath} under it
     * @throws MammoException (stage READ) when a file is missing or malformed, a required column is absent, an
     *                        {@code EmbeddingIndex} is not a row of features.npy, or a {@code BI-RADS} value is not a
     *                        density label
     */
    public static EmbeddingResult read(Path featuresNpy, Path joinedCsv, Path imageRoot)
            throws IOException, MammoException {
        return read(featuresNpy, joinedCsv, imageRoot, false);
    }

    /** As {@link #read}, also requiring joined.csv to list every feature row once, in order (a run's own files). */
    static EmbeddingResult readWhole(Path featuresNpy, Path joinedCsv, Path imageRoot)
            throws IOException, MammoException {
        return read(featuresNpy, joinedCsv, imageRoot, true);
    }

    private static EmbeddingResult read(Path featuresNpy, Path joinedCsv, Path imageRoot, boolean whole)
            throws IOException, MammoException {
        Objects.requireNonNull(imageRoot, "imageRoot");
        for (Path p : List.of(featuresNpy, joinedCsv)) {
            if (!Files.isRegularFile(p)) {
                throw new MammoException(Stage.READ, p.getFileName() + " not found in " + p.toAbsolutePath()
                        .getParent() + ": analysis needs the features.npy and joined.csv of a finished study");
            }
        }
        JoinedRows joined = JoinedRows.read(featuresNpy, joinedCsv,
                whole ? JoinedRows.Rows.EACH_IN_ORDER : JoinedRows.Rows.SELECTION);
        CsvTable csv = joined.table();
        int d = joined.dimension();
        List<String> header = csv.header();
        int acc = joined.requiredColumn("AccessionNumber");
        int birads = joined.requiredColumn("BI-RADS");
        int path = joined.requiredColumn("ImagePath");
        int view = joined.column("ViewPosition");
        int lat = joined.column("ImageLaterality");
        List<EmbeddedImage> index = new ArrayList<>();
        float[] features = new float[Math.multiplyExact(csv.rows().size(), d)];
        for (CsvTable.Row row : csv.rows()) {
            int r = index.size();
            Map<String, String> extra = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                String name = header.get(c);
                if (!JoinedCsvWriter.BASE_COLUMNS.contains(name) && !PROJECTION_COLUMN.matcher(name).matches()) {
                    extra.put(name, row.field(c));
                }
            }
            String rel = row.field(path);
            System.arraycopy(joined.features(), Math.multiplyExact(joined.featureRow(r), d), features, r * d, d);
            index.add(new EmbeddedImage(r, new ImageRecord(row.field(acc), joined.density(row, birads),
                    imageRoot.resolve(rel).toAbsolutePath().normalize(), rel, extra),
                    view < 0 ? "" : row.field(view), lat < 0 ? "" : row.field(lat)));
        }
        return EmbeddingResult.wrap(d, features, index, List.of());
    }
}
