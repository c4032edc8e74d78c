package org.mammoembed.examples;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.mammoembed.core.Aggregation;
import org.mammoembed.embed.Device;
import org.mammoembed.embed.EmbeddingExtractorBuilder;
import org.mammoembed.io.RunDirectory;
import org.mammoembed.io.study.FailureBudget;
import org.mammoembed.reduce.Analysis;

/**
 * The options of {@code embed}, validated (built by {@link EmbedCommand} from the command line). Defaults: batch
 * size 32, seed 42, device cpu, no reducers, at most 20% failed images (after at least 50 attempts) before the
 * run stops as "clearly wrong data".
 *
 * @param analysis    the library analysis for --pca/--tsne/--umap/--cluster/--projection-3d, or null for none
 * @param labelColumn the CSV's label column, or null to find {@code BI-RADS}, {@code Classification} or
 *                    {@code density}
 * @param reader      the image reader's name ({@code ImageReaders.named}): dicom, png, tiff or auto
 * @param arguments   every option's effective value (defaults included), typed, keyed by option name without
 *                    "--", for provenance
 */
record EmbedOptions(Path csv, Path dicomRoot, Path outdir, Path model, boolean saveCsv, Analysis analysis,
                    int batchSize, long seed,
                    Device device, Aggregation aggregate, RunDirectory.Mode mode, long maxFailures,
                    double maxFailureRate, Path cache, int workers, List<Integer> includeTags,
                    String labelColumn, String reader, Map<String, Object> arguments) {

    /** The library's default ({@link FailureBudget#DEFAULT_MAX_RATE}). */
    static final double DEFAULT_MAX_FAILURE_RATE = FailureBudget.DEFAULT_MAX_RATE;
    /** The library's default ({@link FailureBudget#DEFAULT_MIN_IMAGES}). */
    static final int FAILURE_RATE_MIN_IMAGES = FailureBudget.DEFAULT_MIN_IMAGES;

    /** {@code --report}: also write report.html (needs joined.csv, so it implies --save-csv). */
    boolean report() {
        return Boolean.TRUE.equals(arguments.get("report"));
    }
}
