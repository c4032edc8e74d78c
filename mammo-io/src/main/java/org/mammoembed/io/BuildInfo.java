package org.mammoembed.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Which build of mammo-embed this is: its version and the git commit it was built from, recorded by Maven at build
 * time (run.json, {@code mammography --version}). Both are "unknown" for classes not built by Maven (an IDE) and
 * the commit also for a source tree without git.
 */
public final class BuildInfo {
    /** The value of a fact the build did not record. */
    public static final String UNKNOWN = "unknown";
    private static final Properties PROPERTIES = load();

    private BuildInfo() {
    }

    /** The library version, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static String version() {
        return PROPERTIES.getProperty("version", UNKNOWN);
    }

    /** The full git commit id of the build, or {@link #UNKNOWN}. */
    public static String commit() {
        return PROPERTIES.getProperty("commit", UNKNOWN);
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // reported as unknown
        }
        // an unfiltered copy still holds the ${...} placeholders
        p.entrySet().removeIf(e -> String.valueOf(e.getValue()).isBlank()
                || String.valueOf(e.getValue()).startsWith("${"));
        return p;
    }
}
