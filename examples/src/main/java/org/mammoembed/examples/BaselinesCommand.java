package org.mammoembed.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.mammoembed.core.EmbeddingResult;
import org.mammoembed.core.MammoException;
import org.mammoembed.core.RootConfinedReader;
import org.mammoembed.dicom.DicomFileReader;
import org.mammoembed.embed.Preprocessing;
import org.mammoembed.io.JsonOutput;
import org.mammoembed.io.RunDirectory;
import org.mammoembed.io.study.RunOutputs;
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
        // without --dicom-root the image paths are never opened: any folder does as their root
        EmbeddingResult labelled = RunOutputs.read(features, csv, dicomRoot != null ? dicomRoot : csv.toAbsolutePath()
                .getParent()).labelled();
        long exams = labelled.index().stream().map(e -> e.record().accessionNumber()).distinct().count();
        if (folds > exams) {
            // grouped folds split exams, never the images of one exam: each fold needs one exam at least
            throw new UsageException("embeddings-baselines: --folds " + folds + " is more than the " + exams
                    + " labelled exams in " + csv);
        }
        float[][] handcrafted = dicomRoot == null ? null : handcrafted(labelled);
        Baselines baselines = Baselines.builder().folds(folds).seed(seed)
                .progress(ConsoleProgress.forStdErr()).build();
        BaselineReport report = baselines.run(labelled, handcrafted);
        JsonOutput.write(dir.baselinesJson(), report.toMap());
        Path md = dir.writeString("report.md", report.toMarkdown());
        out.println("baselines on " + labelled.size() + " images: " + md);
        return 0;
    }

    /** The handcrafted descriptors of the images, read again under the run's DICOM root. */
    private float[][] handcrafted(EmbeddingResult images) throws MammoException {
        Preprocessing thumbnail = Preprocessing.thumbnail(THUMB);
        return HandcraftedFeatures.describe(images, RootConfinedReader.of(DicomFileReader.create(), dicomRoot),
                image -> {
                    float[] values = new float[THUMB * THUMB];
                    thumbnail.apply(image, values, 0);
                    return values;
                }, THUMB_COMPONENTS);
    }
}
