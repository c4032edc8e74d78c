package org.mammoembed.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mammoembed.core.Dataset;
import org.mammoembed.core.DecodedImage;
import org.mammoembed.core.DicomReader;
import org.mammoembed.core.Failure;
import org.mammoembed.core.ImageRecord;
import org.mammoembed.core.MammoException;
import org.mammoembed.core.Stage;

/** A file replaced by a symbolic link to a file outside the root after the scan is refused when it is opened. */
class SymlinkSwapTest {
    @TempDir
    Path tmp;

    @Test
    void aFileSwappedForALinkOutsideTheRootAfterTheScanIsNeverRead() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        String[] names = {"img-0.dcm", "img-1.dcm", "img-2.dcm", "img-3.dcm"};
        List<ImageRecord> records = TestImages.records(root, names);
        for (ImageRecord r : records) {
            Files.createDirectories(r.path().getParent());
            Files.write(r.path(), new byte[] {1});
        }
        Dataset scanned = new Dataset(root, records, List.of());
        // after the scan: img-1 becomes a link out of the root; img-3 a link to a file inside it (allowed)
        Path secret = Files.write(outside.resolve("img-1.dcm"), new byte[] {2});
        Files.delete(records.get(1).path());
        Files.createSymbolicLink(records.get(1).path(), secret);
        Files.delete(records.get(3).path());
        Files.createSymbolicLink(records.get(3).path(), records.get(0).path());

        SyntheticReader synthetic = new SyntheticReader();
        AtomicReference<Path> readOutside = new AtomicReference<>();
        DicomReader watching = new ReadingOnlyReader() {
            @Override
            public DecodedImage read(Path file, int frame) throws MammoException {
                if (!file.toAbsolutePath().startsWith(root.toAbsolutePath())) {
                    readOutside.set(file);
                }
                return synthetic.read(file, frame);
            }
        };
        RecordingSink sink = new RecordingSink(() -> 0);
        try (EmbeddingExtractor ex = EmbeddingExtractor.builder().model(TestImages.model("tiny_backbone.onnx"))
                .reader(watching).preprocessing(NearestPreprocessor.tiny()).batchSize(2).workers(2)
                .intraOpThreads(1).build()) {
            ExtractionSummary s = ex.extract(scanned, sink, p -> { });
            assertEquals(3, s.embedded());
        }
        assertEquals(null, readOutside.get(), "nothing outside the root may be opened");
        List<Failure> f = sink.failures();
        assertEquals(1, f.size());
        assertEquals("ACC0/img-1.dcm", f.get(0).relativePath());
        assertEquals(Stage.READ, f.get(0).stage());
        assertTrue(f.get(0).message().startsWith("'ACC0/img-1.dcm' now resolves to a location outside the DICOM root"),
                f.get(0).message());
    }
}
