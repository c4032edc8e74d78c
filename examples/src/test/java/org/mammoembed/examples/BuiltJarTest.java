package org.mammoembed.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mammoembed.io.NpyReader;

/**
 * The built tool as a user runs it: {@code java -jar examples/target/mammography.jar} in its own process. Runs in
 * the {@code integration-test} phase ({@code mvn verify}), after the jar and its {@code lib/} exist; elsewhere
 * (e.g. picked by {@code -Dtest} in the {@code test} phase) it is reported skipped.
 */
class BuiltJarTest {
    private static final long TIMEOUT_S = 180;
    private static final List<String> COMMANDS = List.of("embed", "analyze", "demo", "inspect", "bench",
            "embeddings-baselines");

    @TempDir
    static Path tmp;
    static Path jar;
    static Path csv;
    static Path root;
    static Path model;

    record Run(int status, String out, String err) {
        String all() {
            return "exit " + status + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    @BeforeAll
    static void builtJarAndStudy() throws IOException {
        // only on the jar this build just packaged (a jar left from an earlier build would test old code)
        Assumptions.assumeTrue(Boolean.getBoolean("mammography.jar.required"),
                "runs in the integration-test phase of mvn verify, on the jar just built");
        String property = System.getProperty("mammography.jar", "");
        jar = property.isEmpty() ? null : Path.of(property);
        assertTrue(jar != null && Files.isRegularFile(jar), "built jar not found: " + jar);
        csv = CliFixture.study(tmp.resolve("data"), 1); // DEMO0000..DEMO0003, 4 views each
        root = tmp.resolve("data/archive");
        model = CliFixture.tinyModel(tmp, CliFixture.MODEL_SEED);
    }

    static Run run(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-jar", jar.toString()));
        cmd.addAll(Arrays.asList(args));
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("ORT_DISABLE_TELEMETRY", "1");
        Process p = pb.start();
        if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("mammography " + String.join(" ", args) + " ran past " + TIMEOUT_S + " s");
        }
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static String[] embed(Path labels, Path archive, Path outdir, String... extra) {
        List<String> a = new ArrayList<>(List.of("embed", "--csv", labels.toString(), "--dicom-root",
                archive.toString(), "--outdir", outdir.toString(), "--model", model.toString(), "--batch-size", "4"));
        a.addAll(Arrays.asList(extra));
        return a.toArray(new String[0]);
    }

    @Test
    void helpOfTheToolAndOfEveryCommandShowsEveryOptionsDefault() throws Exception {
        Run top = run("--help");
        assertEquals(0, top.status(), top::all);
        for (String c : COMMANDS) {
            assertTrue(top.out().contains("\n  " + c + " "), c + " listed\n" + top.out());
            Run help = run(c, "--help");
            assertEquals(0, help.status(), help::all);
            assertTrue(help.out().startsWith("Usage: mammography " + c), help.out());
            // every option that takes a value says its default (or that it is required); switches are off
            for (String block : optionBlocks(help.out())) {
                if (block.contains("=")) {
                    assertTrue(block.contains("Default") || block.contains("Required"), c + ": " + block);
                } else if (!block.startsWith("-h, --help")) {
                    assertTrue(help.out().contains("switches: off unless given"), c + ": " + block);
                }
            }
        }
        Run embedHelp = run("embed", "--help");
        assertTrue(embedHelp.out().contains("--workers=N"), embedHelp.out());
        assertTrue(Pattern.compile("--workers=N[^-]*Default: \\d+").matcher(embedHelp.out()).find(),
                embedHelp.out());
        assertTrue(embedHelp.out().contains("--batch-size=N") && embedHelp.out().contains("Default: 32"));
        Run baselines = run("embeddings-baselines", "--help");
        assertTrue(baselines.out().contains("--dicom-root=DICOM_ROOT"), baselines.out());
        Run analyze = run("help", "analyze");
        assertEquals(0, analyze.status(), analyze::all);
        assertTrue(analyze.out().contains("--silhouette-sample=N"), analyze.out());
    }

    /** The help text's option entries: a line starting with "-" after indentation, plus its continuation lines. */
    private static List<String> optionBlocks(String help) {
        List<String> blocks = new ArrayList<>();
        StringBuilder current = null;
        for (String line : help.split("\\R")) {
            if (line.matches(" {2,6}(-[a-zA-Z], )?--?[a-zA-Z].*")) {
                if (current != null) {
                    blocks.add(current.toString());
                }
                current = new StringBuilder(line.strip());
            } else if (current != null && line.startsWith("    ") && !line.isBlank()) {
                current.append(' ').append(line.strip());
            } else if (current != null) {
                blocks.add(current.toString());
                current = null;
            }
        }
        if (current != null) {
            blocks.add(current.toString());
        }
        assertFalse(blocks.isEmpty(), help);
        return blocks;
    }

    @Test
    void versionNamesLibraryCommitOnnxRuntimeAndJava() throws Exception {
        Run v = run("--version");
        assertEquals(0, v.status(), v::all);
        String[] lines = v.out().split("\\R");
        assertTrue(lines[0].matches("mammography \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(commit ([0-9a-f]{40}|unknown)\\)"),
                v.out());
        assertTrue(lines[1].matches("ONNX Runtime \\d+\\.\\d+\\.\\d+"), v.out());
        assertTrue(lines[2].startsWith("Java " + System.getProperty("java.specification.version")), v.out());
    }

    @Test
    void biRadsCsvThroughTheOriginalToolsLoneSeparator() throws Exception {
        // the original tool's documented header, digits for half the exams and letters for the others
        Path biRads = tmp.resolve("birads.csv");
        Files.writeString(biRads, "AccessionNumber,BI-RADS\nDEMO0000,1\nDEMO0001,B\nDEMO0002,3\nDEMO0003,D\n",
                StandardCharsets.UTF_8);
        Path out = tmp.resolve("out-birads");
        List<String> args = new ArrayList<>(Arrays.asList(embed(biRads, root, out, "--save-csv")));
        args.add(1, "--");
        Run r = run(args.toArray(new String[0]));
        assertEquals(0, r.status(), r::all);
        assertEquals(16, NpyReader.read(out.resolve("features.npy")).shape()[0]);
        List<String> labels = CliFixture.readCsv(out.resolve("joined.csv")).stream().map(m -> m.get("BI-RADS"))
                .distinct().toList();
        assertEquals(List.of("1", "2", "3", "4"), labels);
        // run.json names the build the --version command names
        String commit = run("--version").out().replaceAll("(?s).*\\(commit ([0-9a-f]{40}|unknown)\\).*", "$1");
        String recorded = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve("run.json").toFile())
                .get("gitCommit").asText();
        assertEquals(commit.equals("unknown") ? "" : commit, recorded);
    }

