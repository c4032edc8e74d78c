package org.mammoembed.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.mammoembed.core.DecodedImage;
import org.mammoembed.core.DicomReader;
import org.mammoembed.core.ImageMetadata;
import org.mammoembed.core.MammoException;
import org.mammoembed.dicom.DicomFileReader;
import org.mammoembed.io.internal.NpyFiles;

/**
 * {@code inspect --root R --pixels-out OUT FILE...}: prints one JSON object per file (its metadata, no patient
 * identifiers) and writes {@code OUT/<path relative to R>.npy} (frame 0 after the modality LUT, float32,
 * H x W or H x W x 3) or {@code OUT/<path relative to R>.err} (why it was refused). This is how users see what
 * the pipeline sees, and how conformance is checked against an external oracle.
 */
final class InspectCommand {
    static final Set<String> OPTIONS = Set.of("root", "pixels-out", "frame");
    private final DicomReader reader;
    private final ObjectMapper json = new ObjectMapper();

    InspectCommand(DicomReader reader) {
        this.reader = reader;
    }

    InspectCommand() {
        this(DicomFileReader.create());
    }

    int run(CliArguments args, PrintStream out) throws UsageException, IOException {
        Path root = args.optionalPath("root");
        Path pixelsOut = args.optionalPath("pixels-out");
        int frame = (int) args.longValue("frame", 0);
        if (args.positional().isEmpty()) {
            throw new UsageException("inspect: give at least one FILE");
        }
        int refused = 0;
        for (String name : args.positional()) {
            Path file = Path.of(name);
            String rel = relative(root, file);
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
                    NpyFiles.write(target, img.pixels(), shape);
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
            out.println(json.writeValueAsString(line));
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

    private static String relative(Path root, Path file) {
        Path abs = file.toAbsolutePath().normalize();
        if (root != null) {
            Path r = root.toAbsolutePath().normalize();
            if (abs.startsWith(r)) {
                return r.relativize(abs).toString().replace('\\', '/');
            }
        }
        return abs.getFileName().toString();
    }
}
