/** mammo-dicom: the pure-Java DICOM reader and the PNG/TIFF export readers. */
module org.mammoembed.dicom {
    requires transitive org.mammoembed.core;
    requires org.slf4j;
    requires java.desktop;
    requires com.twelvemonkeys.imageio.jpeg;
    requires jai.imageio.jpeg2000;
    // optional faster JPEG 2000 (codec.OpenCvJpeg2000): used only when the jar is present
    requires static opencv;

    exports org.mammoembed.dicom;
    exports org.mammoembed.dicom.codec;
    exports org.mammoembed.dicom.grayscale;
    exports org.mammoembed.dicom.raster;

    provides org.mammoembed.core.ImageReaderProvider with org.mammoembed.dicom.DicomReaderProvider,
            org.mammoembed.dicom.raster.RasterReaderProviders.Png,
            org.mammoembed.dicom.raster.RasterReaderProviders.Tiff;
}
