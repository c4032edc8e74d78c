package org.mammoembed.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetScannerTest {
    @TempDir
    Path root;

    /** The smallest file the sniffer accepts: preamble, "DICM", one file meta element. */
    static void tinyDicom(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] b = new byte[128 + 4 + 12];
        b[128] = 'D';
        b[129] = 'I';
        b[130] = 'C';
        b[131] = 'M';
        // (0002,0000) UL 4 = 0: group length
        byte[] elem = {0x02, 0x00, 0x00, 0x00, 'U', 'L', 0x04, 0x00, 0, 0, 0, 0};
        System.arraycopy(elem, 0, b, 132, elem.length);
        Files.write(file, b);
    }

    private Path csv(String text) throws IOException {
        Path f = root.resolve("classificacao.csv");
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    private static List<String> rel(Dataset d) {
        return d.images().stream().map(ImageRecord::relativePath).toList();
    }

    private static List<String> problems(Dataset d) {
        return d.problems().stream().map(f -> f.errorClass() + "|" + f.accessionNumber() + "|" + f.message()).toList();
    }

    @Test
    void ordersByCsvRowThenRelativePathAndKeepsExtraColumns() throws Exception {
        tinyDicom(root.resolve("B2/z.dcm"));
        tinyDicom(root.resolve("B2/a/2"));
        tinyDicom(root.resolve("B2/a/10"));
        tinyDicom(root.resolve("A1/img.dcm"));
        Files.writeString(root.resolve("B2/notes.txt"), "not dicom");
        Files.writeString(root.resolve("B2/.DS_Store"), "junk");
        tinyDicom(root.resolve("B2/.hidden/x.dcm"));
        Path csv = csv("AccessionNumber;Classification;Site\nB2;c;north\nA1;1;south\n");
        Dataset d = Dataset.fromCsv(csv, root);
        assertEquals(List.of("B2/a/10", "B2/a/2", "B2/z.dcm", "A1/img.dcm"), rel(d));
        assertEquals(BiRadsDensity.C, d.images().get(0).density());
        assertEquals(BiRadsDensity.A, d.images().get(3).density());
        assertEquals(Map.of("Site", "north"), d.images().get(0).extraColumns());
        assertEquals(root.toAbsolutePath().normalize().resolve("B2/a/10"), d.images().get(0).path());
        assertEquals(List.of(), d.problems());
    }

    @Test
    void theFoldersListedOneByOneOrByAnotherListerMakeTheSameDataset() throws Exception {
        tinyDicom(root.resolve("B2/a/2"));
        tinyDicom(root.resolve("B2/z.dcm"));
        Files.writeString(root.resolve("B2/broken.dcm"), "not a mammogram");
        tinyDicom(root.resolve("A1/img.dcm"));
        Files.createDirectories(root.resolve("E5"));
        Path csv = csv("AccessionNumber,Classification\nB2,c\nMISSING,1\nA1,1\nE5,2\n");
        Dataset plain = Dataset.fromCsv(csv, root);
        List<List<AccessionFolder>> asked = new java.util.ArrayList<>();
        Dataset viaHere = Dataset.fromCsv(csv, root, null, (r, folders) -> {
            asked.add(folders);
            return AccessionFolder.Lister.HERE.list(r, folders);
        });
        assertEquals(List.of("B2", "MISSING", "A1", "E5"),
                asked.get(0).stream().map(AccessionFolder::accession).toList());
        assertEquals(plain.images(), viaHere.images());
        assertEquals(plain.problems(), viaHere.problems());
        assertEquals(List.of("B2/a/2", "B2/z.dcm", "A1/img.dcm"), rel(plain));
        assertEquals(3, plain.problems().size(), () -> problems(plain).toString());
        // each folder alone, as a cluster's task walks it, gives that folder's share
        Dataset b2 = asked.get(0).get(0).list(root);
        assertEquals(List.of("B2/a/2", "B2/z.dcm"), rel(b2));
        assertEquals(List.of("NotDicom|B2"), b2.problems().stream().map(f -> f.errorClass() + "|"
                + f.accessionNumber()).toList());
        MammoException noRoot = assertThrows(MammoException.class,
                () -> AccessionFolder.Lister.HERE.list(root.resolve("nowhere"), asked.get(0)));
        assertTrue(noRoot.getMessage().contains("DICOM root"), noRoot.getMessage());
    }

    @Test
    void aFileNamedDcmThatIsNotDicomIsReportedAndOtherNamesAreNot() throws Exception {
        tinyDicom(root.resolve("A1/good.dcm"));
        Files.writeString(root.resolve("A1/broken.dcm"), "this is a text file, not a mammogram");
        Files.writeString(root.resolve("A1/readme.txt"), "notes");
        Dataset d = Dataset.fromCsv(csv("AccessionNumber,Classification\nA1,B\n"), root);
        assertEquals(List.of("A1/good.dcm"), rel(d));
        assertEquals(List.of("NotDicom|A1|'A1/broken.dcm' is named as a DICOM file but has neither the DICM marker"
                + " nor a plausible first element"), problems(d));
        assertEquals("A1/broken.dcm", d.problems().get(0).relativePath());
        assertEquals(Stage.SCAN, d.problems().get(0).stage());
    }

    @Test
    void rowProblemsAreReportedWithTheirLineNumbers() throws Exception {
        tinyDicom(root.resolve("E1/x.dcm"));
        tinyDicom(root.resolve("E2/x.dcm"));
        tinyDicom(root.resolve("E5/x.dcm"));
        tinyDicom(root.resolve("E6/x.dcm"));
        Files.createDirectories(root.resolve("EMPTY/sub"));
        Files.writeString(root.resolve("EMPTY/sub/readme"), "text");
        Path csv = csv("\uFEFFaccessionnumber , CLASSIFICATION\n"
                + "E1,A\n"
                + "\n"
                + "E1,B\n"
                + "E5,5\n"
                + "E6,X\n"
                + "GONE,D\n"
                + "EMPTY,2\n"
                + ",3\n"
                + "\"E2\",\"4\"   \n");
        Dataset d = Dataset.fromCsv(csv, root);
        assertEquals(List.of("E1/x.dcm", "E2/x.dcm"), rel(d));
        assertEquals(BiRadsDensity.D, d.images().get(1).density());
        assertEquals(List.of(
                "DuplicateAccession|E1|line 4: AccessionNumber already listed on line 2; keeping the first",
                "Class5|E5|line 5: CLASSIFICATION 5 is not a density class; row skipped",
                "UnknownLabel|E6|line 6: CLASSIFICATION 'X' is not A-D or 1-4; row skipped",
                "MissingFolder|GONE|line 7: no folder 'GONE' under the DICOM root",
                "NoImages|EMPTY|line 8: folder 'EMPTY' holds no DICOM files",
                "MissingAccession||line 9: empty AccessionNumber; row skipped"), problems(d));
        assertTrue(d.problems().stream().allMatch(f -> f.stage() == Stage.SCAN));
    }

    @Test
    void pathTraversalIsRefused() throws Exception {
        Path outside = Files.createTempDirectory("outside");
        try {
            tinyDicom(outside.resolve("secret.dcm"));
            tinyDicom(outside.resolve("x/y.dcm"));
            Path dicomRoot = Files.createDirectories(root.resolve("dicom"));
            Files.createSymbolicLink(dicomRoot.resolve("LINKED"), outside);
            tinyDicom(dicomRoot.resolve("OK/a.dcm"));
            Files.createSymbolicLink(dicomRoot.resolve("OK/b.dcm"), outside.resolve("secret.dcm"));
            Path csv = csv("AccessionNumber,Classification\n../x,A\n/etc,B\nLINKED,C\nOK,D\na\\b,A\n..,B\n");
            Dataset d = Dataset.fromCsv(csv, dicomRoot);
            assertEquals(List.of("OK/a.dcm"), rel(d));
            assertEquals(List.of(
                    "UnsafePath|../x|line 2: AccessionNumber '../x' contains a path separator; refused",
                    "UnsafePath|/etc|line 3: AccessionNumber '/etc' contains a path separator; refused",
                    "UnsafePath|LINKED|line 4: folder 'LINKED' resolves to a location outside the DICOM root; refused",
                    "UnsafePath|OK|'OK/b.dcm' is a symbolic link to a location outside the DICOM root; refused",
                    "UnsafePath|a\\b|line 6: AccessionNumber 'a\\b' contains a path separator; refused",
                    "UnsafePath|..|line 7: AccessionNumber '..' names a relative folder; refused"), problems(d));
        } finally {
            try (var s = Files.walk(outside)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void symlinksInsideTheRootAreFollowedAndLoopsIgnored() throws Exception {
        tinyDicom(root.resolve("shared/s.dcm"));
        Files.createDirectories(root.resolve("E1"));
        Files.createSymbolicLink(root.resolve("E1/s.dcm"), root.resolve("shared/s.dcm"));
        Files.createSymbolicLink(root.resolve("E1/loop"), root.resolve("E1"));
        Dataset d = Dataset.fromCsv(csv("AccessionNumber,Classification\nE1,B\nshared,A\n"), root);
        assertEquals(List.of("E1/s.dcm", "shared/s.dcm"), rel(d));
    }

    @Test
    void mutuallyLinkedFoldersDoNotLoop() throws Exception {
        tinyDicom(root.resolve("E1/a/x.dcm"));
        tinyDicom(root.resolve("E1/b/y.dcm"));
        Files.createSymbolicLink(root.resolve("E1/a/toB"), root.resolve("E1/b"));
        Files.createSymbolicLink(root.resolve("E1/b/toA"), root.resolve("E1/a"));
        Dataset d = Dataset.fromCsv(csv("AccessionNumber,Classification\nE1,B\n"), root);
        // each link is followed once per path; a link back into the folders being walked is not
        assertEquals(List.of("E1/a/toB/y.dcm", "E1/a/x.dcm", "E1/b/toA/x.dcm", "E1/b/y.dcm"), rel(d));
    }

    @Test
    void dicomFoldersWithoutACsvRowAreReported() throws Exception {
        tinyDicom(root.resolve("LISTED/a.dcm"));
        tinyDicom(root.resolve("EXTRA/deep/b"));
        Files.createDirectories(root.resolve("NODICOM"));
        Files.writeString(root.resolve("NODICOM/x.txt"), "x");
        tinyDicom(root.resolve("stray.dcm"));
        Dataset d = Dataset.fromCsv(csv("AccessionNumber,Classification\nLISTED,A\n"), root);
        assertEquals(List.of("LISTED/a.dcm"), rel(d));
        assertEquals(List.of(
                "NotInCsv|EXTRA|folder 'EXTRA' holds DICOM files but no CSV row names it",
                "NotInCsv||DICOM file 'stray.dcm' lies directly in the DICOM root, outside any accession folder"),
                problems(d));
    }

    @Test
    void missingColumnsThrowNamingTheColumnAndTheColumnsFound() throws Exception {
        MammoException e = assertThrows(MammoException.class,
                () -> Dataset.fromCsv(csv("Accession;Label\n1;A\n"), root));
        assertEquals(Stage.SCAN, e.stage());
        assertEquals("classificacao.csv: missing column 'AccessionNumber'; columns found: [Accession, Label]",
                e.getMessage());
        MammoException e2 = assertThrows(MammoException.class,
                () -> Dataset.fromCsv(csv("AccessionNumber\n1\n"), root));
        assertEquals("classificacao.csv: no label column (looked for BI-RADS, Classification, density; name "
                + "another one with labelColumn); columns found: [AccessionNumber]", e2.getMessage());
        MammoException e3 = assertThrows(MammoException.class,
                () -> Dataset.fromCsv(csv("AccessionNumber,BI-RADS\n1,A\n"), root, "Grade"));
        assertEquals("classificacao.csv: no label column 'Grade'; columns found: [AccessionNumber, BI-RADS]",
                e3.getMessage());
    }

    @Test
    void labelsComeFromBiRadsClassificationOrDensityOrTheNamedColumn() throws Exception {
        for (String name : List.of("E1", "E2", "E3", "E4")) {
            tinyDicom(root.resolve(name).resolve("a.dcm"));
        }
        // the original tool's documented header, letters and digits mixed
        Dataset biRads = Dataset.fromCsv(csv("AccessionNumber,BI-RADS\nE1,A\nE2,2\nE3,c\nE4,4\n"), root);
        assertEquals(List.of(1, 2, 3, 4), biRads.images().stream().map(ImageRecord::biRads).toList());
        assertEquals(List.of(), problems(biRads));
        Dataset density = Dataset.fromCsv(csv("AccessionNumber;DENSITY\nE1;D\nE2;1\n"), root);
        assertEquals(List.of(4, 1), density.images().stream().map(ImageRecord::biRads).toList());
        // BI-RADS wins over the other known names; the other stays an extra column
        Dataset both = Dataset.fromCsv(csv("AccessionNumber,Classification,BI-RADS\nE1,A,D\n"), root);
        assertEquals(4, both.images().get(0).biRads());
        assertEquals("A", both.images().get(0).extraColumns().get("Classification"));
        // any other column by name; the known names stay extra columns then
        Dataset named = Dataset.fromCsv(csv("AccessionNumber,BI-RADS,Reader2\nE1,A,B\nE2,B,x\n"), root,
                "reader2");
        assertEquals(List.of(2), named.images().stream().map(ImageRecord::biRads).toList());
        assertEquals("A", named.images().get(0).extraColumns().get("BI-RADS"));
        assertEquals(List.of("UnknownLabel|E2|line 3: Reader2 'x' is not A-D or 1-4; row skipped"),
                problems(named).stream().filter(p -> !p.startsWith("NotInCsv")).toList());
    }

    @Test
    void headerOnlyCsvGivesZeroImagesAndAClearProblemButNoHeaderIsRefused() throws Exception {
        Dataset headerOnly = Dataset.fromCsv(csv("AccessionNumber,Classification\n"), root);
        assertEquals(0, headerOnly.size());
        assertEquals(List.of("EmptyCsv||classificacao.csv has a header but no data rows; no images to process"),
                problems(headerOnly));
        for (String nothing : List.of("", "\n \n", "\uFEFF")) {
            MammoException e = assertThrows(MammoException.class, () -> Dataset.fromCsv(csv(nothing), root));
            assertEquals(Stage.SCAN, e.stage());
            assertEquals("classificacao.csv is empty: no header line with columns AccessionNumber and one of "
                    + "BI-RADS, Classification, density", e.getMessage());
        }
    }

    @Test
    void oversizedFieldBecomesACsvFormatProblem() throws Exception {
        tinyDicom(root.resolve("E1/a.dcm"));
        tinyDicom(root.resolve("E3/a.dcm"));
        String huge = "n".repeat(10 * 1024 * 1024);
        Dataset d = Dataset.fromCsv(csv("AccessionNumber,Classification,Notes\nE1,A,\nE2,B," + huge
                + "\nE3,C,\n"), root);
        assertEquals(List.of("E1/a.dcm", "E3/a.dcm"), rel(d));
        assertEquals(List.of("CsvFormat||classificacao.csv line 3: record longer than 1048576 characters "
                + "(the limit); row skipped"), problems(d));
    }

    @Test
    void missingCsvOrRootThrows() {
        MammoException e = assertThrows(MammoException.class,
                () -> Dataset.fromCsv(root.resolve("nope.csv"), root));
        assertEquals(Stage.SCAN, e.stage());
        assertThrows(MammoException.class, () -> Dataset.fromFolder(root.resolve("nope")));
    }

    @Test
    void unreadableFolderIsReported() throws Exception {
        assumeTrue(!"root".equals(System.getProperty("user.name")), "root can read any folder");
        tinyDicom(root.resolve("E1/a/x.dcm"));
        Path locked = root.resolve("E1/a");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        try {
            Dataset d = Dataset.fromCsv(csv("AccessionNumber,Classification\nE1,A\n"), root);
            assertEquals("UnreadableFolder", d.problems().get(0).errorClass());
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void aFolderThatCannotBeListedIsReportedNotThrown() throws Exception {
        // root may read any folder, so use what every user hits the same way: listing a plain file
        Path notAFolder = root.resolve("E1");
        Files.writeString(notAFolder, "x");
        List<Failure> problems = new java.util.ArrayList<>();
        DicomTreeWalker walker = new DicomTreeWalker(root, root.toRealPath(), problems::add);
        walker.walk(notAFolder, "E1", (file, rel) -> true);
        assertEquals(List.of(new Failure("E1", "E1", Stage.SCAN, "UnreadableFolder",
                "cannot list folder 'E1': NotDirectoryException")), problems);
    }

    @Test
    void fromFolderUsesTheFirstComponentOrTheFileStem() throws Exception {
        tinyDicom(root.resolve("EX1/sub/a.dcm"));
        tinyDicom(root.resolve("top.dcm"));
        tinyDicom(root.resolve("noext"));
        Files.writeString(root.resolve("readme.md"), "# not dicom");
        Dataset d = Dataset.fromFolder(root);
        assertEquals(List.of("EX1/sub/a.dcm", "noext", "top.dcm"), rel(d));
        assertEquals(List.of("EX1", "noext", "top"), d.images().stream().map(ImageRecord::accessionNumber).toList());
        assertNull(d.images().get(0).density());
    }
}
