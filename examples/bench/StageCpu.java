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
 * after/before ratios. Uses only API that every build has, through reflection, so it measures earlier builds too;
 * a build with {@code FrameBuffers} reads each frame into a recycled array and recycles it after preprocessing, as
 * the extractor's workers do.
 * {@code java examples/bench/StageCpu.java DIR [BEFORE/lib] AFTER/lib [PASSES=3]}, where a {@code lib} is
 * a build's {@code examples/target/lib}; run from the repository root.
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
        boolean two = args.length > 2 && !args[2].matches("\\d+");
        Build[] builds = two ? new Build[] {new Build(Path.of(args[1])), new Build(Path.of(args[2]))}
                : new Build[] {new Build(Path.of(args[1]))};
        int passes = args.length > builds.length + 1 ? Integer.parseInt(args[builds.length + 1]) : 3;
        for (int pass = 0; pass <= passes; pass++) {
            for (Path f : files) {
                for (int k = 0; k < builds.length; k++) {
                    builds[(pass + k) % builds.length].run(f, pass > 0);
                }
            }
        }
        String[] names = two ? new String[] {"before", "after"} : new String[] {"build"};
        for (int b = 0; b < builds.length; b++) {
            System.out.printf(Locale.ROOT, "%-6s decode %6.2f ms CPU, preprocess %6.2f ms CPU (medians of %d)%n",
                    names[b], median(builds[b].decode), median(builds[b].preprocess), builds[b].decode.size());
        }
        if (!two) {
            return;
        }
        System.out.printf(Locale.ROOT, "after / before: decode %.3f, preprocess %.3f, both %.3f%n",
                median(builds[1].decode) / median(builds[0].decode),
                median(builds[1].preprocess) / median(builds[0].preprocess),
                (median(builds[1].decode) + median(builds[1].preprocess))
                        / (median(builds[0].decode) + median(builds[0].preprocess)));
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
