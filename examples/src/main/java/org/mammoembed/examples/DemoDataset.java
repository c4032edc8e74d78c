package org.mammoembed.examples;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.UUID;
import org.mammoembed.core.BiRadsDensity;
import org.mammoembed.dicom.DicomAttributes;
import org.mammoembed.dicom.DicomWriter;
import org.mammoembed.dicom.NativePixels;
import org.mammoembed.dicom.Tag;
import org.mammoembed.dicom.Vr;

/**
 * Writes a small synthetic mammography study in the layout of the original tool: {@code classificacao.csv}
 * (AccessionNumber, Classification; half the exams labelled with letters, half with digits, as real files
 * mix both) and {@code archive/<AccessionNumber>/<laterality>_<view>.dcm}: four views per exam (L/R CC/MLO),
 * breast phantoms of the exam's density class, with real Digital Mammography headers. The phantoms carry a
 * made-up patient name and ID so that runs can be checked for leaks of patient identifiers.
 */
final class DemoDataset {
    static final String SOP_CLASS_MG_PRESENTATION = "1.2.840.10008.5.1.4.1.1.1.2";
    private static final String[] VIEWS = {"CC", "MLO"};
    private static final String[] SIDES = {"L", "R"};

    private final int examsPerClass;
    private final int rows;
    private final int columns;
    private final long seed;

    DemoDataset(int examsPerClass, int rows, int columns, long seed) {
        this.examsPerClass = examsPerClass;
        this.rows = rows;
        this.columns = columns;
        this.seed = seed;
    }

    /** Writes the study into {@code folder}; returns the CSV path (the DICOM root is {@code folder/archive}). */
    Path write(Path folder) throws IOException {
        Path archive = folder.resolve("archive");
        Files.createDirectories(archive);
        StringBuilder csv = new StringBuilder("AccessionNumber,Classification,Site\n");
        DicomWriter writer = DicomWriter.builder().build();
        int exam = 0;
        for (BiRadsDensity density : BiRadsDensity.values()) {
            for (int e = 0; e < examsPerClass; e++, exam++) {
                String accession = String.format(Locale.ROOT, "DEMO%04d", exam);
                String label = exam % 2 == 0 ? density.name() : String.valueOf(density.code());
                csv.append(accession).append(',').append(label).append(",phantom\n");
                Path dir = archive.resolve(accession);
                Files.createDirectories(dir);
                for (String side : SIDES) {
                    for (String view : VIEWS) {
                        long s = seed * 1_000_003L + exam * 17L + (side.equals("R") ? 1 : 0) * 5 + view.length();
                        int[] pixels = BreastPhantom.render(rows, columns, density, side.equals("R"),
                                view.equals("MLO"), s);
                        writer.write(dir.resolve(side + "_" + view + ".dcm"),
                                header(accession, exam, side, view, pixels));
                    }
                }
            }
        }
        Path csvFile = folder.resolve("classificacao.csv");
        Files.writeString(csvFile, csv.toString(), StandardCharsets.UTF_8);
        return csvFile;
    }

    private DicomAttributes header(String accession, int exam, String side, String view, int[] pixels) {
        String study = uid("study", exam);
        DicomAttributes a = new DicomAttributes()
                .setString(Tag.SPECIFIC_CHARACTER_SET, Vr.CS, "ISO_IR 100")
                .setString(Tag.IMAGE_TYPE, Vr.CS, "DERIVED", "PRIMARY")
                .setString(Tag.SOP_CLASS_UID, Vr.UI, SOP_CLASS_MG_PRESENTATION)
                .setString(Tag.SOP_INSTANCE_UID, Vr.UI, uid(accession + side + view, exam))
                .setString(Tag.STUDY_DATE, Vr.DA, "20260101")
                .setString(Tag.ACCESSION_NUMBER, Vr.SH, accession)
                .setString(Tag.MODALITY, Vr.CS, "MG")
                .setString(Tag.PRESENTATION_INTENT_TYPE, Vr.CS, "FOR PRESENTATION")
                .setString(Tag.MANUFACTURER, Vr.LO, "mammo-embed phantom")
                .setString(Tag.PATIENT_NAME, Vr.PN, "Phantom^Patient" + exam)
                .setString(Tag.PATIENT_ID, Vr.LO, "PHI-ID-" + (100000 + exam))
                .setString(Tag.PATIENT_BIRTH_DATE, Vr.DA, "19700101")
                .setString(Tag.PATIENT_SEX, Vr.CS, "F")
                .setString(Tag.BODY_PART_EXAMINED, Vr.CS, "BREAST")
                .setString(Tag.VIEW_POSITION, Vr.CS, view)
                .setString(Tag.STUDY_INSTANCE_UID, Vr.UI, study)
                .setString(Tag.SERIES_INSTANCE_UID, Vr.UI, uid("series" + side + view, exam))
                .setString(Tag.INSTANCE_NUMBER, Vr.IS, "1")
                .setString(Tag.IMAGE_LATERALITY, Vr.CS, side)
                .setDoubles(Tag.PIXEL_SPACING, Vr.DS, 0.1, 0.1)
                .setDoubles(Tag.WINDOW_CENTER, Vr.DS, 2048)
                .setDoubles(Tag.WINDOW_WIDTH, Vr.DS, 4096);
        return NativePixels.grayscale(rows, columns, 16, BreastPhantom.BITS_STORED, false, "MONOCHROME2", pixels)
                .writeTo(a);
    }

    /** A UUID-derived UID (PS3.5 B.2, root 2.25), deterministic for the demo's seed. */
    private String uid(String what, int exam) {
        UUID u = UUID.nameUUIDFromBytes((seed + ":" + what + ":" + exam).getBytes(StandardCharsets.UTF_8));
        ByteBuffer b = ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits());
        return "2.25." + new BigInteger(1, b.array());
    }
}
