/** mammo-core: the plain-Java types and SPIs every other module builds on. */
module org.mammoembed.core {
    requires org.slf4j;

    exports org.mammoembed.core;
    // the grayscale steps after the modality LUT, shared by preprocessing and the readers
    exports org.mammoembed.core.grayscale;
    // DICOM sniffing, shared with mammo-dicom's parser only
    exports org.mammoembed.core.internal to org.mammoembed.dicom;

    uses org.mammoembed.core.ImageReaderProvider;
}
