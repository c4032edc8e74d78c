package org.mammoembed.examples;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.mammoembed.core.Aggregation;
import org.mammoembed.embed.Device;
import org.mammoembed.io.RunDirectory;

/**
 * The options of {@code embed}, validated. Defaults: batch size 32, seed 42, device cpu, no reducers, at most
 * 20% failed images (after at least 50 attempts) before the run stops as "clearly wrong data".
 */
record EmbedOptions(Path csv, Path dicomRoot, Path outdir, Path model, boolean saveCsv, boolean pca,
                    boolean tsne, boolean umap, boolean cluster, boolean projection3d, int batchSize, long seed,
                    Device device, Aggregation aggregate, RunDirectory.Mode mode, long maxFailures,
                    double maxFailureRate, Path cache, int workers, List<Integer> includeTags,
                    Map<String, Object> arguments) {

    static final Set<String> VALUED = Set.of("csv", "dicom-root", "outdir", "model", "batch-size", "seed", "device",
            "aggregate", "max-failures", "max-failure-rate", "cache", "workers", "include-tags");
    static final Set<String> SWITCHES = Set.of("save-csv", "pca", "tsne", "umap", "cluster", "projection-3d",
            "resume", "overwrite", "report");
    /** The original tool stopped at 5% failures; real archives hold more oddities (SR, presentation states). */
    static final double DEFAULT_MAX_FAILURE_RATE = 0.20;
    /** The rate is judged only after this many images, so that two bad files first do not stop a run. */
    static final int FAILURE_RATE_MIN_IMAGES = 50;

    static EmbedOptions parse(String command, String[] args, int from) throws UsageException {
        CliArguments a = CliArguments.parse(command, args, from, VALUED, SWITCHES);
        return from(a);
    }

    static EmbedOptions from(CliArguments a) throws UsageException {
        if (a.flag("resume") && a.flag("overwrite")) {
            throw new UsageException("embed: --resume and --overwrite exclude each other");
        }
        RunDirectory.Mode mode = a.flag("resume") ? RunDirectory.Mode.RESUME
                : a.flag("overwrite") ? RunDirectory.Mode.OVERWRITE : RunDirectory.Mode.NEW;
        Device device;
        try {
            device = Device.parse(a.string("device", "cpu"));
        } catch (IllegalArgumentException e) {
            throw new UsageException("embed: --device " + e.getMessage());
        }
        Aggregation aggregate = null;
        String agg = a.string("aggregate", null);
        if (agg != null) {
            try {
                aggregate = Aggregation.valueOf(agg.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new UsageException("embed: --aggregate must be mean or max, got '" + agg + "'");
            }
        }
        if (!a.positional().isEmpty()) {
            throw new UsageException("embed: unexpected argument '" + a.positional().get(0) + "'");
        }
        long maxFailures = a.longValue("max-failures", Long.MAX_VALUE);
        if (maxFailures < 0) {
            throw new UsageException("embed: --max-failures must be >= 0, got " + maxFailures);
        }
        return new EmbedOptions(a.path("csv"), a.path("dicom-root"), a.path("outdir"), a.optionalPath("model"),
                a.flag("save-csv"), a.flag("pca"), a.flag("tsne"), a.flag("umap"), a.flag("cluster"),
                a.flag("projection-3d"), a.positiveInt("batch-size", 32), a.longValue("seed", 42), device,
                aggregate, mode, maxFailures, a.fraction("max-failure-rate", DEFAULT_MAX_FAILURE_RATE),
                a.optionalPath("cache"), a.positiveInt("workers", Math.max(1, Runtime.getRuntime().availableProcessors())),
                tags(a.string("include-tags", "")),
                a.asMap());
    }

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
    /**
     * Parses {@code --include-tags}: comma-separated tag numbers as {@code GGGGEEEE} or {@code (GGGG,EEEE)}
     * hex, e.g. {@code 00100020,(0008,1030)}. These are the only way patient identifiers reach an output.
     */
    static List<Integer> tags(String text) throws UsageException {
        List<Integer> tags = new ArrayList<>();
        if (text.isBlank()) {
            return tags;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("\\(?\\s*([0-9A-Fa-f]{4})\\s*,?\\s*([0-9A-Fa-f]{4})\\s*\\)?").matcher("");
        for (String part : text.split(",(?![^(]*\\))")) {
            if (!m.reset(part.trim()).matches()) {
                throw new UsageException("embed: --include-tags wants tag numbers like 00100020 or (0010,0020),"
                        + " got '" + part.trim() + "'");
            }
            tags.add(Integer.parseUnsignedInt(m.group(1) + m.group(2), 16));
        }
        return tags;
    }

    boolean needsFeaturesInMemory() {
        return anyReducer() || cluster || aggregate != null;
    }
}
