package org.mammoembed.embed;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Inference alone vs batch size: the extractor's session wrapper ({@link OnnxEncoder#infer}, reused direct
 * buffers, pinned output) against plain ONNX Runtime usage (a new heap tensor per batch, default output
 * allocation) on the same model, options and inputs. Prints a table; the target is "within 10% of ORT".
 *
 * <pre>
 * mvn -o -q -pl mammo-embed test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.mammoembed.embed.InferenceBenchmark \
 *     -Dexec.args="/work/shared/models/resnet50-random-seed42.onnx 224 1,8,32 2"
 * </pre>
 * Arguments: model, input size, batch sizes, intra-op threads (default: the available processors).
 */
public final class InferenceBenchmark {
    private static final double SECONDS_PER_POINT = 4.0;

    private InferenceBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path model = Path.of(args.length > 0 ? args[0] : "/work/shared/models/resnet50-random-seed42.onnx");
        int size = args.length > 1 ? Integer.parseInt(args[1]) : 224;
        String[] batches = (args.length > 2 ? args[2] : "1,8,32").split(",");
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : Runtime.getRuntime().availableProcessors();
        System.out.printf(Locale.ROOT, "model %s, %dx%d, intra-op threads %d, %d cores%n", model.getFileName(), size,
                size, threads, Runtime.getRuntime().availableProcessors());
        System.out.println("| batch | extractor img/s | plain ORT img/s | extractor / ORT | median of paired rounds |");
        System.out.println("|---:|---:|---:|---:|---:|");
        for (String b : batches) {
            int batch = Integer.parseInt(b.trim());
            double[] r = measure(model, size, batch, threads);
            System.out.printf(Locale.ROOT, "| %d | %.2f | %.2f | %.3f | %.3f |%n", batch, r[0], r[1], r[0] / r[1],
                    r[2]);
        }
    }

    /**
     * Images per second of the extractor's wrapper and of plain ORT, measured in alternating rounds, and the
     * median over rounds of (plain time / extractor time): robust to load changes on a shared machine.
     */
    private static double[] measure(Path model, int size, int batch, int threads) throws Exception {
        int values = 3 * size * size;
        Random rnd = new Random(1);
        List<float[]> images = new ArrayList<>();
        float[] flat = new float[batch * values];
        for (int i = 0; i < batch; i++) {
            float[] img = new float[values];
            for (int k = 0; k < values; k++) {
                img[k] = rnd.nextFloat();
            }
            images.add(img);
            System.arraycopy(img, 0, flat, i * values, values);
        }
        ImagePreprocessor shape = new TensorPreprocessor(size, size);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OnnxEncoder ours = OnnxEncoder.open(ModelSource.of(model), Device.cpu(), threads, shape, batch);
             OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
            opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            opts.setIntraOpNumThreads(threads);
            try (OrtSession plain = env.createSession(model.toString(), opts)) {
                float[] out = new float[batch * ours.signature().dimension()];
                long[] shapeNchw = {batch, 3, size, size};
                String inputName = ours.signature().inputName();
                Runnable runOurs = () -> {
                    try {
                        ours.infer(images, out);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                };
                Runnable runPlain = () -> {
                    try (OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(flat), shapeNchw);
                         OrtSession.Result r = plain.run(Map.of(inputName, t))) {
                        ((OnnxTensor) r.get(0)).getFloatBuffer();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                };
                runOurs.run();
                runPlain.run();
                long oursNanos = 0;
                long plainNanos = 0;
                List<Double> ratios = new ArrayList<>();
                int rounds = 0;
                // alternate which one goes first, so that load drift on a shared machine hits both alike
                while ((oursNanos + plainNanos) / 1e9 < 2 * SECONDS_PER_POINT || rounds < 8) {
                    boolean oursFirst = rounds % 2 == 0;
                    long t0 = System.nanoTime();
                    (oursFirst ? runOurs : runPlain).run();
                    long t1 = System.nanoTime();
                    (oursFirst ? runPlain : runOurs).run();
                    long t2 = System.nanoTime();
                    long oursRound = oursFirst ? t1 - t0 : t2 - t1;
                    long plainRound = oursFirst ? t2 - t1 : t1 - t0;
                    oursNanos += oursRound;
                    plainNanos += plainRound;
                    ratios.add((double) plainRound / oursRound);
                    rounds++;
                }
                java.util.Collections.sort(ratios);
                double median = ratios.size() % 2 == 1 ? ratios.get(ratios.size() / 2)
                        : (ratios.get(ratios.size() / 2 - 1) + ratios.get(ratios.size() / 2)) / 2;
                return new double[] {rounds * batch / (oursNanos / 1e9), rounds * batch / (plainNanos / 1e9), median};
            }
        }
    }
}
