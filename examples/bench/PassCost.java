import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.mammoembed.core.StoredPixels;

/**
 * The floor under issue 13's target 1 on this machine: what one pass over a 3328 x 2560 frame of 16-bit words
 * costs when it does next to nothing per pixel, beside the library's histogram pass over the same frames (CPU time
 * of this thread per image, medians; the order of the passes rotates by image and round). The preprocessing
 * recipe reads every frame at least three times (the copy out of the file, the percentile histogram, the window
 * look-up as the horizontal resize reads the rows) before its resize arithmetic, so three plain passes are a lower
 * bound for scalar Java here, whatever the code does per pixel.
 *
 * <ol>
 * <li>{@code sum}: the words summed: one read of every word.
 * <li>{@code arraycopy}: the words copied into one reused array: a read and a write of every word.
 * <li>{@code histogram}: {@link StoredPixels#countInto(int[], int, int[])}, the library's counting pass (12 bits
 *     stored, each row's leading and trailing runs counted at once).
 * </ol>
 *
 * <p>Loads the frames into memory first (the last {@code rows x columns} words of each file, as in the synthetic
 * native files this is meant for) and keeps at most {@code MAX_FRAMES}, so that no file reading is timed. Run from
 * the repository root after {@code mvn package}:
 * {@code java -cp examples/target/lib/mammo-core-0.1.0-SNAPSHOT.jar examples/bench/PassCost.java DIR ROWS COLUMNS
 * [ROUNDS=4]}
 */
public class PassCost {
    private static final String[] PASSES = {"sum", "arraycopy", "histogram"};
    private static final int MAX_FRAMES = 24;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static long sink;

    public static void main(String[] args) throws Exception {
        int rows = Integer.parseInt(args[1]);
        int cols = Integer.parseInt(args[2]);
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 4;
        int n = rows * cols;
        List<short[]> frames = new ArrayList<>();
        try (Stream<Path> s = Files.walk(Path.of(args[0]))) {
            for (Path p : s.filter(f -> f.toString().endsWith(".dcm")).sorted().limit(MAX_FRAMES).toList()) {
                byte[] bytes = Files.readAllBytes(p);
                short[] words = new short[n];
                ByteBuffer.wrap(bytes, bytes.length - 2 * n, 2 * n).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer()
                        .get(words);
                frames.add(words);
            }
        }
        short[] copy = new short[n];
        int[] counts = new int[1 << 12];
        int[] edgeRuns = new int[2 * rows];
        double[][] ms = new double[PASSES.length][rounds * frames.size()];
        for (int round = 0; round <= rounds; round++) {
            for (int f = 0; f < frames.size(); f++) {
                short[] words = frames.get(f);
                StoredPixels stored = StoredPixels.ofWords(words, 12, 11, false, 1, 0);
                for (int k = 0; k < PASSES.length; k++) {
                    int pass = (round + f + k) % PASSES.length;
                    long c0 = THREADS.getCurrentThreadCpuTime();
                    switch (pass) {
                        case 0 -> sink += sum(words);
                        case 1 -> System.arraycopy(words, 0, copy, 0, n);
                        default -> stored.countInto(counts, cols, edgeRuns);
                    }
                    long c1 = THREADS.getCurrentThreadCpuTime();
                    if (round > 0) { // round 0 warms the JIT
                        ms[pass][(round - 1) * frames.size() + f] = (c1 - c0) / 1e6;
                    }
                }
                sink += copy[f] + counts[f];
            }
        }
        double base = median(ms[0]);
        System.out.printf(Locale.ROOT, "%d frames of %d x %d, %d rounds%n", frames.size(), rows, cols, rounds);
        System.out.printf(Locale.ROOT, "%-10s %12s %12s %8s%n", "pass", "ms CPU/img", "ns/pixel", "/ sum");
        for (int k = 0; k < PASSES.length; k++) {
            double m = median(ms[k]);
            System.out.printf(Locale.ROOT, "%-10s %12.2f %12.2f %8.2f%n", PASSES[k], m, m * 1e6 / n, m / base);
        }
        if (sink == 42) {
            System.out.println();
        }
    }

    private static long sum(short[] words) {
        int s = 0;
        for (short w : words) {
            s += w;
        }
        return s;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
