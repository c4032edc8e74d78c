package org.mammoembed.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mammoembed.io.NpyReader;

/**
 * Bad inputs never stop a run: each becomes one specific row of failures.csv and the good images are embedded.
 * Inputs that make the whole run meaningless (no label column) stop it with a message naming the problem.
 */
class BadInputTest {
    @TempDir
    static Path tmp;
    static Path root;
    static Path model;

    @BeforeAll
    static void study() throws Exception {
        CliFixture.study(tmp.resolve("data"), 1); // DEMO0000..DEMO0003, classes 1..4, 4 views each
        root = tmp.resolve("data/archive");
        model = CliFixture.tinyModel(tmp, CliFixture.MODEL_SEED);
    }

    private static CliFixture.Result embed(Path csv, Path out) {
        return embed(csv, root, out);
    }

    private static CliFixture.Result embed(Path csv, Path dicomRoot, Path out) {
        return CliFixture.run("embed", "--csv", csv.toString(), "--dicom-root", dicomRoot.toString(), "--outdir",
                out.toString(), "--model", model.toString(), "--save-csv", "--batch-size", "4", "--workers", "1");
    }

    @Test
    void everyBadRowAndFileIsReportedAndTheGoodImagesAreEmbedded() throws Exception {
        Path exam = root.resolve("DEMO0001");
        byte[] good = Files.readAllBytes(exam.resolve("L_CC.dcm"));
        Files.write(exam.resolve("cut.dcm"), Arrays.copyOf(good, good.length - 500));
        byte[] garbage = good.clone(); // a DICOM by its preamble, but the header is noise after "DICM"
        for (int i = 140; i < 400; i++) {
            garbage[i] = (byte) (i * 31 + 7);
        }
        Files.write(exam.resolve("noise.dcm"), garbage);
        Files.writeString(root.resolve("DEMO0002/notes.txt"), "reader notes, not an image\n");
        Path csv = tmp.resolve("labels.csv");
        Files.writeString(csv, String.join("\n",
                "AccessionNumber,Classification",
                "DEMO0000,A",
                "DEMO0001,2",
                "MISSING01,B",
                "DEMO0002,C",
                "DEMO0000,D",
                "CLASS5X,5",
                "../x,A",
                "DEMO0003,4",
                ""), StandardCharsets.UTF_8);
        Path out = tmp.resolve("out-bad");
        CliFixture.Result r = embed(csv, out);
        assertEquals(0, r.status(), r::all);

        NpyReader.NpyArray f = NpyReader.read(out.resolve("features.npy"));
        assertArrayEquals(new long[] {16, 64}, f.shape(), "the 16 good phantoms");
        List<Map<String, String>> joined = CliFixture.readCsv(out.resolve("joined.csv"));
        assertEquals(16, joined.size());
        assertFalse(joined.stream().anyMatch(j -> j.get("ImagePath").contains("cut")
                || j.get("ImagePath").contains("noise") || j.get("ImagePath").contains("notes")));

        Map<String, Map<String, String>> byClass = CliFixture.readCsv(out.resolve("failures.csv")).stream()
                .collect(Collectors.toMap(m -> m.get("ErrorClass") + ":" + m.get("ImagePath"), m -> m));
        assertEquals("line 4: no folder 'MISSING01' under the DICOM root",
                only(byClass, "MissingFolder").get("Message"), byClass::toString);
        assertEquals("line 6: AccessionNumber already listed on line 2; keeping the first",
                only(byClass, "DuplicateAccession").get("Message"));
        assertEquals("line 7: Classification 5 is not a density class; row skipped",
                only(byClass, "Class5").get("Message"));
        assertEquals("line 8: AccessionNumber '../x' contains a path separator; refused",
                only(byClass, "UnsafePath").get("Message"));
        assertEquals("../x", only(byClass, "UnsafePath").get("AccessionNumber"));
        Map<String, String> cut = byClass.values().stream()
                .filter(m -> m.get("ImagePath").equals("DEMO0001/cut.dcm")).findFirst().orElseThrow();
        assertEquals("read", cut.get("Stage"));
        assertEquals("DicomException", cut.get("ErrorClass"));
        assertEquals("cut.dcm: element (7FE0,0010) at offset 918 declares a value longer than the 5644 bytes that"
                + " remain: the file is truncated or corrupt", cut.get("Message"));
        Map<String, String> noise = byClass.get("DicomException:DEMO0001/noise.dcm");
        assertEquals("read", noise.get("Stage"));
        assertTrue(noise.get("Message").startsWith("noise.dcm: element "), noise::toString);
        assertEquals(6, byClass.size(), byClass::toString);
        assertTrue(r.out().contains("embedded 16 of 18 images (2 failed, 4 scan problems)"), r.out());
        // nothing was written outside the output folder for the traversal attempt
        assertFalse(Files.exists(tmp.resolve("data/x")));
    }

