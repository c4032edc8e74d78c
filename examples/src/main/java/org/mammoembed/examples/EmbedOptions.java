package org.mammoembed.examples;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.mammoembed.core.Aggregation;
import org.mammoembed.embed.Device;
import org.mammoembed.embed.EmbeddingExtractorBuilder;
import org.mammoembed.io.RunDirectory;
import org.mammoembed.io.study.FailureBudget;

/**
 * The options of {@code embed}, validated (built by {@link EmbedCommand} from the command line). Defaults: batch
 * size 32, seed 42, device cpu, no reducers, at most 20% failed images (after at least 50 attempts) before the
 * run stops as "clearly wrong data".
 *
 * @param labelColumn the CSV's label column, or null to find {@code BI-RADS}, {@code Classification} or
 *                    {@code density}
 * @param reader      the image reader's name ({@code ImageReaders.named}): dicom, png, tiff or auto
 * @param arguments   every option's effective value (defaults included), typed, keyed by option name without
 *                    "--", for provenance
 */
record EmbedOptions(Path csv, Path dicomRoot, Path outdir, Path model, boolean saveCsv, boolean pca,
                    boolean tsne, boolean umap, boolean cluster, boolean projection3d, int batchSize, long seed,
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

    boolean anyReducer() {
        return pca || tsne || umap;
    }

    /**
     * True when a later step needs the whole N x D matrix in memory: the reducers, the clustering metrics and
     * the per-exam aggregation. Otherwise features.npy is streamed from the checkpoint, so peak memory does not
     * grow with the number of images.
     */
    boolean needsFeaturesInMemory() {
        return anyReducer() || cluster || aggregate != null;
    }
}
