package org.mammoembed.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mammoembed.dicom.DicomAttributes;
import org.mammoembed.dicom.DicomFileReader;
import org.mammoembed.dicom.DicomWriter;
import org.mammoembed.dicom.NativePixels;
import org.mammoembed.dicom.Tag;
import org.mammoembed.dicom.Vr;
import org.mammoembed.io.NpyReader;

/** {@code inspect}: one JSON line per file, pixels after the modality LUT as .npy, .err for a refused file. */
class InspectCommandTest {
    private static final int ROWS = 5;
    private static final int COLUMNS = 7;

    @TempDir
    Path tmp;

    private Path goodFile(Path folder) throws Exception {
        return file(folder, "img.dcm", 2, true);
    }

    private Path file(Path folder, String name, double slope, boolean samplesPerPixel) throws Exception {
        int[] pixels = new int[ROWS * COLUMNS];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = i * 37 % 4096;
        }
        DicomAttributes a = new DicomAttributes()
                .setString(Tag.SOP_CLASS_UID, Vr.UI, DemoDataset.SOP_CLASS_MG_PRESENTATION)
                .setString(Tag.SOP_INSTANCE_UID, Vr.UI, "2.25.1234")
                .setString(Tag.MODALITY, Vr.CS, "MG")
                .setString(Tag.PATIENT_NAME, Vr.PN, "Secret^Person")
                .setString(Tag.PATIENT_ID, Vr.LO, "SECRET-ID-9")
                .setString(Tag.VIEW_POSITION, Vr.CS, "MLO")
                .setString(Tag.IMAGE_LATERALITY, Vr.CS, "R")
                .setDoubles(Tag.PIXEL_SPACING, Vr.DS, 0.07, 0.08)
                .setDoubles(Tag.RESCALE_SLOPE, Vr.DS, slope)
                .setDoubles(Tag.RESCALE_INTERCEPT, Vr.DS, -100);
        Path file = folder.resolve("exam1/" + name);
        Files.createDirectories(file.getParent());
        DicomAttributes all = NativePixels.grayscale(ROWS, COLUMNS, 16, 12, false, "MONOCHROME2", pixels).writeTo(a);
        if (!samplesPerPixel) {
            all.remove(Tag.SAMPLES_PER_PIXEL);
        }
        DicomWriter.builder().build().write(file, all);
        return file;
    }

    @Test
    void describesGoodFilesWritesTheirPixelsAndRefusesBadOnes() throws Exception {
        Path root = tmp.resolve("root");
        Path good = goodFile(root);
        Path bad = root.resolve("exam1/bad.dcm");
        byte[] whole = Files.readAllBytes(good);
        Files.write(bad, Arrays.copyOf(whole, whole.length - 20));
        Path pixelsOut = tmp.resolve("px");

        CliFixture.Result r = CliFixture.run("inspect", "--root", root.toString(), "--pixels-out",
                pixelsOut.toString(), good.toString(), bad.toString());
        assertEquals(3, r.status(), r::all);
        String[] lines = r.out().split("\\R");
        assertEquals(2, lines.length, r.out());
        ObjectMapper json = new ObjectMapper();
        JsonNode g = json.readTree(lines[0]);
        List<String> keys = new ArrayList<>();
        for (Iterator<String> it = g.fieldNames(); it.hasNext(); ) {
            keys.add(it.next());
        }
        assertEquals(List.of("path", "sop_class_uid", "modality", "rows", "columns", "frames", "samples_per_pixel",
                "bits_allocated", "bits_stored", "pixel_representation", "photometric_interpretation",
                "transfer_syntax_uid", "laterality", "view_position", "presentation_intent_type", "manufacturer",
                "pixel_spacing", "is_mammography", "status"), keys);
        assertEquals("exam1/img.dcm", g.get("path").asText());
        assertEquals(ROWS, g.get("rows").asInt());
        assertEquals(COLUMNS, g.get("columns").asInt());
        assertEquals(12, g.get("bits_stored").asInt());
        assertEquals("MONOCHROME2", g.get("photometric_interpretation").asText());
        assertEquals("R", g.get("laterality").asText());
        assertEquals("MLO", g.get("view_position").asText());
        assertEquals(0.07, g.get("pixel_spacing").get(0).asDouble(), 1e-12);
        assertTrue(g.get("is_mammography").asBoolean());
        assertEquals("ok", g.get("status").asText());
        assertFalse(r.out().contains("Secret") || r.out().contains("SECRET-ID"), "no patient identifiers");

        NpyReader.NpyArray px = NpyReader.read(pixelsOut.resolve("exam1/img.dcm.npy"));
        assertArrayEquals(new long[] {ROWS, COLUMNS}, px.shape());
        for (int i = 0; i < ROWS * COLUMNS; i++) {
            assertEquals(2f * (i * 37 % 4096) - 100f, px.data()[i], "pixel " + i + " after the modality LUT");
        }
        assertArrayEquals(DicomFileReader.create().read(good).pixels(), px.data(), "what the pipeline reads");

        JsonNode b = json.readTree(lines[1]);
        assertEquals("exam1/bad.dcm", b.get("path").asText());
        assertEquals("refused", b.get("status").asText());
        assertEquals("read", b.get("stage").asText());
        String err = Files.readString(pixelsOut.resolve("exam1/bad.dcm.err")).trim();
        assertEquals(b.get("error").asText(), err);
        assertTrue(err.startsWith("bad.dcm: ") && err.contains("truncated"), err);
        assertFalse(Files.exists(pixelsOut.resolve("exam1/bad.dcm.npy")));
    }

    @Test
    void allGoodExitsZero() throws Exception {
        Path good = goodFile(tmp);
        CliFixture.Result r = CliFixture.run("inspect", good.toString());
        assertEquals(0, r.status(), r::all);
        assertEquals("img.dcm", new ObjectMapper().readTree(r.out()).get("path").asText());
    }

    @Test
    void aRescaleThatOverflowsFloatIsRefusedAsEmbedRefusesIt() throws Exception {
        Path root = tmp.resolve("root");
        Path inf = file(root, "inf.dcm", 1e38, true);
        Path pixelsOut = tmp.resolve("px");
        CliFixture.Result r = CliFixture.run("inspect", "--root", root.toString(), "--pixels-out",
                pixelsOut.toString(), inf.toString());
        assertEquals(3, r.status(), r::all);
        JsonNode line = new ObjectMapper().readTree(r.out());
        assertEquals("refused", line.get("status").asText());
        assertEquals("decode", line.get("stage").asText());
        assertTrue(line.get("error").asText().startsWith("inf.dcm: the modality LUT (ModalityLut[slope=1.0E38,"
                + " intercept=-100.0]) maps 34 of 35 stored values to infinite or NaN values"), r::all);
        assertFalse(Files.exists(pixelsOut.resolve("exam1/inf.dcm.npy")));
    }

    @Test
    void aMissingSamplesPerPixelIsReportedAsTheOneThatWasUsed() throws Exception {
        Path f = file(tmp, "nospp.dcm", 2, false);
        CliFixture.Result r = CliFixture.run("inspect", f.toString());
        assertEquals(0, r.status(), r::all);
        assertEquals(1, new ObjectMapper().readTree(r.out()).get("samples_per_pixel").asInt(), r::all);
    }

    @Test
    void filesWithTheSameNameInDifferentFoldersKeepTheirOwnResults() throws Exception {
        // three files called img.dcm: two good ones with different pixels, one truncated
        Path a = goodFile(tmp.resolve("site-a"));
        Path b = goodFile(tmp.resolve("site-b/deeper"));
        Path c = goodFile(tmp.resolve("site-c"));
        byte[] whole = Files.readAllBytes(c);
        Files.write(c, Arrays.copyOf(whole, whole.length - 20));
        Path px = tmp.resolve("px");
        CliFixture.Result r = CliFixture.run("inspect", "--pixels-out", px.toString(), a.toString(), b.toString(),
                c.toString());
        assertEquals(3, r.status(), r::all);
        ObjectMapper json = new ObjectMapper();
        List<String> paths = new ArrayList<>();
        for (String line : r.out().split("\\R")) {
            paths.add(json.readTree(line).get("path").asText());
        }
        assertEquals(List.of("site-a/exam1/img.dcm", "site-b/deeper/exam1/img.dcm", "site-c/exam1/img.dcm"), paths);
        assertTrue(Files.exists(px.resolve("site-a/exam1/img.dcm.npy")));
        assertTrue(Files.exists(px.resolve("site-b/deeper/exam1/img.dcm.npy")));
        assertTrue(Files.exists(px.resolve("site-c/exam1/img.dcm.err")));
        assertFalse(Files.exists(px.resolve("site-c/exam1/img.dcm.npy")));
        // with --root, a file outside the root still gets a path of its own
        CliFixture.Result rooted = CliFixture.run("inspect", "--root", tmp.resolve("site-a").toString(),
                a.toString(), b.toString());
        assertEquals(0, rooted.status(), rooted::all);
        String[] lines = rooted.out().split("\\R");
        assertEquals("exam1/img.dcm", json.readTree(lines[0]).get("path").asText());
        assertEquals("img.dcm", json.readTree(lines[1]).get("path").asText());
    }
}
