package org.mammoembed.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mammoembed.core.Dataset;
import org.mammoembed.core.Failure;
import org.mammoembed.dicom.DicomAttributes;
import org.mammoembed.dicom.DicomWriter;
import org.mammoembed.dicom.Tag;
import org.mammoembed.dicom.Vr;

/**
 * The job's archive listing walked on the executors ({@code --distributed-listing-threshold 0}) against the
 * driver's walk (the default threshold) and the single-machine {@link Dataset#fromCsv(Path, Path)}, on a study
 * with nested folders, non-DICOM files, a missing folder, an empty folder, a non-DICOM {@code .dcm}, a duplicate
 * row, a bad label and a folder no row names: same images, same order, same scan problems.
 */
class SparkListingTest {
    @TempDir
    static Path tmp;
    static SparkSession spark;
    static Path csv;
    static Path root;

    @BeforeAll
    static void study() throws IOException {
        spark = SparkSession.builder().master("local[2]").appName("mammo-spark-listing-test")
                .config("spark.ui.enabled", "false").getOrCreate();
        root = tmp.resolve("archive");
        dicom(root.resolve("E01/L_CC.dcm"));
        dicom(root.resolve("E01/series2/R_MLO.dcm"));
        dicom(root.resolve("E01/series2/a_first_by_name")); // DICOM by content, whatever its name
        Files.writeString(root.resolve("E01/notes.txt"), "not an image");
        dicom(root.resolve("E03/R_CC.dcm"));
        Files.writeString(root.resolve("E03/broken.dcm"), "named as DICOM, is not"); // NotDicom
        Files.createDirectories(root.resolve("E04")); // NoImages
        dicom(root.resolve("E05/x/y/L_MLO.dcm"));
        dicom(root.resolve("E06/L_CC.dcm")); // row with a bad label
        dicom(root.resolve("STRAY/L_CC.dcm")); // NotInCsv
        csv = tmp.resolve("classificacao.csv");
        Files.writeString(csv, String.join("\n", "AccessionNumber,BI-RADS,site",
                "E05,D,b", "E01,A,a", "E02,B,a", "E03,C,b", "E01,B,dup", "E06,7,a", "E04,A,c", ""),
                StandardCharsets.UTF_8); // E02 has no folder; E05 first: CSV order, not name order
    }

    private static void dicom(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        DicomAttributes a = new DicomAttributes()
                .setString(Tag.SOP_CLASS_UID, Vr.UI, "1.2.840.10008.5.1.4.1.1.1.2")
                .setString(Tag.SOP_INSTANCE_UID, Vr.UI, "2.25." + Math.abs(file.toString().hashCode()))
                .setString(Tag.MODALITY, Vr.CS, "MG");
        DicomWriter.builder().build().write(file, a);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void executorsListTheSameDatasetAsTheDriver() throws Exception {
        Dataset single = Dataset.fromCsv(csv, root);
        int jobsBefore = listingJobs();
        Dataset onDriver = DistributedListing.scan(spark, csv, root, JobArguments.DEFAULT_LISTING_THRESHOLD);
        assertEquals(jobsBefore, listingJobs(), "5 folders are under the default threshold: no Spark job");
        Dataset onExecutors = DistributedListing.scan(spark, csv, root, 0);
        assertTrue(listingJobs() > jobsBefore, "threshold 0 must walk the folders in a Spark job");

        assertEquals(List.of("E05/x/y/L_MLO.dcm", "E01/L_CC.dcm", "E01/series2/R_MLO.dcm",
                "E01/series2/a_first_by_name", "E03/R_CC.dcm"), single.images().stream()
                .map(i -> i.relativePath()).toList());
        Set<String> classes = single.problems().stream().map(Failure::errorClass).collect(Collectors.toSet());
        assertEquals(Set.of("MissingFolder", "NotDicom", "DuplicateAccession", "UnknownLabel", "NoImages",
                "NotInCsv"), classes);
        for (Dataset d : List.of(onDriver, onExecutors)) {
            assertEquals(single.root(), d.root());
            assertEquals(single.images(), d.images()); // accession, label, path, relative path, extra columns
            assertEquals(single.problems(), d.problems()); // same failures in the same order
        }
    }

    @Test
    void thresholdOption() {
        String[] base = {"--csv", "c", "--dicom-root", "d", "--outdir", "o"};
        assertEquals(1000, JobArguments.parse(base).listingThreshold());
        String[] zero = {"--csv", "c", "--dicom-root", "d", "--outdir", "o", "--distributed-listing-threshold", "0"};
        assertEquals(0, JobArguments.parse(zero).listingThreshold());
        String[] bad = {"--csv", "c", "--dicom-root", "d", "--outdir", "o", "--distributed-listing-threshold", "-1"};
        assertEquals("--distributed-listing-threshold must be 0 or a positive integer, got '-1'",
                assertThrows(IllegalArgumentException.class, () -> JobArguments.parse(bad)).getMessage());
    }

    private static int listingJobs() {
        return spark.sparkContext().statusTracker().getJobIdsForGroup(DistributedListing.JOB_GROUP).length;
    }
}
