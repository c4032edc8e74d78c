package org.mammoembed.io.report;

import java.util.Objects;
import org.mammoembed.core.EmbeddedImage;
import org.mammoembed.io.SplitAssignment;

/**
 * One point of the report: the {@code joined.csv} columns it shows, nothing else (no header values, so no
 * patient identifiers).
 *
 * @param accessionNumber the exam
 * @param biRads          density class 1-4, 0 when unlabelled
 * @param imagePath       path relative to the DICOM root, '/' separated
 * @param split           train, val or test ("" when unknown)
 * @param viewPosition    e.g. CC, MLO ("" when unknown)
 * @param laterality      L or R ("" when unknown)
 */
public record ReportRow(String accessionNumber, int biRads, String imagePath, String split, String viewPosition,
                        String laterality) {
    public ReportRow {
        Objects.requireNonNull(accessionNumber, "accessionNumber");
        Objects.requireNonNull(imagePath, "imagePath");
        if (biRads < 0 || biRads > 4) {
            throw new IllegalArgumentException("biRads must be 0 (unlabelled) or 1-4, got " + biRads);
        }
        split = split == null ? "" : split;
        viewPosition = viewPosition == null ? "" : viewPosition;
        laterality = laterality == null ? "" : laterality;
    }

    /** The row of an embedded image, its split from {@code split} (as joined.csv assigns it). */
    public static ReportRow of(EmbeddedImage image, SplitAssignment split) {
        return new ReportRow(image.record().accessionNumber(), image.record().biRads(), image.record().relativePath(),
                split.of(image.record().accessionNumber()).label(), image.viewPosition(), image.laterality());
    }
}
