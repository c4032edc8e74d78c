package org.mammoembed.io.study;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.mammoembed.core.Dataset;
import org.mammoembed.core.ImageRecord;
import org.mammoembed.core.NetworkInputSource;
import org.mammoembed.io.report.ReportThumbnails;
import org.mammoembed.io.report.ThumbnailingSink;

/**
 * The report thumbnails a study's images lack, made by decoding those images again and preprocessing them as the
 * embedder does, without a network: a thumbnail is what the network saw. For the images a study took from its
 * cache or checkpoint, and for {@link StudyAnalysis} on outputs that a run without its report wrote.
 */
final class MissingThumbnails {
    /** How many images had no thumbnail, and how many of those have one now (the others could not be read). */
    record Made(int missing, long made) {
    }

    private MissingThumbnails() {
    }

    /**
     * @param outputDir the study's output folder (thumbnails go to {@code report/thumbs/})
     * @param imageRoot the root the images' paths lie under
     */
    static Made make(NetworkInputSource inputs, Path outputDir, Path imageRoot, List<ImageRecord> images)
            throws IOException {
        ReportThumbnails thumbnails = ReportThumbnails.in(outputDir);
        List<ImageRecord> missing = images.stream().filter(r -> !thumbnails.has(r.relativePath())).toList();
        if (missing.isEmpty()) {
            return new Made(0, 0);
        }
        // only the inputs are wanted: nothing is accepted or failed along the way
        inputs.preprocessOnly(new Dataset(imageRoot, missing, List.of()), new ThumbnailingSink((image, f) -> { },
                thumbnails));
        return new Made(missing.size(), missing.stream().filter(r -> thumbnails.has(r.relativePath())).count());
    }
}
