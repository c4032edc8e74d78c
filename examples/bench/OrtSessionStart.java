import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * How long ONNX Runtime takes to create the library's CPU session (the options of {@code SessionFactory}: all
 * graph optimisations, 2 intra-op threads) in a fresh process, from the model as given or from a copy that ORT
 * optimised and saved before (then loaded with no optimisation), and whether the two give the same bits.
 *
 * <pre>
 * b() { java -cp 'examples/target/lib/*' examples/bench/OrtSessionStart.java "$@"; }
 * b save MODEL all.onnx ALL_OPT; b save MODEL extended.onnx EXTENDED_OPT
 * for i in 1 2 3 4; do b time MODEL ALL_OPT; b time all.onnx NO_OPT; b time extended.onnx ALL_OPT; done
 * </pre>
 * {@code save MODEL OUT LEVEL} writes the model as ORT optimised it at that level; {@code time MODEL LEVEL} prints
 * the creation of a session at that level (wall and process CPU) and a hash of the features of one fixed batch of
 * two random inputs: equal hashes, equal features. A model saved at {@code ALL_OPT} holds layouts for this CPU only
 * (ORT warns so); this measures what caching one would save, it is not a way to run the library.
 */
public class OrtSessionStart {
    public static void main(String[] args) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        Path model = Path.of(args[1]);
        SessionOptions.OptLevel level = SessionOptions.OptLevel.valueOf(args[args.length - 1]);
        if (args[0].equals("save")) {
            try (SessionOptions o = options(level)) {
                o.setOptimizedModelFilePath(args[2]);
                env.createSession(model.toString(), o).close();
            }
            System.out.printf(Locale.ROOT, "saved %s (%d bytes)%n", args[2], Files.size(Path.of(args[2])));
            return;
        }
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long t0 = System.nanoTime();
        long c0 = os.getProcessCpuTime();
        try (SessionOptions o = options(level);
             OrtSession session = env.createSession(model.toString(), o)) {
            long t1 = System.nanoTime();
            long c1 = os.getProcessCpuTime();
            System.out.printf(Locale.ROOT, "%-24s %-12s session %4.0f ms wall %4.0f ms CPU, features hash %d%n",
                    model.getFileName(), level, (t1 - t0) / 1e6, (c1 - c0) / 1e6,
                    Arrays.hashCode(features(env, session)));
        }
    }

    private static SessionOptions options(SessionOptions.OptLevel level) throws Exception {
        SessionOptions o = new SessionOptions();
        o.setOptimizationLevel(level);
        o.setExecutionMode(SessionOptions.ExecutionMode.SEQUENTIAL);
        o.setIntraOpNumThreads(2);
        o.setInterOpNumThreads(1);
        o.setMemoryPatternOptimization(true);
        o.setCPUArenaAllocator(true);
        return o;
    }

    private static float[] features(OrtEnvironment env, OrtSession session) throws Exception {
        float[] in = new float[2 * 3 * 224 * 224];
        Random r = new Random(1);
        for (int i = 0; i < in.length; i++) {
            in[i] = (float) r.nextGaussian();
        }
        try (OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(in), new long[] {2, 3, 224, 224});
             OrtSession.Result out = session.run(Map.of(session.getInputNames().iterator().next(), t))) {
            float[] f = new float[2 * 2048];
            ((OnnxTensor) out.get(0)).getFloatBuffer().get(f);
            return f;
        }
    }
}
