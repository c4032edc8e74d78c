package org.mammoembed.spark;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The columns {@link DicomEmbedder} adds besides its output column. On success the embedding is set and the
 * failure columns are null; on failure the embedding is null and {@link #FAILURE_STAGE} is one of {@code read},
 * {@code decode}, {@code preprocess}, {@code infer} (as in {@code failures.csv}).
 */
public final class EmbeddingColumns {
    /** SHA-256 (hex) of the file's bytes: with the image path, the key that lets a rerun skip finished images. */
    public static final String CONTENT_SHA256 = "ContentSha256";
    /** ViewPosition from the header ("" when absent); null on failure. */
    public static final String VIEW_POSITION = "ViewPosition";
    /** ImageLaterality from the header ("" when absent); null on failure. */
    public static final String LATERALITY = "ImageLaterality";
    /** Stage at which the image failed, lower case; null when embedded. */
    public static final String FAILURE_STAGE = "FailureStage";
    /** Short error type (e.g. {@code DicomException}); null when embedded. */
    public static final String ERROR_CLASS = "ErrorClass";
    /** Specific reason, without patient identifiers; null when embedded. */
    public static final String ERROR_MESSAGE = "ErrorMessage";

    private EmbeddingColumns() {
    }

    /** The added string columns, in the order they are appended after the output column(s). */
    static StructField[] stringFields() {
        return new StructField[] {
                DataTypes.createStructField(CONTENT_SHA256, DataTypes.StringType, true),
                DataTypes.createStructField(VIEW_POSITION, DataTypes.StringType, true),
                DataTypes.createStructField(LATERALITY, DataTypes.StringType, true),
                DataTypes.createStructField(FAILURE_STAGE, DataTypes.StringType, true),
                DataTypes.createStructField(ERROR_CLASS, DataTypes.StringType, true),
                DataTypes.createStructField(ERROR_MESSAGE, DataTypes.StringType, true)};
    }

    /** Refuses an input that already has one of the columns this transformer would add. */
    static void requireAbsent(StructType schema, String column) {
        for (String name : schema.fieldNames()) {
            if (name.equals(column)) {
                throw new IllegalArgumentException("input already has a column named '" + column + "'");
            }
        }
    }
}
