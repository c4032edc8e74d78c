import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * CPU time of the calling thread per image for reading + decoding (the default reader) and for the default
 * preprocessing, over every .dcm under a folder, single-threaded, after one warm-up pass; prints the medians. Given
 * two builds, it measures them side by side in one process: each build's jars in a class loader of its own, and
 * every image read and preprocessed by one build then the other (which goes first alternates by pass), so that the
 * host's load, which varies by tens of percent from minute to minute here, falls on both alike; it then prints the
 * after/before ratios, both as a ratio of the medians and as the median of the ratios of same-image pairs. Uses
 * only API that every build has, through reflection, so it measures earlier builds too; a build with
 * {@code FrameBuffers} reads each frame into a recycled array and recycles it after preprocessing, as the
 * extractor's workers do.
 * {@code java examples/bench/StageCpu.java DIR [BEFORE/lib] AFTER/lib [PASSES=3]}, where a {@code lib} is
 * a build's {@code examples/target/lib}; run from the repository root. With {@code -Dneighbour=vector|scalar|memory}
 * and one build it measures instead what a neighbour costs: each image alone, then while a thread of that kind of
 * work runs ({@link Neighbour}; pin the JVM to one core with {@code taskset -c 0} to make it share that core).
 */
public class StageCpu {
    private static final Path QUIET_LOGGING = Path.of("examples/jshell/logback.xml");

    public static void main(String[] args) throws Exception {
        // the library's DEBUG lines (one per image) would otherwise go to the console inside the timed code
        if (System.getProperty("logback.configurationFile") == null && Files.exists(QUIET_LOGGING)) {
            System.setProperty("logback.configurationFile", QUIET_LOGGING.toString());
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(Path.of(args[0]))) {
            files = s.filter(p -> p.toString().endsWith(".dcm")).sorted().toList();
        }
        String neighbour = System.getProperty("neighbour");
        if (neighbour != null && args.length > 2 && !args[2].matches("\\d+")) {
            throw new IllegalArgumentException("-Dneighbour measures one build: DIR LIB [PASSES]");
        }
        boolean two = neighbour != null || args.length > 2 && !args[2].matches("\\d+");
        int libs = neighbour == null && two ? 2 : 1;
        // with a neighbour, the one build twice: "before" alone, "after" while the neighbour runs
        Build[] builds = !two ? new Build[] {new Build(Path.of(args[1]))}
                : new Build[] {new Build(Path.of(args[1])), new Build(Path.of(args[libs]))};
        Neighbour load = neighbour == null ? null : Neighbour.start(neighbour);
        int passes = args.length > libs + 1 ? Integer.parseInt(args[libs + 1]) : 3;
        for (int pass = 0; pass <= passes; pass++) {
            for (Path f : files) {
                for (int k = 0; k < builds.length; k++) {
                    int b = (pass + k) % builds.length;
                    if (load != null) {
                        load.running(b == 1);
                    }
                    builds[b].run(f, pass > 0);
                }
            }
        }
        if (load != null) {
            load.running(false);
        }
        String[] names = !two ? new String[] {"build"}
                : neighbour == null ? new String[] {"before", "after"} : new String[] {"alone", "shared"};
        for (int b = 0; b < builds.length; b++) {
            System.out.printf(Locale.ROOT, "%-6s decode %6.2f ms CPU, preprocess %6.2f ms CPU (medians of %d)%n",
                    names[b], median(builds[b].decode), median(builds[b].preprocess), builds[b].decode.size());
        }
        if (!two) {
            return;
        }
        String ratio = neighbour == null ? "after / before" : "shared / alone";
        System.out.printf(Locale.ROOT, "%s: decode %.3f, preprocess %.3f, both %.3f%n", ratio,
                median(builds[1].decode) / median(builds[0].decode),
                median(builds[1].preprocess) / median(builds[0].preprocess),
                (median(builds[1].decode) + median(builds[1].preprocess))
                        / (median(builds[0].decode) + median(builds[0].preprocess)));
        // the same image, one build right after the other: the host's load, which swings from second to second, is
        // nearly the same for the two of a pair, so the median of the pairs' ratios moves less than a ratio of medians
        System.out.printf(Locale.ROOT, "%s, median of %d same-image pairs: decode %.3f, preprocess %.3f, both %.3f%n",
                ratio, builds[0].decode.size(), pairedMedian(builds[1].decode, builds[0].decode),
                pairedMedian(builds[1].preprocess, builds[0].preprocess),
                pairedMedian(sum(builds[1].decode, builds[1].preprocess), sum(builds[0].decode, builds[0].preprocess)));
    }

