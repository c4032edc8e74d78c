package org.mammoembed.spark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import org.mammoembed.dicom.DicomAttributes;
import org.mammoembed.dicom.DicomWriter;
import org.mammoembed.dicom.Tag;
import org.mammoembed.dicom.Vr;

/** Bad files and corpus mammograms added to the generated study. */
final class StudyFiles {
    /** Real mammograms in three encodings, and one truncated file the oracle rejects (JPEG 2000 is left out:
     *  decoding it takes longer than the whole test may). */
    static final List<String> CORPUS_MAMMOGRAMS = List.of("gh-notZaki-DICOMSamples/MG_Explicit_Little.dcm",
            "nyukat-derived/nyu_1_L_CC_jpegls.dcm", "nyukat-derived/nyu_2_R_CC_rle.dcm",
            "nyukat-derived/nyu_1_L_CC_truncated.dcm");

    private StudyFiles() {
    }

    /** The corpus folder when -Dmammo.corpus names one, else null (the corpus part is then skipped). */
    static Path corpus() {
        String p = System.getProperty("mammo.corpus", "");
        return p.isBlank() || !Files.isDirectory(Path.of(p)) ? null : Path.of(p);
    }

    /**
     * A corrupt file (a phantom cut in the middle of its pixel data) and a DICOM that decodes to nothing (an MG
     * header without pixel data) in {@code exam}.
     */
    static void addBadFiles(Path exam) throws IOException {
        byte[] good = Files.readAllBytes(exam.resolve("L_CC.dcm"));
        Files.write(exam.resolve("Z_corrupt.dcm"), Arrays.copyOf(good, good.length / 2));
        DicomAttributes noPixels = new DicomAttributes()
                .setString(Tag.SOP_CLASS_UID, Vr.UI, "1.2.840.10008.5.1.4.1.1.1.2")
                .setString(Tag.SOP_INSTANCE_UID, Vr.UI, "2.25.1234567890123456789")
                .setString(Tag.MODALITY, Vr.CS, "MG");
        DicomWriter.builder().build().write(exam.resolve("Z_empty.dcm"), noPixels);
    }

    /** An exam CORPUS01 (density B) with the corpus mammograms. */
    static void addCorpusExam(Path csv, Path exam) throws IOException {
        Files.createDirectories(exam);
        for (String rel : CORPUS_MAMMOGRAMS) {
            Path src = corpus().resolve(rel);
            Files.copy(src, exam.resolve(src.getFileName()));
        }
        Files.writeString(csv, "CORPUS01,B,corpus\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }
}
