package org.mammoembed.io.study;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.mammoembed.core.CsvTable;
import org.mammoembed.core.Dataset;
import org.mammoembed.core.DecodedImage;
import org.mammoembed.core.DicomReader;
import org.mammoembed.core.EmbeddedImage;
import org.mammoembed.core.Embedder;
import org.mammoembed.core.EmbeddingSink;
import org.mammoembed.core.ExtractionStats;
import org.mammoembed.core.Failure;
import org.mammoembed.core.ImageRecord;
import org.mammoembed.core.MammoException;
import org.mammoembed.core.ModelIdentity;
import org.mammoembed.core.Progress;
import org.mammoembed.core.ProgressListener;
import org.mammoembed.core.Stage;
import org.mammoembed.dicom.DicomAttributes;
import org.mammoembed.dicom.DicomFileReader;
import org.mammoembed.dicom.DicomWriter;
import org.mammoembed.dicom.NativePixels;
import org.mammoembed.dicom.Tag;
import org.mammoembed.dicom.Vr;

/**
 * What the study tests share: a small study of real DICOM files (seeded noise images, four views per exam) in the
 * original tool's layout, and {@link PixelEmbedder}, an embedder that decodes each file with the real reader
 * and summarises its pixels (mammo-embed cannot be a test dependency here: it depends on mammo-io).
 */
final class StudyFixture {
    static final String[] VIEWS = {"L_CC", "L_MLO", "R_CC", "R_MLO"};

    private StudyFixture() {
    }

    /** The ImagePath column of a run's joined.csv, in row order. */
    static List<String> imagePaths(Path out) throws IOException {
        CsvTable t = CsvTable.read(out.resolve("joined.csv"));
        return t.rows().stream().map(r -> r.field(t.column("ImagePath"))).toList();
    }

    /** How many report thumbnails a run's folder holds. */
    static long thumbnailCount(Path out) throws IOException {
        Path thumbs = out.resolve("report/thumbs");
        if (!Files.isDirectory(thumbs)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(thumbs)) {
            return s.filter(p -> p.toString().endsWith(".png")).count();
        }
    }

    /** Writes {@code exams} exams (4 images each) under {@code folder/archive}; returns the CSV. */
    static Path study(Path folder, int exams) throws IOException {
        Path archive = Files.createDirectories(folder.resolve("archive"));
        StringBuilder csv = new StringBuilder("AccessionNumber,Classification,Site\n");
        DicomWriter writer = DicomWriter.builder().build();
        for (int e = 0; e < exams; e++) {
            String acc = String.format(Locale.ROOT, "EX%03d", e);
            csv.append(acc).append(',').append("ABCD".charAt(e % 4)).append(",site").append(e % 2).append('\n');
            Path dir = Files.createDirectories(archive.resolve(acc));
            for (String view : VIEWS) {
                int[] px = new int[32 * 24];
                SplittableRandom r = new SplittableRandom(e * 31L + view.hashCode());
                for (int i = 0; i < px.length; i++) {
                    px[i] = r.nextInt(4096) / (1 + e % 4);
                }
                DicomAttributes a = new DicomAttributes()
                        .setString(Tag.SOP_CLASS_UID, Vr.UI, "1.2.840.10008.5.1.4.1.1.1.2")
                        .setString(Tag.SOP_INSTANCE_UID, Vr.UI, "2.25." + (1000 + e) + view.length())
                        .setString(Tag.ACCESSION_NUMBER, Vr.SH, acc)
                        .setString(Tag.MODALITY, Vr.CS, "MG")
                        .setString(Tag.VIEW_POSITION, Vr.CS, view.substring(2))
                        .setString(Tag.IMAGE_LATERALITY, Vr.CS, view.substring(0, 1));
                writer.write(dir.resolve(view + ".dcm"),
                        NativePixels.grayscale(32, 24, 16, 12, false, "MONOCHROME2", px).writeTo(a));
            }
        }
        Path file = folder.resolve("classificacao.csv");
        Files.writeString(file, csv.toString(), StandardCharsets.UTF_8);
        return file;
    }

