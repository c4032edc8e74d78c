package org.mammoembed.io.study;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mammoembed.core.ImageReader;
import org.mammoembed.core.EmbeddedImage;
import org.mammoembed.core.ImageMetadata;
import org.mammoembed.core.ImageRecord;
import org.mammoembed.core.MammoException;

/**
 * Header tags as {@code joined.csv} columns named {@code TagGGGGEEEE}. Off by default, because those tags can
 * be patient identifiers: a caller who asks for them gets them, nobody else does. Reads each image's header
 * again (header only, no pixels).
 */
final class HeaderTags {
    private HeaderTags() {
    }

    static String columnName(int tag) {
        return String.format(Locale.ROOT, "Tag%08X", tag);
    }

    static List<EmbeddedImage> add(List<EmbeddedImage> rows, List<Integer> tags, ImageReader reader, RunLogFile log) {
        if (tags.isEmpty()) {
            return rows;
        }
        List<EmbeddedImage> out = new ArrayList<>(rows.size());
        for (EmbeddedImage row : rows) {
            ImageRecord r = row.record();
            Map<String, String> columns = new LinkedHashMap<>(r.extraColumns());
            ImageMetadata m = null;
            try {
                m = reader.readMetadata(r.path());
            } catch (MammoException e) {
                log.warn("include tags: cannot reread the header of " + r.relativePath() + ": " + e.getMessage());
            }
            for (int tag : tags) {
                columns.put(columnName(tag), m == null ? "" : m.tag(tag).orElse(""));
            }
            out.add(new EmbeddedImage(row.index(), new ImageRecord(r.accessionNumber(), r.density(), r.path(),
                    r.relativePath(), columns), row.viewPosition(), row.laterality()));
        }
        return out;
    }
}
