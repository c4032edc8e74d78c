package org.mammoembed.io.study;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What a study did: counts (what this run computed and what it reused), failures by stage and error class,
 * where the time went, and the notes of skipped steps. Immutable.
 *
 * @param outputDir            the output folder, absolute
 * @param images               images found by the scan
 * @param embedded             rows of {@code features.npy}
 * @param failed               images that failed (read, decode, preprocess, infer)
 * @param scanProblems         scan-stage problems (CSV rows, folders, files outside the CSV)
 * @param computed             images embedded or failed by the embedder in this run
 * @param reusedFromCheckpoint images whose embedding an interrupted earlier run had checkpointed
 * @param reusedFromCache      images served by the embedding cache
 * @param failuresByKind       failed images and scan problems counted by stage and error class, most frequent first
 * @param timings              wall time per stage
 * @param executionProvider    the provider that ran the network ("" when nothing was computed)
 * @param notes                steps skipped and why (e.g. "tsne skipped: needs at least 4 images")
 */
public record StudyResult(Path outputDir, int images, int embedded, int failed, int scanProblems, int computed,
                          int reusedFromCheckpoint, int reusedFromCache, List<FailureCount> failuresByKind,
                          Timings timings, String executionProvider, List<String> notes) {

    public StudyResult {
        Objects.requireNonNull(outputDir, "outputDir");
        failuresByKind = List.copyOf(failuresByKind);
        Objects.requireNonNull(timings, "timings");
        notes = List.copyOf(notes);
    }

    /**
     * Images computed in this run per second of the embedding stage (cache lookups and extraction): the one
     * throughput figure, written to the console and to {@code run.json}. Reused images do not count.
     */
    public double imagesPerSecond() {
        return timings.embeddingSeconds() > 0 ? computed / timings.embeddingSeconds() : 0.0;
    }

    /** One line: what was embedded, what this run computed and reused, how fast. */
    public String summary() {
        return String.format(Locale.ROOT, "embedded %d of %d images (%d failed, %d scan problems); this run computed"
                        + " %d, reused %d (checkpoint %d, cache %d); embedding %.1f s, %.2f images/s, total %.1f s",
                embedded, images, failed, scanProblems, computed, reusedFromCheckpoint + reusedFromCache,
                reusedFromCheckpoint, reusedFromCache, timings.embeddingSeconds(), imagesPerSecond(),
                timings.totalSeconds());
    }

    /**
     * How many failures (images or scan problems) of one kind.
     *
     * @param stage      e.g. "scan", "read", "decode"
     * @param errorClass e.g. "NotDicom", "DicomException"
     * @param count      how many
     */
    public record FailureCount(String stage, String errorClass, long count) {
    }

    /**
     * Wall time per stage, in seconds; stages that did not run are 0.
     *
     * @param scanSeconds       reading the CSV and listing the archive
     * @param embeddingSeconds  cache lookups and extraction of the images not in the checkpoint
     * @param assemblySeconds   features.npy, failures.csv and joined.csv from the checkpoint
     * @param analysisSeconds   projections, previews, clustering metrics
     * @param totalSeconds      the whole run
     * @param decodeSeconds     reading and decoding, summed over images (from the embedder)
     * @param preprocessSeconds preprocessing, summed over images (from the embedder)
     * @param inferenceSeconds  the network, summed over batches (from the embedder)
     */
    public record Timings(double scanSeconds, double embeddingSeconds, double assemblySeconds,
                          double analysisSeconds, double totalSeconds, double decodeSeconds,
                          double preprocessSeconds, double inferenceSeconds) {
    }
}
