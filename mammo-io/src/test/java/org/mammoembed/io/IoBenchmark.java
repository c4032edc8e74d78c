package org.mammoembed.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.mammoembed.core.BiRadsDensity;
import org.mammoembed.core.Dataset;
import org.mammoembed.core.EmbeddedImage;
import org.mammoembed.core.ImageRecord;

/**
 * Throughput of the output path, printed as a table (not a test). Run from mammo-io after test-compile:
 * {@code java -cp target/test-classes:target/classes:<deps> org.mammoembed.io.IoBenchmark [scanFiles]}.
 * Measures: NpyWriter appending 10,000 x 2048 rows; CheckpointStore appending the same with an fsync every
 * 32 rows, then assembling; Dataset.fromCsv over a generated tree of tiny DICOM-like files.
 */
public final class IoBenchmark {
    private IoBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int scanFiles = args.length > 0 ? Integer.parseInt(args[0]) : 20000;
        Path tmp = Files.createTempDirectory("io-bench");
        try {
            int n = 10000;
            int d = 2048;
            float[] row = new float[d];
            SplittableRandom rnd = new SplittableRandom(1);
            for (int i = 0; i < d; i++) {
                row[i] = (float) rnd.nextGaussian();
            }
            System.out.printf("%-40s %12s %12s%n", "operation", "seconds", "rate");
            long t0 = System.nanoTime();
            try (NpyWriter w = NpyWriter.create(tmp.resolve("e.npy"), d)) {
                for (int i = 0; i < n; i++) {
                    w.append(row);
                }
                w.commit();
            }
            report("NpyWriter 10000 x 2048 append+commit", t0, n * (long) d * 4 / 1e6, "MB/s");

            List<ImageRecord> images = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String rel = "E" + i / 4 + "/" + i + ".dcm";
                images.add(new ImageRecord("E" + i / 4, BiRadsDensity.A, tmp.resolve(rel), rel, Map.of()));
            }
            Dataset ds = new Dataset(tmp, images, List.of());
            t0 = System.nanoTime();
            try (CheckpointStore store = CheckpointStore.open(tmp.resolve("ck"), d, "bench");
                 CheckpointSink sink = new CheckpointSink(store, 32)) {
                for (ImageRecord r : images) {
                    sink.accept(new EmbeddedImage(-1, r, "CC", "L"), row);
                }
            }
            report("CheckpointStore append, fsync/32 rows", t0, n, "rows/s");
            t0 = System.nanoTime();
            try (CheckpointStore store = CheckpointStore.open(tmp.resolve("ck"), d, "bench")) {
                store.assemble(ds);
            }
            report("CheckpointStore reopen+assemble", t0, n, "rows/s");

            Path root = tmp.resolve("dicom");
            byte[] dicm = new byte[144];
            dicm[128] = 'D';
            dicm[129] = 'I';
            dicm[130] = 'C';
            dicm[131] = 'M';
            StringBuilder csv = new StringBuilder("AccessionNumber,Classification\n");
            for (int i = 0; i < scanFiles; i++) {
                Path f = root.resolve("A" + i / 4).resolve(i + ".dcm");
                Files.createDirectories(f.getParent());
                Files.write(f, dicm);
                if (i % 4 == 0) {
                    csv.append("A").append(i / 4).append(",B\n");
                }
            }
            Files.writeString(tmp.resolve("c.csv"), csv);
            t0 = System.nanoTime();
            Dataset scanned = Dataset.fromCsv(tmp.resolve("c.csv"), root);
            report("Dataset.fromCsv " + scanned.size() + " files", t0, scanned.size(), "files/s");
        } finally {
            delete(tmp);
        }
    }

    private static void report(String what, long t0, double units, String unit) {
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("%-40s %12.3f %12.0f %s%n", what, s, units / s, unit);
    }

    private static void delete(Path p) throws IOException {
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}
