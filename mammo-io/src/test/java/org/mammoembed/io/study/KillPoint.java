package org.mammoembed.io.study;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.mammoembed.io.CheckpointStore;

/**
 * Crash tests' child JVMs: start a class's {@code main} on this test class path, and kill it (SIGKILL) once the
 * run's checkpoint has grown by more than some bytes past the size first seen (the header for a fresh run, the
 * earlier records for a resumed one). Shared by the library's and the CLI's kill tests.
 */
public final class KillPoint {
    /** How long a child may take to reach its kill point or to finish. */
    public static final long CHILD_TIMEOUT_S = 120;

    private KillPoint() {
    }

    /** A child JVM running {@code main} with {@code args}, its output to {@code log}. */
    public static Process start(Class<?> main, List<String> args, Path log) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), main.getName()));
        cmd.addAll(args);
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Size of the checkpoint file in {@code outputDir}, -1 when there is none. */
    public static long checkpointSize(Path outputDir) throws IOException {
        Path f = outputDir.resolve(".checkpoint").resolve(CheckpointStore.FILE_NAME);
        return Files.exists(f) ? Files.size(f) : -1;
    }

    /** Starts the child and kills it once the checkpoint grew by more than {@code growthBytes}; the size then. */
    public static long runAndKill(Class<?> main, List<String> args, Path outputDir, long growthBytes, Path log)
            throws Exception {
        Process p = start(main, args, log);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CHILD_TIMEOUT_S);
        try {
            long base = -1;
            while (true) {
                long size = checkpointSize(outputDir);
                if (base <= 0) {
                    base = size;
                } else if (size > base + growthBytes) {
                    break;
                }
                assertTrue(p.isAlive(), () -> "child ended before the kill point: " + read(log));
                assertTrue(System.nanoTime() < deadline, "checkpoint never grew");
                Thread.sleep(2);
            }
        } finally {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
        return checkpointSize(outputDir);
    }

    /** A log file's text, or the reason it cannot be read. */
    public static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
