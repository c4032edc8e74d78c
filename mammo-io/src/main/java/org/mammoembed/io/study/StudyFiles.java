package org.mammoembed.io.study;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** File chores of a study: named writes (a full disk names the file and the stage), leftovers, cleanup. */
final class StudyFiles {
    private StudyFiles() {
    }

    /** A write of one output file. */
    @FunctionalInterface
    interface Write {
        void run() throws IOException;
    }

    /**
     * Runs {@code write}; an I/O error comes back naming the file and the stage, e.g. "writing features.npy
     * (stage assembly) failed: No space left on device", with the original as its cause.
     */
    static void write(String file, String stage, Write write) throws IOException {
        try {
            write.run();
        } catch (IOException e) {
            throw new IOException("writing " + file + " (stage " + stage + ") failed: " + reason(e), e);
        }
    }

    /** The exception's own message, or its class when it has none. */
    static String reason(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /**
     * Removes the hidden {@code .<name>.<random>.tmp} files that a run killed during an atomic write leaves
     * (in the folder and in {@code preview/}); returns how many.
     */
    static int removeTempLeftovers(Path root) throws IOException {
        int removed = 0;
        for (Path dir : new Path[] {root, root.resolve("preview")}) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, ".*.tmp")) {
                for (Path p : ds) {
                    if (Files.isRegularFile(p) && Files.deleteIfExists(p)) {
                        removed++;
                    }
                }
            }
        }
        return removed;
    }

    /** Deletes a folder and everything in it, if it exists. */
    static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> s = Files.walk(folder)) {
            for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