    @Test
    void aRunThatEmbedsNothingExitsNonZeroWithTheReason() throws Exception {
        // every accession folder holds only a symlink, which the scan does not follow
        Path links = tmp.resolve("links");
        for (String exam : List.of("DEMO0000", "DEMO0001", "DEMO0002", "DEMO0003")) {
            Files.createDirectories(links.resolve(exam));
            Files.createSymbolicLink(links.resolve(exam).resolve("L_CC.dcm"), root.resolve(exam).resolve("L_CC.dcm"));
        }
        // with the built-in random network, whose warning the console shows once (stdout and stderr together)
        Run r = run("embed", "--csv", csv.toString(), "--dicom-root", links.toString(), "--outdir",
                tmp.resolve("out-empty").toString());
        assertNotEquals(0, r.status(), r::all);
        assertTrue(r.all().contains("0 images") || r.all().contains("no image"), r.all());
        assertEquals(1, r.all().split("RANDOM weights", -1).length - 1, r::all);
    }

    @Test
    void aFailedStartLeavesTheFolderReusable() throws Exception {
        Path out = tmp.resolve("out-restart");
        Path noLabel = tmp.resolve("nolabel.csv");
        Files.writeString(noLabel, "AccessionNumber,Grade\nDEMO0000,A\n", StandardCharsets.UTF_8);
        Run bad = run(embed(noLabel, root, out));
        assertEquals(1, bad.status(), bad::all);
        assertTrue(bad.err().contains("columns found: [AccessionNumber, Grade]"), bad.all());
        Path notAModel = Files.writeString(tmp.resolve("not-a-model.onnx"), "not onnx");
        Run badModel = run("embed", "--csv", csv.toString(), "--dicom-root", root.toString(), "--outdir",
                out.toString(), "--model", notAModel.toString());
        assertEquals(1, badModel.status(), badModel::all);
        // the rerun also reads through the combined reader (DICOM first, then PNG/TIFF)
        Run good = run(embed(csv, root, out, "--reader", "auto"));
        assertEquals(0, good.status(), good::all);
        assertEquals(16, NpyReader.read(out.resolve("features.npy")).shape()[0]);
    }

    @Test
    void runLogHasOneLinePerFailedImage() throws Exception {
        Path broken = tmp.resolve("broken");
        CliFixture.copyTree(root, broken);
        byte[] whole = Files.readAllBytes(broken.resolve("DEMO0001/R_MLO.dcm"));
        Files.write(broken.resolve("DEMO0001/R_MLO.dcm"), Arrays.copyOf(whole, whole.length - 600));
        Files.writeString(broken.resolve("DEMO0002/notes.dcm"), "not a DICOM file at all, just text");
        Path out = tmp.resolve("out-failures");
        Run r = run(embed(csv, broken, out));
        assertEquals(0, r.status(), r::all);
        String log = Files.readString(out.resolve("run.log"));
        // one line for the image, with its stage and error (a summary line may name it as a first example)
        List<String> lines = log.lines().filter(l -> l.contains("failed image: DEMO0001/R_MLO.dcm")).toList();
        assertEquals(1, lines.size(), log);
        assertTrue(lines.get(0).contains("WARN") && lines.get(0).contains("truncated"), lines.get(0));
        assertEquals(1, CliFixture.readCsv(out.resolve("failures.csv")).stream()
                .filter(f -> f.get("ImagePath").equals("DEMO0001/R_MLO.dcm")).count());
    }

    @Test
    void inspectKeepsEveryResultOfFilesWithTheSameName() throws Exception {
        Path px = tmp.resolve("px");
        List<String> args = new ArrayList<>(List.of("inspect", "--pixels-out", px.toString()));
        for (String exam : List.of("DEMO0000", "DEMO0001", "DEMO0002")) {
            args.add(root.resolve(exam).resolve("L_CC.dcm").toString());
        }
        Run r = run(args.toArray(new String[0]));
        assertEquals(0, r.status(), r::all);
        for (String exam : List.of("DEMO0000", "DEMO0001", "DEMO0002")) {
            assertTrue(Files.isRegularFile(px.resolve(exam).resolve("L_CC.dcm.npy")), exam + "\n" + r.all());
        }
        assertEquals(3, r.out().lines().count(), r.out());
    }
}
