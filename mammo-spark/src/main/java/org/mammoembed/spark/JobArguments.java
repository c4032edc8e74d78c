package org.mammoembed.spark;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The job's command line: {@code --master M --csv C --dicom-root D --outdir O [--model M] [--partitions N]
 * [--batch-size 32] [--seed 42] [--wave N] [--distributed-listing-threshold 1000] [--assemble] [--pca] [--cluster]}.
 * Without {@code --master} the master comes from spark-submit. {@code wave} 0 (the default) means
 * {@link #waveFor(int)}. {@code listingThreshold}: the accession folders are walked on the executors when the CSV
 * names more than this many (default {@value #DEFAULT_LISTING_THRESHOLD}; 0 always), else on the driver.
 */
record JobArguments(String master, Path csv, Path dicomRoot, Path outdir, Path model, int partitions,
                    int batchSize, long seed, int wave, int listingThreshold, boolean assemble, boolean pca,
                    boolean cluster, Map<String, String> given) {

    static final int DEFAULT_LISTING_THRESHOLD = 1000;
    static final String USAGE = "usage: java -jar mammo-spark.jar [--master 'local[2]'] --csv C --dicom-root D"
            + " --outdir O [--model M] [--partitions N] [--batch-size 32] [--seed 42] [--wave N]"
            + " [--distributed-listing-threshold 1000] [--assemble] [--pca] [--cluster]"
            + "   (--distributed-listing-threshold N: walk the accession folders on the executors when the CSV"
            + " names more than N of them, 0 always; else on the driver)"
            + "   (or spark-submit --class org.mammoembed.spark.SparkEmbedJob ... with the same options)";
    private static final Set<String> VALUED = Set.of("--master", "--csv", "--dicom-root", "--outdir", "--model",
            "--partitions", "--batch-size", "--seed", "--wave", "--distributed-listing-threshold");
    private static final Set<String> SWITCHES = Set.of("--assemble", "--pca", "--cluster");

    /** @throws IllegalArgumentException naming the option and the bad value */
    static JobArguments parse(String... args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (SWITCHES.contains(a)) {
                m.put(a, "true");
            } else if (VALUED.contains(a)) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(a + " needs a value");
                }
                m.put(a, args[++i]);
            } else {
                throw new IllegalArgumentException("unknown option '" + a + "'");
            }
        }
        for (String required : new String[] {"--csv", "--dicom-root", "--outdir"}) {
            if (!m.containsKey(required)) {
                throw new IllegalArgumentException(required + " is required");
            }
        }
        return new JobArguments(m.get("--master"), Path.of(m.get("--csv")), Path.of(m.get("--dicom-root")),
                Path.of(m.get("--outdir")), m.containsKey("--model") ? Path.of(m.get("--model")) : null,
                positive(m, "--partitions", 0, 0), positive(m, "--batch-size", 32, 1),
                Long.parseLong(m.getOrDefault("--seed", "42")), positive(m, "--wave", 0, 1),
                atLeast(m, "--distributed-listing-threshold", DEFAULT_LISTING_THRESHOLD, 0),
                m.containsKey("--assemble"), m.containsKey("--pca"), m.containsKey("--cluster"), m);
    }

    /**
     * Images per committed wave: as given, else 20,000 or 500 per core of the cluster, whichever is more, so that a
     * wave is minutes of work for every core (each wave costs a few Spark jobs) and a lost cluster loses at most one.
     */
    int waveFor(int totalCores) {
        return wave > 0 ? wave : Math.max(20_000, 500 * Math.max(1, totalCores));
    }

    private static int positive(Map<String, String> m, String option, int dflt, int min) {
        return atLeast(m, option, dflt, Math.max(min, 1));
    }

    /** The option's integer value, at least {@code min} (0 or 1), or {@code dflt} when not given. */
    private static int atLeast(Map<String, String> m, String option, int dflt, int min) {
        String v = m.get(option);
        if (v == null) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= min) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " must be " + (min > 0 ? "" : "0 or ")
                + "a positive integer, got '" + v + "'");
    }
}