    private static List<Double> sum(List<Double> a, List<Double> b) {
        List<Double> s = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            s.add(a.get(i) + b.get(i));
        }
        return s;
    }

    private static double pairedMedian(List<Double> after, List<Double> before) {
        List<Double> r = new ArrayList<>();
        for (int i = 0; i < after.size(); i++) {
            r.add(after.get(i) / before.get(i));
        }
        return median(r);
    }

    /**
     * A thread that, while {@link #running}, keeps busy with one kind of work: {@code vector}, multiply-adds over a
     * 16 KB float array that C2 compiles to the widest vector instructions the CPU has (AVX-512 here, as ONNX
     * Runtime's convolutions use), nothing to wait for from memory; or {@code scalar}, a chain of 64-bit integer
     * multiplies, as busy with no vector unit in use; or {@code memory}, the same multiply-adds streaming through
     * 256 MB, as a batch of activations does. Run the JVM on one core ({@code taskset -c 0}) and the kernel
     * time-slices the neighbour with the measured thread, as it does `bench`'s workers with ONNX Runtime's threads
     * on a 2-core machine; on two, the two run side by side.
     */
    private static final class Neighbour extends Thread {
        private final String kind;
        private volatile boolean on;
        private volatile float sink;

        private Neighbour(String kind) {
            super("stagecpu-neighbour");
            if (!List.of("vector", "scalar", "memory").contains(kind)) {
                throw new IllegalArgumentException("-Dneighbour=vector, scalar or memory, not " + kind);
            }
            this.kind = kind;
            setDaemon(true);
        }

        static Neighbour start(String kind) {
            Neighbour n = new Neighbour(kind);
            n.start();
            return n;
        }

        void running(boolean run) {
            on = run;
            if (run) {
                java.util.concurrent.locks.LockSupport.unpark(this);
            }
        }

        @Override
        public void run() {
            float[] v = new float[kind.equals("memory") ? 64 << 20 : 4096];
            long x = 1;
            int at = 0;
            while (true) {
                if (!on) {
                    java.util.concurrent.locks.LockSupport.park();
                    continue;
                }
                if (!kind.equals("scalar")) {
                    // a 16 KB stretch at a time, so that the flag is seen at once
                    for (int i = at; i < at + 4096; i++) {
                        v[i] = v[i] * 0.999f + 1f;
                    }
                    at = (at + 4096) % v.length;
                } else {
                    for (int i = 0; i < 4096; i++) {
                        x = x * 6364136223846793005L + 1442695040888963407L;
                    }
                }
                sink = v[7] + x; // so that the JIT keeps the loops
            }
        }
    }

    /** One build: its reader and default preprocessing, reached by reflection through its own class loader. */
    private static final class Build {
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
        final List<Double> decode = new ArrayList<>();
        final List<Double> preprocess = new ArrayList<>();
        private final Object reader;
        private final Object buffers;
        private final Method read;
        private final Method recycle;
        private final Object recipe;
        private final Method apply;
        private final float[] out = new float[3 * 224 * 224];

        Build(Path lib) throws Exception {
            List<URL> jars = new ArrayList<>();
            try (Stream<Path> s = Files.list(lib)) {
                for (Path j : s.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                    jars.add(j.toUri().toURL());
                }
            }
            ClassLoader cl = new URLClassLoader(jars.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
            Class<?> readerClass = cl.loadClass("org.mammoembed.dicom.DicomFileReader");
            reader = readerClass.getMethod("create").invoke(null);
            Class<?> buffersClass = load(cl, "org.mammoembed.core.FrameBuffers");
            if (buffersClass != null) {
                // as the extractor's workers do: each frame into a recycled array, recycled after preprocessing
                buffers = buffersClass.getConstructor(int.class).newInstance(1);
                read = readerClass.getMethod("read", Path.class, int.class, buffersClass);
                recycle = buffersClass.getMethod("recycle", cl.loadClass("org.mammoembed.core.DecodedImage"));
            } else {
                buffers = null;
                read = readerClass.getMethod("read", Path.class, int.class);
                recycle = null;
            }
            Class<?> recipeClass = cl.loadClass("org.mammoembed.embed.Preprocessing");
            recipe = recipeClass.getMethod("defaults").invoke(null);
            apply = recipeClass.getMethod("apply", cl.loadClass("org.mammoembed.core.DecodedImage"), float[].class,
                    int.class);
        }

        void run(Path file, boolean counted) throws Exception {
            long c0 = THREADS.getCurrentThreadCpuTime();
            Object image = buffers == null ? read.invoke(reader, file, 0) : read.invoke(reader, file, 0, buffers);
            long c1 = THREADS.getCurrentThreadCpuTime();
            apply.invoke(recipe, image, out, 0);
            if (recycle != null) {
                recycle.invoke(buffers, image);
            }
            long c2 = THREADS.getCurrentThreadCpuTime();
            if (counted) {
                decode.add((c1 - c0) / 1e6);
                preprocess.add((c2 - c1) / 1e6);
            }
        }
    }

    /** The class, or null where this build has none. */
    private static Class<?> load(ClassLoader cl, String name) {
        try {
            return cl.loadClass(name);
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    private static double median(List<Double> v) {
        double[] a = v.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        return a[a.length / 2];
    }
}
