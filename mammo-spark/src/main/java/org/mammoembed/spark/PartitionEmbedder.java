package org.mammoembed.spark;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.mammoembed.core.Dataset;
import org.mammoembed.core.EmbeddedImage;
import org.mammoembed.core.EmbeddingSink;
import org.mammoembed.core.Failure;
import org.mammoembed.core.ImageRecord;
import org.mammoembed.core.Stage;
import org.mammoembed.embed.EmbeddingExtractor;
import org.mammoembed.io.EmbeddingCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task side of {@link DicomEmbedder}: takes the partition's rows a few batches at a time, embeds them with
 * this JVM's extractor (decoding in parallel, one inference per batch) and yields the rows in input order with
 * the embedding and failure columns appended. Only those rows (and at most one batch of file bytes) are held.
 *
 * <p>No image can fail the task: the extractor turns every bad file into a failure, and should it throw anyway
 * (an {@link Error} from a hostile file, an interrupt) the batch is redone one image at a time so that only the
 * guilty image gets the failure. A missing or wrong model does fail the task (it is not a property of a row).
 */
final class PartitionEmbedder implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(PartitionEmbedder.class);

    /** Batches handed to one extract call when reading paths (only paths and outcomes are held meanwhile). */
    static final int PATH_BATCHES_PER_CALL = 4;

    private final ExtractorSpec spec;
    private final int pathIndex;
    private final int contentIndex;
    private final boolean vector;
    private final String root;

    /**
     * @param pathIndex    the column of paths (local paths or {@code file:} URIs)
     * @param contentIndex the column of file bytes, or -1 to read each path
     * @param vector       also append the embedding as an ML Vector
     * @param root         the folder files must still resolve into when opened ("/" for none)
     */
    PartitionEmbedder(ExtractorSpec spec, int pathIndex, int contentIndex, boolean vector, String root) {
        this.spec = spec;
        this.pathIndex = pathIndex;
        this.contentIndex = contentIndex;
        this.vector = vector;
        this.root = root;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        // paths: several batches per extract call, so decoding overlaps inference as in embed; file bytes: one
        // batch, so that at most one batch of (possibly 50 MB) files is held at once
        int chunk = contentIndex >= 0 ? spec.batchSize() : PATH_BATCHES_PER_CALL * spec.batchSize();
        return new Iterator<>() {
            private Iterator<Row> done = List.<Row>of().iterator();

            @Override
            public boolean hasNext() {
                while (!done.hasNext() && rows.hasNext()) {
                    List<Row> batch = new ArrayList<>(chunk);
                    while (batch.size() < chunk && rows.hasNext()) {
                        batch.add(rows.next());
                    }
                    done = embed(batch).iterator();
                }
                return done.hasNext();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return done.next();
            }
        };
    }

    /** One outcome per input row of a batch. */
    private static final class Outcome {
        String sha256;
        float[] feature;
        String view;
        String laterality;
        Failure failure;
    }

    private List<Row> embed(List<Row> batch) {
        EmbeddingExtractor extractor = ExecutorExtractors.get(spec);
        Outcome[] outcomes = new Outcome[batch.size()];
        List<ImageRecord> records = new ArrayList<>();
        List<Path> temporary = new ArrayList<>();
        try {
            for (int i = 0; i < batch.size(); i++) {
                outcomes[i] = new Outcome();
                ImageRecord r = locate(batch.get(i), i, outcomes[i], temporary);
                if (r != null) {
                    records.add(r);
                }
            }
            embedAll(extractor, records, outcomes);
        } finally {
            for (Path p : temporary) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    LOG.warn("cannot delete temporary file {}: {}", p, e.toString());
                }
            }
        }
        List<Row> out = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            out.add(withOutcome(batch.get(i), outcomes[i]));
        }
        return out;
    }

    /** The record to embed for a row (its key is the row's position), or null when the bytes are unreadable. */
    private ImageRecord locate(Row row, int position, Outcome o, List<Path> temporary) {
        String key = Integer.toString(position);
        String given = row.isNullAt(pathIndex) ? "" : row.getString(pathIndex);
        try {
            Path file;
            if (contentIndex >= 0) {
                byte[] bytes = row.isNullAt(contentIndex) ? new byte[0] : (byte[]) row.get(contentIndex);
                file = Files.createTempFile("mammo-spark-", ".dcm");
                temporary.add(file);
                Files.write(file, bytes);
            } else {
                file = localPath(given);
            }
            o.sha256 = EmbeddingCache.contentSha256(file);
            return new ImageRecord("", null, file, key, Map.of());
        } catch (IOException | RuntimeException e) {
            o.failure = new Failure("", key, Stage.READ, e.getClass().getSimpleName(),
                    "cannot read the file: " + e.getMessage());
            return null;
        }
    }

    /** A local path from a plain path or a {@code file:} URI (what {@code binaryFile} gives). */
    static Path localPath(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("empty path");
        }
        return text.startsWith("file:") ? Path.of(URI.create(text)) : Path.of(text);
    }

    private void embedAll(EmbeddingExtractor extractor, List<ImageRecord> records, Outcome[] outcomes) {
        if (records.isEmpty()) {
            return;
        }
        try {
            extractor.extract(new Dataset(Path.of(root), records, List.of()), sink(outcomes));
        } catch (Throwable t) { // NOPMD: a hostile file must not kill the task; the batch is redone image by image
            LOG.warn("batch of {} images failed as a whole ({}); retrying one image at a time", records.size(),
                    t.getClass().getSimpleName());
            for (ImageRecord r : records) {
                try {
                    extractor.extract(new Dataset(Path.of(root), List.of(r), List.of()), sink(outcomes));
                } catch (Throwable one) { // NOPMD: same reason, for the one image
                    outcomes[Integer.parseInt(r.relativePath())].failure = new Failure("", r.relativePath(),
                            Stage.DECODE, one.getClass().getSimpleName(), "unexpected error: " + one.getMessage());
                }
            }
        }
    }

    private static EmbeddingSink sink(Outcome[] outcomes) {
        return new EmbeddingSink() {
            @Override
            public void accept(EmbeddedImage image, float[] feature) {
                Outcome o = outcomes[Integer.parseInt(image.record().relativePath())];
                o.feature = feature.clone();
                o.view = image.viewPosition();
                o.laterality = image.laterality();
                o.failure = null;
            }

            @Override
            public void failed(Failure failure) {
                outcomes[Integer.parseInt(failure.relativePath())].failure = failure;
            }
        };
    }

    private Row withOutcome(Row in, Outcome o) {
        int n = in.size();
        Object[] values = new Object[n + (vector ? 2 : 1) + EmbeddingColumns.stringFields().length];
        for (int i = 0; i < n; i++) {
            values[i] = in.get(i);
        }
        int k = n;
        boolean ok = o.failure == null && o.feature != null;
        values[k++] = ok ? o.feature : null;
        if (vector) {
            values[k++] = ok ? Vectors.dense(toDoubles(o.feature)) : null;
        }
        values[k++] = o.sha256;
        values[k++] = ok ? o.view : null;
        values[k++] = ok ? o.laterality : null;
        Failure f = ok ? null : o.failure != null ? o.failure
                : new Failure("", "", Stage.INFER, "NoResult", "the extractor returned nothing for this image");
        values[k++] = f == null ? null : f.stage().label();
        values[k++] = f == null ? null : f.errorClass();
        values[k] = f == null ? null : f.message();
        return RowFactory.create(values);
    }

    private static double[] toDoubles(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
