import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.mammoembed.dicom.DicomAttributes;
import org.mammoembed.dicom.DicomWriter;
import org.mammoembed.dicom.NativePixels;
import org.mammoembed.dicom.Tag;
import org.mammoembed.dicom.Vr;

/**
 * Writes a synthetic study for the memory benchmark: EXAMS exams of 4 small noisy MG images each, under
 * OUT/archive/EXnnnnn/, and OUT/classificacao.csv. Usage (single-file program, library jars on the class path):
 * java -cp "examples/target/mammography.jar:examples/target/lib/*" examples/bench/WriteStudy.java OUT EXAMS SIZE
 * where SIZE is a side ("64") or rows x columns ("3328x2560", a detector's size).
 */
public class WriteStudy {
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        int exams = Integer.parseInt(args[1]);
        String[] dims = args[2].split("x");
        int rows = Integer.parseInt(dims[0]);
        int size = Integer.parseInt(dims[dims.length - 1]); // columns
        DicomWriter writer = DicomWriter.builder().build();
        StringBuilder csv = new StringBuilder("AccessionNumber,Classification\n");
        Random rnd = new Random(42);
        for (int e = 0; e < exams; e++) {
            String acc = String.format("EX%05d", e);
            csv.append(acc).append(',').append("ABCD".charAt(e % 4)).append('\n');
            Path dir = Files.createDirectories(out.resolve("archive").resolve(acc));
            for (int v = 0; v < 4; v++) {
                int[] px = new int[rows * size];
                for (int i = 0; i < px.length; i++) {
                    px[i] = (i % size) * 4000 / size + rnd.nextInt(96);
                }
                DicomAttributes a = new DicomAttributes()
                        .setString(Tag.SOP_CLASS_UID, Vr.UI, "1.2.840.10008.5.1.4.1.1.1.2")
                        .setString(Tag.SOP_INSTANCE_UID, Vr.UI, "2.25." + (1000L * e + v + 1))
                        .setString(Tag.MODALITY, Vr.CS, "MG")
                        .setString(Tag.VIEW_POSITION, Vr.CS, v % 2 == 0 ? "CC" : "MLO")
                        .setString(Tag.IMAGE_LATERALITY, Vr.CS, v < 2 ? "L" : "R");
                writer.write(dir.resolve(v + ".dcm"),
                        NativePixels.grayscale(rows, size, 16, 12, false, "MONOCHROME2", px).writeTo(a));
            }
        }
        Files.writeString(out.resolve("classificacao.csv"), csv.toString());
    }
}
