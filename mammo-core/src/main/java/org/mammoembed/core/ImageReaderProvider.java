package org.mammoembed.core;

/**
 * Service-provider interface behind {@link ImageReaders}: a module that brings a reader lists its provider in
 * {@code META-INF/services/org.mammoembed.core.ImageReaderProvider} (and {@code provides ... with ...} in its
 * {@code module-info}). Implementations need a public no-argument constructor.
 */
public interface ImageReaderProvider {

    /** The name users select the reader by, lower case, e.g. {@code "dicom"}, {@code "png"}, {@code "tiff"}. */
    String name();

    /** A reader with every option at its default. */
    ImageReader create();
}
