package org.mammoembed.dicom.raster;

import org.mammoembed.core.ImageReader;
import org.mammoembed.core.ImageReaderProvider;

/** Registers the {@code "png"} and {@code "tiff"} readers of {@code ImageReaders}. */
public final class RasterReaderProviders {
    private RasterReaderProviders() {
    }

    /** {@code ImageReaders.named("png")}. */
    public static final class Png implements ImageReaderProvider {
        @Override
        public String name() {
            return "png";
        }

        @Override
        public ImageReader create() {
            return RasterImageReader.png();
        }
    }

    /** {@code ImageReaders.named("tiff")}. */
    public static final class Tiff implements ImageReaderProvider {
        @Override
        public String name() {
            return "tiff";
        }

        @Override
        public ImageReader create() {
            return RasterImageReader.tiff();
        }
    }
}
