package org.mammoembed.examples;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.mammoembed.core.CsvTable;
import org.mammoembed.embed.OnnxModels;

/** What the CLI tests share: a tiny real network on disk, a small synthetic study, an in-process run. */
final class CliFixture {
    static final long MODEL_SEED = 7;
    /** Small phantoms keep decoding cheap; the network still sees 224 x 224. */
    static final int ROWS = 64;
    static final int COLUMNS = 48;

    private CliFixture() {
    }

    /** The tiny ResNet (64 features) as an ONNX file, given to the CLI with --model. */
    static Path tinyModel(Path folder, long seed) throws IOException {
        Path file = folder.resolve("tiny-" + seed + ".onnx");
        Files.write(file, OnnxModels.tinyResNet(seed));
        return file;
    }

    /** A demo study of 4 * examsPerClass exams with 4 views each; returns the CSV (root: folder/archive). */
    static Path study(Path folder, int examsPerClass) throws IOException {
        return new DemoDataset(examsPerClass, ROWS, COLUMNS, 42).write(folder);
    }

    /** Exit status and everything printed. */
    record Result(int status, String out, String err) {
        String all() {
            return out + err;
        }
    }

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = Mammography.run(args, o, e);
        }
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A CSV as maps from column to value, one per row, read with the project's CSV parser. */
    static List<Map<String, String>> readCsv(Path file) throws IOException {
        CsvTable t = CsvTable.read(file);
        List<Map<String, String>> rows = new ArrayList<>();
        for (CsvTable.Row r : t.rows()) {
            Map<String, String> m = new java.util.LinkedHashMap<>();
            for (int c = 0; c < t.header().size(); c++) {
                m.put(t.header().get(c), r.field(c));
            }
            rows.add(m);
        }
        return rows;
    }

    static List<String> header(Path csv) throws IOException {
        return CsvTable.read(csv).header();
    }

    /** Row {@code i} of an (N, D) float32 array. */
    static float[] row(float[] data, int columns, int i) {
        float[] r = new float[columns];
        System.arraycopy(data, i * columns, r, 0, columns);
        return r;
    }

    /** Copies a folder tree, replacing files that exist. */
    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
