import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.mammoembed.core.DecodedImage;
import org.mammoembed.dicom.DicomFileReader;
import org.mammoembed.embed.Preprocessing;

/**
 * CPU time of the calling thread per image for reading + decoding (the default reader) and for the default
 * preprocessing, over every .dcm under a folder, single-threaded, after one warm-up pass; prints the medians.
 * Uses only API that every build has, so the same file measures an earlier build's jars and this one's:
 * {@code java -cp "BUILD/lib/*" examples/bench/StageCpu.java DIR [PASSES=3]}.
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
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        DicomFileReader reader = DicomFileReader.create();
        Preprocessing pre = Preprocessing.defaults();
        float[] out = new float[3 * 224 * 224];
        List<Double> decode = new ArrayList<>();
        List<Double> preprocess = new ArrayList<>();
        for (int pass = 0; pass <= passes; pass++) {
            for (Path f : files) {
                long c0 = threads.getCurrentThreadCpuTime();
                DecodedImage image = reader.read(f, 0);
                long c1 = threads.getCurrentThreadCpuTime();
                pre.apply(image, out, 0);
                long c2 = threads.getCurrentThreadCpuTime();
                if (pass > 0) {
                    decode.add((c1 - c0) / 1e6);
                    preprocess.add((c2 - c1) / 1e6);
                }
            }
        }
        System.out.printf(Locale.ROOT, "%d images x %d passes: decode %.1f ms CPU, preprocess %.1f ms CPU (medians)%n",
                files.size(), passes, median(decode), median(preprocess));
    }

    private static double median(List<Double> v) {
        double[] a = v.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        return a[a.length / 2];
    }
}
