package org.mammoembed.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mammoembed.core.DecodedImage;
import org.mammoembed.core.DicomReader;
import org.mammoembed.core.ImageMetadata;
import org.mammoembed.core.MammoException;
import org.mammoembed.dicom.DicomFileReader;
import org.mammoembed.io.NpyWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code inspect --root R --pixels-out OUT FILE...}: prints one JSON object per file (its metadata, no patient
 * identifiers) and writes {@code OUT/<path relative to R>.npy} (frame 0 after the modality LUT, float32,
 * H x W or H x W x 3) or {@code OUT/<path relative to R>.err} (why it was refused). This is how users see what
 * the pipeline sees, and how conformance is checked against an external oracle. Without {@code --root} (or for
 * a file outside it) paths are relative to the deepest folder that holds all such files, so two files with the
 * same name in different folders keep their own results.
 */
@Command(name = "inspect", sortOptions = false, showDefaultValues = true,
        description = "Print each file's metadata as one JSON line (no patient identifiers); with --pixels-out, "
                + "write its pixels (after the modality LUT) as .npy, or why it was refused as .err. Exit 3 when "
                + "some file was refused.")
final class InspectCommand implements Callable<Integer> {
    private final DicomReader reader;
    // made on first use: picocli builds every command at start-up, and Jackson alone costs a tenth of a second
    private ObjectMapper json;
    private final PrintStream out;

    @Option(names = "--root", paramLabel = "R",
            description = "Name outputs by their path relative to R. Default: relative to the deepest folder "
                    + "holding all the files.")
    Path root;
    @Option(names = "--pixels-out", paramLabel = "OUT",
            description = "Write OUT/<relative path>.npy or .err per file. Default: no pixels written.")
    Path pixelsOut;
    @Option(names = "--frame", paramLabel = "N", converter = CliConverters.NonNegativeInt.class,
            description = "Frame of multi-frame files (0-based).")
    int frame = 0;
    @Parameters(paramLabel = "FILE", arity = "1..*", description = "DICOM files.")
    List<Path> files = new ArrayList<>();

    InspectCommand(DicomReader reader, PrintStream out) {
        this.reader = reader;
        this.out = out;
    }

    InspectCommand(PrintStream out) {
        this(DicomFileReader.create(), out);
    }

    @Override
    public Integer call() throws IOException {
        OutputNames names = OutputNames.of(root, files);
        int refused = 0;
        for (Path file : files) {
            String rel = names.of(file);
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("path", rel);
            try {
                ImageMetadata m = reader.readMetadata(file);
                line.putAll(describe(m));
                if (pixelsOut != null) {
                    DecodedImage img = reader.read(file, frame);
                    int[] shape = img.samplesPerPixel() == 1
                            ? new int[] {img.rows(), img.columns()}
                            : new int[] {img.rows(), img.columns(), img.samplesPerPixel()};
                    Path target = pixelsOut.resolve(rel + ".npy");
                    Files.createDirectories(target.getParent());
                    NpyWriter.write(target, img.pixels(), shape);
                }
                line.put("status", "ok");
            } catch (MammoException e) {
                refused++;
                line.put("status", "refused");
                line.put("stage", e.stage().label());
                line.put("error", e.getMessage());
                if (pixelsOut != null) {
                    Path target = pixelsOut.resolve(rel + ".err");
                    Files.createDirectories(target.getParent());
                    Files.writeString(target, e.getMessage() + System.lineSeparator(), StandardCharsets.UTF_8);
                }
            }
            out.println(json().writeValueAsString(line));
        }
        return refused == 0 ? 0 : 3;
    }

    /** The typed header facts, JSON-friendly. Never the tag map (it can hold patient identifiers). */
    static Map<String, Object> describe(ImageMetadata m) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("sop_class_uid", m.sopClassUid());
        d.put("modality", m.modality());
        d.put("rows", m.rows());
        d.put("columns", m.columns());
        d.put("frames", m.frames());
        d.put("samples_per_pixel", m.samplesPerPixel());
        d.put("bits_allocated", m.bitsAllocated());
        d.put("bits_stored", m.bitsStored());
        d.put("pixel_representation", m.pixelRepresentation());
        d.put("photometric_interpretation", m.photometricInterpretation());
        d.put("transfer_syntax_uid", m.transferSyntaxUid());
        d.put("laterality", m.laterality());
        d.put("view_position", m.viewPosition());
        d.put("presentation_intent_type", m.presentationIntent());
        d.put("manufacturer", m.manufacturer());
        d.put("pixel_spacing", m.pixelSpacing().orElse(null));
        d.put("is_mammography", m.isMammography());
        return d;
    }

    private ObjectMapper json() {
        if (json == null) {
            json = new ObjectMapper();
        }
        return json;
    }
}
