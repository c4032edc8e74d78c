package org.mammoembed.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.mammoembed.core.BiRadsDensity;
import org.mammoembed.core.CsvTable;
import org.mammoembed.core.DecodedImage;
import org.mammoembed.core.DicomReader;
import org.mammoembed.core.MammoException;
import org.mammoembed.core.Stage;
import org.mammoembed.dicom.DicomFileReader;
import org.mammoembed.embed.Preprocessing;
import org.mammoembed.io.internal.AtomicOutput;
import org.mammoembed.io.JsonOutput;
import org.mammoembed.io.NpyReader;
import org.mammoembed.io.RunDirectory;
import org.mammoembed.reduce.Pca;
import org.mammoembed.reduce.baselines.BaselineReport;
import org.mammoembed.reduce.baselines.Baselines;
import org.mammoembed.reduce.baselines.HandcraftedFeatures;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code embeddings-baselines --features F.npy --csv joined.csv --outdir B [--dicom-root D]}: cross-validated
 * baseline classifiers of the density labels (grouped by exam), written to {@code B/report.md} and
 * {@code B/baselines.json}. With {@code --dicom-root}, also the handcrafted-descriptor baseline (intensity
 * statistics + the first 3 principal components of the 32 x 32 downsampled image) and the paired t-test against it.
 */
@Command(name = "embeddings-baselines", sortOptions = false, showDefaultValues = true,
        description = "Cross-validated baseline classifiers of the density labels on the embeddings (folds grouped "
                + "by exam): OUTDIR/report.md and OUTDIR/baselines.json.")
final class BaselinesCommand implements Callable<Integer> {
    private static final int THUMB = 32;
    private static final int THUMB_COMPONENTS = 3;
    private final PrintStream out;

    @Option(names = "--features", required = true, paramLabel = "NPY", description = "features.npy of a run. "
            + "Required.")
    Path features;
    @Option(names = "--csv", required = true, paramLabel = "CSV", description = "joined.csv of the same run. "
            + "Required.")
    Path csv;
    @Option(names = "--outdir", required = true, paramLabel = "OUTDIR", description = "Output folder (its report "
            + "files are replaced). Required.")
    Path outdir;
    @Option(names = "--dicom-root", paramLabel = "DICOM_ROOT",
            description = "The run's DICOM root: adds the handcrafted-descriptor baseline (intensity statistics + "
                    + "3 principal components of the 32 x 32 image) and the paired t-test against it. Default: "
                    + "none (embedding baselines only).")
    Path dicomRoot;
    @Option(names = "--folds", paramLabel = "K", converter = CliConverters.PositiveInt.class,
            description = "Cross-validation folds.")
    int folds = 5;
    @Option(names = "--seed", paramLabel = "N", converter = CliConverters.AnyLong.class,
            description = "Seed of the fold assignment and the classifiers.")
    long seed = 42;

    BaselinesCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws UsageException, IOException, MammoException {
        RunDirectory dir = RunDirectory.prepare(outdir, RunDirectory.Mode.OVERWRITE);
        float[][] x = NpyReader.read(features).toMatrix();
        CsvTable table = CsvTable.read(csv);
        int label = column(table, "BI-RADS", csv);
        int accession = column(table, "AccessionNumber", csv);
        int index = column(table, "EmbeddingIndex", csv);
        int path = column(table, "ImagePath", csv);
        List<float[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        List<String> accessions = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        for (CsvTable.Row r : table.rows()) {
            int i = Integer.parseInt(r.field(index).trim());
            if (i < 0 || i >= x.length) {
                throw new MammoException(Stage.SCAN, csv + " line " + r.line() + ": EmbeddingIndex " + i
                        + " is outside features.npy's " + x.length + " rows");
            }
            if (BiRadsDensity.parse(r.field(label)).isEmpty()) {
                continue; // unlabelled rows cannot be scored
            }
            rows.add(x[i]);
            labels.add(BiRadsDensity.parse(r.field(label)).get().code());
            accessions.add(r.field(accession));
            paths.add(r.field(path));
        }
        float[][] handcrafted = null;
        if (dicomRoot != null) {
            handcrafted = handcrafted(dicomRoot, paths);
        }
        long exams = accessions.stream().distinct().count();
        if (folds > exams) {
            // grouped folds split exams, never the images of one exam: each fold needs one exam at least
            throw new UsageException("embeddings-baselines: --folds " + folds + " is more than the " + exams
                    + " labelled exams in " + csv);
        }
        Baselines baselines = Baselines.builder().folds(folds).seed(seed)
                .progress(ConsoleProgress.forStdErr()).build();
        BaselineReport report = baselines.run(rows.toArray(new float[0][]), handcrafted,
                labels.stream().mapToInt(Integer::intValue).toArray(), accessions);
        JsonOutput.write(dir.baselinesJson(), report.toMap());
        AtomicOutput.writeString(dir.root().resolve("report.md"), report.toMarkdown());
        out.println("baselines on " + rows.size() + " images: " + dir.root().resolve("report.md"));
        return 0;
    }

    /** Intensity statistics plus PCA of the 32 x 32 thumbnail, per image. */
    static float[][] handcrafted(Path root, List<String> relativePaths) throws MammoException {
        DicomReader reader = DicomFileReader.create();
        Preprocessing thumb = Preprocessing.builder().size(THUMB, THUMB).mean(0, 0, 0).std(1, 1, 1).build();
        int n = relativePaths.size();
        float[][] stats = new float[n][];
        float[][] thumbs = new float[n][THUMB * THUMB];
        float[] scratch = new float[3 * THUMB * THUMB];
        for (int i = 0; i < n; i++) {
            DecodedImage img = reader.read(root.resolve(relativePaths.get(i)));
            stats[i] = HandcraftedFeatures.of(img.grayPlane(), img.rows(), img.columns());
            thumb.apply(img, scratch, 0);
            System.arraycopy(scratch, 0, thumbs[i], 0, THUMB * THUMB);
        }
        double[][] pcs = Pca.builder().components(THUMB_COMPONENTS).build().fitTransform(thumbs).coordinates();
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) {
            out[i] = new float[stats[i].length + pcs[i].length];
            System.arraycopy(stats[i], 0, out[i], 0, stats[i].length);
            for (int j = 0; j < pcs[i].length; j++) {
                out[i][stats[i].length + j] = (float) pcs[i][j];
            }
        }
        return out;
    }

    private static int column(CsvTable t, String name, Path csv) throws MammoException {
        int c = t.column(name);
        if (c < 0) {
            throw new MammoException(Stage.SCAN, csv + " has no column '" + name + "' (columns: " + t.header() + ")");
        }
        return c;
    }
}
