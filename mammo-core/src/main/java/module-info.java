/** mammo-core: the plain-Java types and SPIs every other module builds on. */
module org.mammoembed.core {
    requires org.slf4j;

    exports org.mammoembed.core;
    // the grayscale steps after the modality LUT, shared by preprocessing and the readers
    exports org.mammoembed.core.grayscale;
    // DICOM sniffing, shared with mammo-dicom's parser; the daemon-thread starts, shared with mammo-io (mammo-embed
    // reads it from the class path: it has no module descriptor)
    exports org.mammoembed.core.internal to org.mammoembed.dicom, org.mammoembed.io;

    uses org.mammoembed.core.ImageReaderProvider;
}
