package org.mammoembed.embed;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Names the real reason when ONNX Runtime's native library does not load. ONNX Runtime unpacks
 * {@code libonnxruntime.so} (about 22 MB) from its jar into {@code java.io.tmpdir}; when that write fails (a
 * file-size limit such as {@code ulimit -f}, a full or read-only temp folder) it falls back to
 * {@code System.loadLibrary} and reports only "no onnxruntime in java.library.path". This probe repeats the write
 * and reports what stopped it.
 */
final class NativeLibraryProbe {
    /** About the size of the library ONNX Runtime unpacks. */
    static final long LIBRARY_BYTES = 22L << 20;

    private NativeLibraryProbe() {
    }

    /** Whether {@code e} is a failure to load ONNX Runtime's native code, rather than an ORT error. */
    static boolean isLoadFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnsatisfiedLinkError || t instanceof ExceptionInInitializerError
                    || t instanceof NoClassDefFoundError) {
                return true;
            }
        }
        return false;
    }

    /**
     * Why the library could not be unpacked into {@code folder}, or null when a file of its size can be written
     * there (then the cause is something else, and ORT's own message stands).
     */
    static String unpackProblem(Path folder, long bytes) {
        if (System.getProperty("onnxruntime.native.path") != null) {
            return null; // ORT loads from that folder and unpacks nothing
        }
        Path probe = null;
        try {
            probe = Files.createTempFile(folder, "mammo-embed-ort-probe", ".bin");
            byte[] block = new byte[1 << 20];
            try (OutputStream out = Files.newOutputStream(probe)) {
                for (long done = 0; done < bytes; done += block.length) {
                    out.write(block);
                }
            }
            return null;
        } catch (IOException | SecurityException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            String hint = why.contains("File too large") ? " (a file-size limit: see ulimit -f)"
                    : why.contains("No space left") ? " (the folder's file system is full)" : "";
            return "ONNX Runtime could not unpack its native library (about " + (bytes >> 20) + " MB) into "
                    + folder + ": " + why + hint + "; lift the limit, point -Djava.io.tmpdir at a folder where it"
                    + " can be written, or unpack libonnxruntime.so yourself and set -Donnxruntime.native.path";
        } finally {
            if (probe != null) {
                try {
                    Files.deleteIfExists(probe);
                } catch (IOException ignored) {
                    // a probe file left in the temp folder is harmless
                }
            }
        }
    }

    /** The message for a load failure: the unpack problem when there is one, else ORT's own words. */
    static String explain(Throwable e) {
        String problem = unpackProblem(Path.of(System.getProperty("java.io.tmpdir")), LIBRARY_BYTES);
        if (problem != null) {
            return problem;
        }
        Throwable root = e;
        while (root.getCause() != null && root.getMessage() == null) {
            root = root.getCause();
        }
        return "ONNX Runtime cannot start on this machine: " + (root.getMessage() == null
                ? root.getClass().getSimpleName() : root.getMessage());
    }
}
