/** mammo-core: the plain-Java types and SPIs every other module builds on. */
module org.mammoembed.core {
    requires org.slf4j;

    exports org.mammoembed.core;
    // DICOM sniffing, shared with mammo-dicom's parser only
    exports org.mammoembed.core.internal to org.mammoembed.dicom;

    uses org.mammoembed.core.ImageReaderProvider;
}
