/** mammo-io: outputs of a run (npy, CSVs, JSON, plots, checkpoint, cache, run.json). */
module org.mammoembed.io {
    requires transitive org.mammoembed.core;
    requires org.slf4j;
    requires java.desktop;
    requires com.fasterxml.jackson.databind;
    requires org.jfree.jfreechart;

    exports org.mammoembed.io;
    exports org.mammoembed.io.study;
    exports org.mammoembed.io.report;
}
