package org.mammoembed.examples;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtLoggingLevel;
import org.mammoembed.io.BuildInfo;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code mammography --version}: the library version and the git commit it was built from (recorded by the build,
 * {@link BuildInfo}), the ONNX Runtime and Java versions.
 */
final class VersionInfo implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {
            "mammography " + BuildInfo.version() + " (commit " + BuildInfo.commit() + ")",
            "ONNX Runtime " + onnxRuntimeVersion(),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ", "
                    + System.getProperty("java.vendor") + ")",
        };
    }

    static String onnxRuntimeVersion() {
        try {
            return OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL).getVersion();
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            return BuildInfo.UNKNOWN + " (" + e.getClass().getSimpleName() + ")";
        }
    }
}