    /** Cuts the last {@code bytes} bytes off a file (a truncated DICOM fails at read). */
    static void truncate(Path file, int bytes) throws IOException {
        byte[] b = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(b, b.length - bytes));
    }

    /**
     * Decodes each image with the real reader and returns D = 8 statistics of its pixels (mean, spread, four
     * quadrant means, min, max): deterministic, distinct per image. {@code delayMillis} slows it down so that a
     * child JVM can be killed mid-run.
     */
    static final class PixelEmbedder implements Embedder {
        static final int D = 8;
        private final DicomReader reader = DicomFileReader.create();
        private final int batchSize;
        private final long delayMillis;

        PixelEmbedder(int batchSize, long delayMillis) {
            this.batchSize = batchSize;
            this.delayMillis = delayMillis;
        }

        @Override
        public int dimension() {
            return D;
        }

        @Override
        public ModelIdentity modelIdentity() {
            return new ModelIdentity("bytes", "pixel-stats", "file", null, "ab".repeat(32), "input",
                    List.of(-1L, 1L, -1L, -1L), "features", List.of(-1L, (long) D));
        }

        @Override
        public String preprocessingSpec() {
            return "pixel-stats/v1";
        }

        @Override
        public String executionProvider() {
            return "JavaTestProvider";
        }

        @Override
        public int batchSize() {
            return batchSize;
        }

        @Override
        public DicomReader reader() {
            return reader;
        }

        @Override
        public Map<String, Object> settings() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("batchSize", batchSize);
            return m;
        }

        /** The "network input" of an image is its feature vector seen as a 2 x 4 picture; unreadable ones skipped. */
        @Override
        public void preprocessOnly(Dataset images, EmbeddingSink sink) throws IOException {
            for (ImageRecord r : images.images()) {
                try {
                    sink.preprocessed(r, features(reader.read(r.path())), 1, 2, D / 2);
                } catch (MammoException e) {
                    // skipped, as the contract says
                }
            }
        }

        @Override
        public ExtractionStats extract(Dataset dataset, EmbeddingSink sink, ProgressListener listener)
                throws MammoException {
            long t = System.nanoTime();
            int embedded = 0;
            int failed = 0;
            try {
                for (Failure f : dataset.problems()) {
                    sink.failed(f);
                }
                for (ImageRecord r : dataset.images()) {
                    try {
                        DecodedImage img = reader.read(r.path());
                        sink.preprocessed(r, features(img), 1, 2, D / 2);
                        sink.accept(new EmbeddedImage(embedded, r, img.metadata().viewPosition(),
                                img.metadata().laterality()), features(img));
                        embedded++;
                    } catch (MammoException e) {
                        sink.failed(Failure.of(r, e));
                        failed++;
                    }
                    listener.onProgress(new Progress(embedded + failed, dataset.size(), failed, 0,
                            java.util.Optional.empty()));
                    if (delayMillis > 0) {
                        Thread.sleep(delayMillis);
                    }
                }
            } catch (IOException e) {
                throw new MammoException(Stage.WRITE, "sink failed: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MammoException(Stage.INFER, "interrupted", e);
            }
            double wall = (System.nanoTime() - t) / 1e9;
            int e = embedded;
            int f = failed;
            return new ExtractionStats() {
                public int embedded() {
                    return e;
                }

                public int failed() {
                    return f;
                }

                public double decodeSeconds() {
                    return 0;
                }

                public double preprocessSeconds() {
                    return 0;
                }

                public double inferenceSeconds() {
                    return 0;
                }

                public double wallSeconds() {
                    return wall;
                }

                public String executionProvider() {
                    return "JavaTestProvider";
                }
            };
        }

        static float[] features(DecodedImage img) {
            float[] p = img.grayPlane();
            int rows = img.rows();
            int cols = img.columns();
            double sum = 0;
            double sq = 0;
            float min = Float.MAX_VALUE;
            float max = -Float.MAX_VALUE;
            double[] quad = new double[4];
            for (int y = 0; y < rows; y++) {
                for (int x = 0; x < cols; x++) {
                    float v = p[y * cols + x];
                    sum += v;
                    sq += v * v;
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                    quad[(y * 2 / rows) * 2 + x * 2 / cols] += v;
                }
            }
            int n = rows * cols;
            double mean = sum / n;
            return new float[] {(float) mean, (float) Math.sqrt(Math.max(0, sq / n - mean * mean)),
                    (float) (quad[0] * 4 / n), (float) (quad[1] * 4 / n), (float) (quad[2] * 4 / n),
                    (float) (quad[3] * 4 / n), min, max};
        }
    }
}