    private static Map<String, String> only(Map<String, Map<String, String>> byClass, String errorClass) {
        List<Map<String, String>> l = byClass.entrySet().stream().filter(e -> e.getKey().startsWith(errorClass + ":"))
                .map(Map.Entry::getValue).toList();
        assertEquals(1, l.size(), errorClass + " in " + byClass);
        return l.get(0);
    }

    @Test
    void headerOnlyCsvFailsWithTheReasonAndLeavesNothingBehind() throws Exception {
        Path csv = tmp.resolve("empty.csv");
        Files.writeString(csv, "AccessionNumber,Classification\n", StandardCharsets.UTF_8);
        Path out = tmp.resolve("out-empty");
        Path emptyRoot = Files.createDirectories(tmp.resolve("empty-root"));
        CliFixture.Result r = embed(csv, emptyRoot, out);
        assertEquals(1, r.status(), r::all);
        assertTrue(r.err().contains("no image to embed: the scan found 0 images (1 scan problems; first:"
                + " EmptyCsv: empty.csv has a header but no data rows"), r.err());
        assertFalse(Files.exists(out), "a run that cannot start leaves no output folder");
    }

    @Test
    void csvWithoutTheLabelColumnStopsTheRunNamingTheColumn() throws Exception {
        Path csv = tmp.resolve("nolabel.csv");
        Files.writeString(csv, "AccessionNumber,Grade\nDEMO0000,A\n", StandardCharsets.UTF_8);
        CliFixture.Result r = embed(csv, tmp.resolve("out-nolabel"));
        assertEquals(1, r.status(), r::all);
        assertTrue(r.err().startsWith("error (scan): "), r.err());
        assertTrue(r.err().contains("BI-RADS, Classification, density") && r.err().contains("[AccessionNumber, "
                + "Grade]"), r.err());
    }

    @Test
    void missingCsvFileStopsTheRunNamingIt() throws Exception {
        CliFixture.Result r = embed(tmp.resolve("nope.csv"), tmp.resolve("out-nocsv"));
        assertEquals(1, r.status(), r::all);
        assertTrue(r.err().contains("nope.csv") && r.err().contains("does not exist"), r.err());
    }

    @Test
    void aDicomRootThatIsAFileOrAMissingModelStopsTheRunBeforeAnyOutput() throws Exception {
        Path csv = tmp.resolve("one.csv");
        Files.writeString(csv, "AccessionNumber,BI-RADS\nDEMO0001,1\n");
        Path out = tmp.resolve("out-noroot");
        CliFixture.Result r = embed(csv, csv, out);
        assertEquals(1, r.status(), r::all);
        assertTrue(r.err().contains("--dicom-root " + csv + " does not exist or is not a folder"), r.err());
        assertFalse(Files.exists(out), "no output folder for a run that could not start");
        Path noModel = tmp.resolve("out-nomodel");
        CliFixture.Result m = CliFixture.run("embed", "--csv", csv.toString(), "--dicom-root", root.toString(),
                "--outdir", noModel.toString(), "--model", tmp.resolve("typo.onnx").toString());
        assertEquals(1, m.status(), m::all);
        assertTrue(m.err().contains("--model " + tmp.resolve("typo.onnx") + " does not exist or is not a file"),
                m.err());
        assertFalse(Files.exists(noModel), "no output folder for a run that could not start");
    }
}
