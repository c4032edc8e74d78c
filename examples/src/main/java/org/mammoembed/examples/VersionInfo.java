package org.mammoembed.examples;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtLoggingLevel;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code mammography --version}: the library version and the git commit it was built from (recorded by the build
 * in {@code build.properties}), the ONNX Runtime and Java versions.
 */
final class VersionInfo implements IVersionProvider {
    private static final String UNKNOWN = "unknown";

    @Override
    public String[] getVersion() {
        Properties p = buildProperties();
        return new String[] {
            "mammography " + p.getProperty("version", UNKNOWN) + " (commit " + p.getProperty("commit", UNKNOWN) + ")",
            "ONNX Runtime " + onnxRuntimeVersion(),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ", "
                    + System.getProperty("java.vendor") + ")",
        };
    }

    /** The library version this jar was built as. */
    static String libraryVersion() {
        return buildProperties().getProperty("version", UNKNOWN);
    }

    /** The git commit the build saw, or "unknown" (a source tree without git). */
    static String gitCommit() {
        return buildProperties().getProperty("commit", UNKNOWN);
    }

    static String onnxRuntimeVersion() {
        try {
            return OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL).getVersion();
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            return UNKNOWN + " (" + e.getClass().getSimpleName() + ")";
        }
    }

    private static Properties buildProperties() {
        Properties p = new Properties();
        try (InputStream in = VersionInfo.class.getResourceAsStream("build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // reported as unknown
        }
        // an unfiltered file (an IDE's build) still has the placeholders
        p.entrySet().removeIf(e -> String.valueOf(e.getValue()).startsWith("${"));
        return p;
    }
}
