package org.mammoembed.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkFiles;
import org.mammoembed.embed.EmbeddingExtractor;
import org.mammoembed.embed.ModelException;
import org.mammoembed.io.EmbeddingCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@link EmbeddingExtractor} per executor JVM and {@link ExtractorSpec}: created lazily by the first task
 * that needs it, reused by every later task and partition of any job in this JVM, closed by a shutdown hook
 * when the executor exits. Loading ResNet50 takes about a second and 100 MB of native memory, so a per-task or
 * per-partition model would cost more than the images it embeds. Concurrent tasks share the one session
 * (inference is serialised inside the extractor, whose intra-op threads use the executor's cores).
 */
final class ExecutorExtractors {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutorExtractors.class);
    private static final Map<ExtractorSpec, EmbeddingExtractor> OPEN = new ConcurrentHashMap<>();
    private static volatile boolean hookInstalled;

    private ExecutorExtractors() {
    }

    /**
     * The extractor of this JVM for {@code spec}, built on first use.
     *
     * @throws IllegalStateException when the model cannot be found, its SHA-256 differs from the spec's or it
     *                               cannot be loaded: a setup error, which fails the task (never a row)
     */
    static EmbeddingExtractor get(ExtractorSpec spec) {
        EmbeddingExtractor ex = OPEN.get(spec);
        if (ex != null) {
            return ex;
        }
        synchronized (OPEN) {
            ex = OPEN.get(spec);
            if (ex == null) {
                ex = open(spec);
                installHook();
                OPEN.put(spec, ex);
            }
            return ex;
        }
    }

    /** How many extractors this JVM holds (tests check reuse). */
    static int openCount() {
        return OPEN.size();
    }

    /** Closes every extractor of this JVM (the shutdown hook; also tests). */
    static void closeAll() {
        synchronized (OPEN) {
            OPEN.values().forEach(EmbeddingExtractor::close);
            OPEN.clear();
        }
    }

    private static EmbeddingExtractor open(ExtractorSpec spec) {
        Path model = locate(spec.modelPath());
        String sha;
        try {
            sha = EmbeddingCache.contentSha256(model);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the model " + model + ": " + e.getMessage(), e);
        }
        if (!sha.equalsIgnoreCase(spec.modelSha256())) {
            throw new IllegalStateException("model " + model + " on this executor has SHA-256 " + sha
                    + ", the driver's has " + spec.modelSha256() + ": ship the same file (--files or shared storage)");
        }
        try {
            EmbeddingExtractor ex = EmbeddingExtractor.builder().model(model).batchSize(spec.batchSize())
                    .intraOpThreads(spec.intraOpThreads()).workers(spec.workers()).frame(spec.frame())
                    .preprocessing(spec.recipe().build()).build();
            LOG.info("executor extractor loaded: {}", ex.describe());
            return ex;
        } catch (ModelException e) {
            throw new IllegalStateException("cannot load the model " + model + ": " + e.getMessage(), e);
        }
    }

    /** The model as given when this JVM can read it (shared storage), else the copy shipped with --files. */
    static Path locate(String modelPath) {
        Path given = Path.of(modelPath);
        if (Files.isRegularFile(given)) {
            return given;
        }
        Path name = given.getFileName();
        if (name != null) {
            try {
                Path shipped = Path.of(SparkFiles.get(name.toString()));
                if (Files.isRegularFile(shipped)) {
                    return shipped;
                }
            } catch (RuntimeException e) {
                LOG.debug("no SparkFiles copy of {}: {}", name, e.toString());
            }
        }
        throw new IllegalStateException("model '" + modelPath + "' is not readable on this executor and was not"
                + " shipped with --files (or SparkContext.addFile)");
    }

    private static void installHook() {
        if (!hookInstalled) {
            hookInstalled = true;
            Runtime.getRuntime().addShutdownHook(new Thread(ExecutorExtractors::closeAll, "mammo-spark-close"));
        }
    }
}
