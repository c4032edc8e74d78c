package org.mammoembed.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The processor this process runs on, as {@code run.json} and {@code mammography bench} record it, for example
 * {@code AMD EPYC (amd64, AVX-512), 2 processors}. Two reasons to keep it with the results:
 * <ul>
 *   <li>ONNX Runtime chooses its CPU kernels by instruction set, and kernels for another set may sum in another
 *       order: features are bitwise identical across batch sizes and thread counts on one machine, but one computed
 *       where AVX-512 is missing need not equal them in the last bits.</li>
 *   <li>Benchmark ratios move with the host: the network's share of the CPU differs from one processor to the next
 *       (README, Benchmarks).</li>
 * </ul>
 * Read from {@code /proc/cpuinfo} where there is one (Linux); elsewhere only the architecture and the processor
 * count. Holds no host name or other identifier of the machine.
 */
public final class HostCpu {
    private static final Path CPUINFO = Path.of("/proc/cpuinfo");
    private static final String DESCRIPTION = describe(cpuinfo(), System.getProperty("os.arch", ""),
            Runtime.getRuntime().availableProcessors());

    private HostCpu() {
    }

    /** This machine's processor: model, architecture, widest vector instruction set known, processors available. */
    public static String describe() {
        return DESCRIPTION;
    }

    /**
     * The description from the lines of a {@code /proc/cpuinfo} (its first processor's {@code model name} and
     * {@code flags} or {@code Features}), the architecture and the processors available to the JVM.
     */
    static String describe(List<String> cpuinfo, String arch, int processors) {
        String model = field(cpuinfo, "model name");
        String flags = field(cpuinfo, "flags");
        String features = flags.isEmpty() ? field(cpuinfo, "Features") : flags;
        String vector = widestVectorSet(" " + features + " ");
        StringBuilder s = new StringBuilder(model.isEmpty() ? "unknown model" : model.replaceAll("\\s+", " "));
        s.append(" (").append(arch.isEmpty() ? "unknown architecture" : arch);
        if (!vector.isEmpty()) {
            s.append(", ").append(vector);
        }
        s.append("), ").append(processors).append(processors == 1 ? " processor" : " processors");
        return s.toString();
    }

    /** The widest of the vector sets that ONNX Runtime's CPU kernels are chosen by, or "" when none is listed. */
    private static String widestVectorSet(String features) {
        if (features.contains(" avx512f ")) {
            return "AVX-512";
        } else if (features.contains(" avx2 ")) {
            return "AVX2";
        } else if (features.contains(" sve ")) {
            return "SVE";
        } else if (features.contains(" asimd ")) {
            return "NEON";
        }
        return "";
    }

    /** The value of the first line {@code name : value}, trimmed, or "". */
    private static String field(List<String> lines, String name) {
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return "";
    }

    /** The first processor's lines (up to the first blank line): the rest repeat them, once per processor. */
    private static List<String> cpuinfo() {
        if (!Files.isReadable(CPUINFO)) {
            return List.of();
        }
        try (Stream<String> lines = Files.lines(CPUINFO, StandardCharsets.ISO_8859_1)) {
            return lines.takeWhile(line -> !line.isBlank()).toList();
        } catch (IOException | RuntimeException e) {
            return List.of(); // described from the architecture alone
        }
    }
}
