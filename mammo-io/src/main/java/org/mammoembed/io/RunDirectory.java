package org.mammoembed.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.stream.Stream;
import org.mammoembed.core.MammoException;
import org.mammoembed.core.Stage;
import org.mammoembed.io.internal.AtomicOutput;

/**
 * The output folder of a run and the names of the files in it. {@link #prepare} refuses to reuse a non-empty
 * folder unless the caller asked to overwrite its outputs or to resume the run that wrote them, so a typo in
 * a path never mixes two runs' results.
 */
public final class RunDirectory {
    /** What to do with an existing non-empty output folder. */
    public enum Mode {
        /** Refuse a non-empty folder (the default). */
        NEW,
        /** Write over the outputs of an earlier run; its checkpoint is discarded. */
        OVERWRITE,
        /** Continue the run whose checkpoint is in the folder. */
        RESUME
    }

    private final Path root;

    private RunDirectory(Path root) {
        this.root = root;
    }

    /**
     * Creates the folder if needed and checks it may be used.
     *
     * @throws MammoException (stage WRITE) when the folder is not empty and {@code mode} is {@link Mode#NEW},
     *                        naming the {@code overwrite} and {@code resume} options; or when it is a file
     */
    public static RunDirectory prepare(Path folder, Mode mode) throws IOException, MammoException {
        Objects.requireNonNull(mode, "mode");
        Path root = folder.toAbsolutePath().normalize();
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new MammoException(Stage.WRITE, "output path " + root + " exists and is not a folder");
        }
        Files.createDirectories(root);
        boolean empty;
        try (Stream<Path> entries = Files.list(root)) {
            empty = entries.findAny().isEmpty();
        }
        if (!empty && mode == Mode.NEW) {
            throw new MammoException(Stage.WRITE, "output folder " + root + " is not empty; use the overwrite "
                    + "option to replace its outputs or the resume option to continue the run that wrote them");
        }
        RunDirectory dir = new RunDirectory(root);
        if (mode == Mode.OVERWRITE) {
            Files.deleteIfExists(dir.checkpoint().resolve(CheckpointStore.FILE_NAME));
        }
        return dir;
    }

    /**
     * Writes {@code text} (UTF-8) to the file {@code name} in this folder, atomically: a reader sees the old file or
     * the new one, never a part. For a run's text outputs of its own, e.g. a report.
     *
     * @return the file written
     */
    public Path writeString(String name, String text) throws IOException {
        Path target = root.resolve(name).normalize();
        if (!root.equals(target.getParent())) {
            throw new IllegalArgumentException("name must be a file name in the folder, got " + name);
        }
        AtomicOutput.writeString(target, text);
        return target;
    }

    /** The folder, absolute. */
    public Path root() {
        return root;
    }

    /** {@code features.npy}: the N x D float32 feature matrix. */
    public Path embeddings() {
        return root.resolve("features.npy");
    }

    /** {@code joined.csv}. */
    public Path joinedCsv() {
        return root.resolve("joined.csv");
    }

    /** {@code failures.csv}. */
    public Path failuresCsv() {
        return root.resolve("failures.csv");
    }

    /** {@code run.json}. */
    public Path runJson() {
        return root.resolve("run.json");
    }

    /** {@code clustering_metrics.json}. */
    public Path clusteringMetricsJson() {
        return root.resolve("clustering_metrics.json");
    }

    /** {@code baselines.json}. */
    public Path baselinesJson() {
        return root.resolve("baselines.json");
    }

    /** {@code preview/<method>_2d.png}, e.g. {@code preview/pca_2d.png}. */
    public Path preview2d(String method) {
        return root.resolve("preview").resolve(method + "_2d.png");
    }

    /** {@code preview/embeddings_pca_tsne.png}. */
    public Path previewPcaTsne() {
        return root.resolve("preview").resolve("embeddings_pca_tsne.png");
    }

    /** {@code <method>_3d.csv}. */
    public Path projection3dCsv(String method) {
        return root.resolve(method + "_3d.csv");
    }

    /** The hidden checkpoint folder {@code .checkpoint/}. */
    public Path checkpoint() {
        return root.resolve(".checkpoint");
    }
}
