import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * What getting a native 16-bit frame out of its file costs, four ways, measured side by side (CPU time of this
 * thread per image; which way goes first rotates by image and pass). Each way is followed by the same two passes
 * every image needs after it: a 12-bit histogram and a window look-up row by row, so that what a way saves in the
 * copy and loses in the passes (reading through a buffer, page faults moved into them) both count.
 *
 * <ol>
 * <li>{@code copy}: the reader's way: the file mapped, a new {@code short[]} filled by one bulk copy.
 * <li>{@code mapped}: no copy: the passes read the mapping itself (a {@code ShortBuffer}).
 * <li>{@code reused}: a bulk copy into one {@code short[]} reused for every image (no new array to zero).
 * <li>{@code read}: {@code FileChannel.read} into one reused direct buffer, which the passes read.
 * </ol>
 *
 * <p>Takes the pixel data as the last {@code rows x columns} 16-bit words of each file (true of the synthetic
 * native files this is meant for). {@code java examples/bench/PixelCopyCpu.java DIR ROWS COLUMNS [PASSES=4]}
 */
public class PixelCopyCpu {
    private static final String[] WAYS = {"copy", "mapped", "reused", "read"};
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static long sink;

    public static void main(String[] args) throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.walk(Path.of(args[0]))) {
            files = s.filter(p -> p.toString().endsWith(".dcm")).sorted().toList();
        }
        int rows = Integer.parseInt(args[1]);
        int cols = Integer.parseInt(args[2]);
        int passes = args.length > 3 ? Integer.parseInt(args[3]) : 4;
        int n = rows * cols;
        short[] reused = new short[n];
        ByteBuffer direct = ByteBuffer.allocateDirect(2 * n).order(ByteOrder.nativeOrder());
        int[] counts = new int[4096];
        float[] table = new float[4096];
        for (int i = 0; i < table.length; i++) {
            table[i] = i / 4095f;
        }
        float[] row = new float[cols];
        double[][] get = new double[WAYS.length][passes * files.size()];
        double[][] work = new double[WAYS.length][passes * files.size()];
        for (int pass = 0; pass <= passes; pass++) {
            for (int f = 0; f < files.size(); f++) {
                for (int k = 0; k < WAYS.length; k++) {
                    int way = (pass + f + k) % WAYS.length;
                    long c0 = THREADS.getCurrentThreadCpuTime();
                    long offset = Files.size(files.get(f)) - 2L * n;
                    short[] array = null;
                    ShortBuffer buffer = null;
                    switch (way) {
                        case 0 -> {
                            array = new short[n];
                            mapped(files.get(f), offset, n).get(array);
                        }
                        case 1 -> buffer = mapped(files.get(f), offset, n);
                        case 2 -> {
                            mapped(files.get(f), offset, n).get(0, reused);
                            array = reused;
                        }
                        default -> buffer = read(files.get(f), offset, direct);
                    }
                    long c1 = THREADS.getCurrentThreadCpuTime();
                    Arrays.fill(counts, 0);
                    if (array != null) {
                        count(array, counts);
                        lookUp(array, table, row, rows, cols);
                    } else {
                        count(buffer, counts);
                        lookUp(buffer, table, row, rows, cols);
                    }
                    long c2 = THREADS.getCurrentThreadCpuTime();
                    sink += counts[100];
                    if (pass > 0) {
                        int i = (pass - 1) * files.size() + f;
                        get[way][i] = (c1 - c0) / 1e6;
                        work[way][i] = (c2 - c1) / 1e6;
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "%-7s %9s %12s %9s %9s   (ms of CPU per image, medians of %d)%n", "way",
                "get frame", "hist+lookup", "total", "/ copy", get[0].length);
        double base = median(get[0]) + median(work[0]);
        for (int w = 0; w < WAYS.length; w++) {
            double total = median(get[w]) + median(work[w]);
            System.out.printf(Locale.ROOT, "%-7s %9.2f %12.2f %9.2f %9.3f%n", WAYS[w], median(get[w]),
                    median(work[w]), total, total / base);
        }
        if (sink == 42) {
            System.out.println();
        }
    }

    private static ShortBuffer mapped(Path file, long offset, int n) throws Exception {
        try (FileChannel ch = FileChannel.open(file)) {
            return ch.map(FileChannel.MapMode.READ_ONLY, offset, 2L * n).order(ByteOrder.LITTLE_ENDIAN)
                    .asShortBuffer();
        }
    }

    private static ShortBuffer read(Path file, long offset, ByteBuffer into) throws Exception {
        into.clear();
        try (FileChannel ch = FileChannel.open(file)) {
            while (into.hasRemaining() && ch.read(into, offset + into.position()) > 0) {
                // until full
            }
        }
        return into.flip().order(ByteOrder.LITTLE_ENDIAN).asShortBuffer();
    }

    private static void count(short[] w, int[] counts) {
        for (short v : w) {
            counts[v & 0xFFF]++;
        }
    }

    private static void count(ShortBuffer w, int[] counts) {
        for (int i = 0, n = w.limit(); i < n; i++) {
            counts[w.get(i) & 0xFFF]++;
        }
    }

    private static void lookUp(short[] w, float[] table, float[] row, int rows, int cols) {
        for (int y = 0; y < rows; y++) {
            for (int x = 0, i = y * cols; x < cols; x++, i++) {
                row[x] = table[w[i] & 0xFFF];
            }
            sink += (long) row[cols / 2];
        }
    }

    private static void lookUp(ShortBuffer w, float[] table, float[] row, int rows, int cols) {
        for (int y = 0; y < rows; y++) {
            for (int x = 0, i = y * cols; x < cols; x++, i++) {
                row[x] = table[w.get(i) & 0xFFF];
            }
            sink += (long) row[cols / 2];
        }
    }

    private static double median(double[] v) {
        double[] a = v.clone();
        Arrays.sort(a);
        return a[a.length / 2];
    }
}
