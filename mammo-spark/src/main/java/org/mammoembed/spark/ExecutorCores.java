package org.mammoembed.spark;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.RuntimeConfig;

/**
 * The cores of one executor, for the ONNX Runtime intra-op threads of its one shared session:
 * {@code spark.executor.cores} when set, {@code N} of a {@code local[N]} master, else the processors this JVM
 * sees. Using more threads than the executor was given would oversubscribe a shared worker machine.
 */
final class ExecutorCores {
    private static final Pattern LOCAL = Pattern.compile("local\\[(\\d+|\\*)(,\\d+)?]");

    private ExecutorCores() {
    }

    static int of(RuntimeConfig conf) {
        String cores = conf.get("spark.executor.cores", "");
        if (!cores.isEmpty()) {
            return Math.max(1, Integer.parseInt(cores.strip()));
        }
        return ofMaster(conf.get("spark.master", ""));
    }

    static int ofMaster(String master) {
        Matcher m = LOCAL.matcher(master.strip());
        if (m.matches() && !m.group(1).equals("*")) {
            return Math.max(1, Integer.parseInt(m.group(1)));
        }
        if (master.strip().equals("local")) {
            return 1;
        }
        return Runtime.getRuntime().availableProcessors();
    }
}
