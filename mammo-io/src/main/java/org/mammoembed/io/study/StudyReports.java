package org.mammoembed.io.study;

import java.io.IOException;
import java.nio.file.Path;
import org.mammoembed.io.report.PointClusters;
import org.mammoembed.io.report.StudyReport;

/** The HTML report of a study's output folder, for a study run and for {@link StudyAnalysis}: one way to make it. */
final class StudyReports {
    private StudyReports() {
    }

    static void write(Path root, PointClusters clusters) throws IOException {
        StudyReport.Builder b = StudyReport.fromRunFolder(root);
        if (clusters != null) {
            b.kmeans(clusters);
        }
        b.build().write(root);
    }
}
