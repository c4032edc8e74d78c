package org.mammoembed.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.mammoembed.core.Dataset;
import org.mammoembed.core.ImageRecord;
import org.mammoembed.io.SplitAssignment;

/**
 * The study's images as a DataFrame, one row per image in dataset order (CSV order, then path order, as
 * {@code embed}): {@code Ordinal} (that order), {@code AccessionNumber}, {@code BI-RADS}, {@code ImagePath}
 * (relative to the DICOM root), {@code Split}, and {@code path} (absolute, what executors open). Sliced into
 * contiguous partitions, so each task embeds neighbouring images.
 */
final class ImageTable {
    static final String ORDINAL = "Ordinal";
    static final String ACCESSION = "AccessionNumber";
    static final String BI_RADS = "BI-RADS";
    static final String IMAGE_PATH = "ImagePath";
    static final String SPLIT = "Split";
    static final String PATH = "path";

    static final StructType SCHEMA = DataTypes.createStructType(List.of(
            DataTypes.createStructField(ORDINAL, DataTypes.LongType, false),
            DataTypes.createStructField(ACCESSION, DataTypes.StringType, false),
            DataTypes.createStructField(BI_RADS, DataTypes.IntegerType, true),
            DataTypes.createStructField(IMAGE_PATH, DataTypes.StringType, false),
            DataTypes.createStructField(SPLIT, DataTypes.StringType, false),
            DataTypes.createStructField(PATH, DataTypes.StringType, false)));

    private ImageTable() {
    }

    /** The images as rows, in {@code partitions} (at least 1; fewer when there are fewer images). */
    static org.apache.spark.sql.Dataset<Row> of(SparkSession spark, Dataset dataset, SplitAssignment split,
                                                int partitions) {
        List<Row> rows = new ArrayList<>(dataset.size());
        long ordinal = 0;
        for (ImageRecord r : dataset.images()) {
            rows.add(RowFactory.create(ordinal++, r.accessionNumber(), r.density() == null ? null : r.biRads(),
                    r.relativePath(), split.of(r.accessionNumber()).label(), r.path().toString()));
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        JavaRDD<Row> rdd = jsc.parallelize(rows, Math.max(1, Math.min(partitions, rows.size())));
        return spark.createDataFrame(rdd, SCHEMA);
    }
}
