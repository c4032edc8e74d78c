package org.mammoembed.core;

import java.util.Objects;

/**
 * The index row of one embedding: which image it is, and the header facts written beside it.
 *
 * @param index         row in the feature matrix (0-based, input order)
 * @param record        the image
 * @param viewPosition  ViewPosition (or the View Code Sequence meaning), "" when absent
 * @param laterality    ImageLaterality (or Laterality), "" when absent
 */
public record EmbeddedImage(int index, ImageRecord record, String viewPosition, String laterality) {
    public EmbeddedImage {
        Objects.requireNonNull(record, "record");
        viewPosition = viewPosition == null ? "" : viewPosition;
        laterality = laterality == null ? "" : laterality;
    }
}
