package org.mammoembed.spark;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.mammoembed.core.AccessionFolder;
import org.mammoembed.core.Dataset;
import org.mammoembed.core.Failure;
import org.mammoembed.core.ImageRecord;
import org.mammoembed.core.MammoException;
import org.mammoembed.core.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scans the CSV and archive as {@link Dataset#fromCsv(Path, Path)} does, walking the accession folders on the
 * executors when there are more than a threshold of them: the driver reads the CSV and the root's top level, each
 * task walks its folders with {@link AccessionFolder#list(Path)} (the single-machine code), and the driver puts
 * the listings back in CSV order. The result is the same dataset either way; the archive must be at the same
 * path on every executor (it already must be, for embedding).
 */
final class DistributedListing {
    /** The Spark job group of the listing's job, so that a run's UI (and the tests) can tell it apart. */
    static final String JOB_GROUP = "mammo-archive-listing";
    private static final Logger LOG = LoggerFactory.getLogger(DistributedListing.class);

    private DistributedListing() {
    }

    /**
     * @param threshold walk on the executors when the CSV names more than this many accession folders; 0 always
     */
    static Dataset scan(SparkSession spark, Path csv, Path dicomRoot, int threshold) throws MammoException {
        return Dataset.fromCsv(csv, dicomRoot, null, (root, folders) -> folders.size() > threshold
                ? onExecutors(spark, root, folders) : AccessionFolder.Lister.HERE.list(root, folders));
    }

    private static List<Dataset> onExecutors(SparkSession spark, Path root, List<AccessionFolder> folders) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int slices = Math.max(1, Math.min(folders.size(), 4 * sc.defaultParallelism()));
        LOG.info("listing {} accession folders on the executors in {} tasks", folders.size(), slices);
        String rootName = root.toString();
        sc.setJobGroup(JOB_GROUP, "list the archive's accession folders", false);
        List<Listing> listings;
        try {
            // collect keeps the order of the parallelised list: CSV order
            listings = sc.parallelize(folders, slices).map(f -> Listing.of(f.list(Path.of(rootName)))).collect();
        } finally {
            sc.clearJobGroup();
        }
        List<Dataset> listed = new ArrayList<>(listings.size());
        for (int i = 0; i < listings.size(); i++) {
            listed.add(listings.get(i).toDataset(root, folders.get(i)));
        }
        return listed;
    }

    /** One folder's listing in serializable form: relative paths and failure fields (Path is not Serializable). */
    private record Listing(String[] relativePaths, String[][] problems) implements Serializable {
        static Listing of(Dataset d) {
            String[] rels = d.images().stream().map(ImageRecord::relativePath).toArray(String[]::new);
            String[][] problems = d.problems().stream().map(p -> new String[] {p.accessionNumber(),
                    p.relativePath(), p.stage().name(), p.errorClass(), p.message()}).toArray(String[][]::new);
            return new Listing(rels, problems);
        }

        /** As the walk made them: the file is the root joined with the relative path, links not resolved. */
        Dataset toDataset(Path root, AccessionFolder f) {
            List<ImageRecord> images = new ArrayList<>(relativePaths.length);
            for (String rel : relativePaths) {
                images.add(new ImageRecord(f.accession(), f.density(), root.resolve(rel), rel, f.extra()));
            }
            List<Failure> failures = new ArrayList<>(problems.length);
            for (String[] p : problems) {
                failures.add(new Failure(p[0], p[1], Stage.valueOf(p[2]), p[3], p[4]));
            }
            return new Dataset(root, images, failures);
        }
    }
}
