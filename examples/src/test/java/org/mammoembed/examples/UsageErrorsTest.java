package org.mammoembed.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Command-line mistakes: exit status 2 and a message naming the option, before any work is done. */
class UsageErrorsTest {
    private static final String[] BASE = {"--csv", "c.csv", "--dicom-root", "d", "--outdir", "o"};

    private static CliFixture.Result embed(String... extra) {
        String[] args = new String[1 + BASE.length + extra.length];
        args[0] = "embed";
        System.arraycopy(BASE, 0, args, 1, BASE.length);
        System.arraycopy(extra, 0, args, 1 + BASE.length, extra.length);
        return CliFixture.run(args);
    }

    private static void assertUsage(CliFixture.Result r, String message) {
        assertEquals(2, r.status(), r::all);
        assertTrue(r.err().startsWith(message + System.lineSeparator()), r.err());
        assertTrue(r.err().contains("mammography ") && r.err().contains("--help' for the options"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void unknownOption() {
        CliFixture.Result r = embed("--bogus", "1");
        assertUsage(r, "embed: Unknown options: '--bogus', '1'");
        assertTrue(r.err().contains("run 'mammography embed --help' for the options"), r.err());
    }

    @Test
    void missingCsv() {
        assertUsage(CliFixture.run("embed", "--dicom-root", "d", "--outdir", "o"),
                "embed: Missing required option: '--csv=CSV'");
    }

    @Test
    void badBatchSize() {
        assertUsage(embed("--batch-size", "0"), "embed: --batch-size must be a positive integer, got '0'");
        assertUsage(embed("--batch-size", "many"), "embed: --batch-size must be a positive integer, got 'many'");
        assertUsage(embed("--batch-size"), "embed: Missing required parameter for option '--batch-size' (N)");
    }

    @Test
    void otherBadValues() {
        assertUsage(embed("--max-failure-rate", "1.5"),
                "embed: --max-failure-rate must be a number in [0, 1], got '1.5'");
        assertUsage(embed("--aggregate", "median"), "embed: --aggregate must be mean or max, got 'median'");
        assertUsage(embed("--device", "tpu"), "embed: --device must be cpu, auto, cuda or cuda:N, got 'tpu'");
        assertUsage(embed("--reader", "jpeg"), "embed: --reader must be one of auto, dicom, png, tiff, got 'jpeg'");
        assertUsage(embed("--resume", "--overwrite"), "embed: --resume and --overwrite exclude each other");
        assertUsage(embed("--pca=yes"), "embed: --pca 'yes' is not a boolean");
        assertUsage(embed("stray"), "embed: Unmatched argument at index 7: 'stray'");
    }

    @Test
    void unknownCommandAndNoArguments() {
        CliFixture.Result r = CliFixture.run("embedd");
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("mammography: Unmatched argument at index 0: 'embedd'"), r.err());
        assertTrue(r.err().contains("Did you mean: mammography embed"), r.err());
        CliFixture.Result none = CliFixture.run();
        assertEquals(2, none.status());
        assertTrue(none.out().startsWith("Usage: mammography [-hV] <command>"), none.out());
        CliFixture.Result help = CliFixture.run("--help");
        assertEquals(0, help.status());
        for (String command : List.of("embed", "analyze", "demo", "inspect", "bench", "embeddings-baselines")) {
            assertTrue(help.out().contains("\n  " + command + " "), help.out());
        }
    }

    @Test
    void theOriginalToolsLoneSeparatorIsAcceptedRightAfterTheCommand() {
        // parsing gets past the command line: the run stops only at the missing CSV file (exit 1, not 2)
        CliFixture.Result r = CliFixture.run("embed", "--", "--csv", "missing.csv", "--dicom-root", "d", "--outdir",
                "o");
        assertEquals(1, r.status(), r::all);
        assertTrue(r.err().contains("--csv missing.csv does not exist"), r.err());
        // elsewhere "--" ends the options as usual
        assertUsage(embed("--", "--pca"), "embed: Unknown option: '--pca'");
    }

    @Test
    void inspectWithoutFilesAndDemoWithBadSize() {
        assertUsage(CliFixture.run("inspect", "--root", "r"), "inspect: Missing required parameter: 'FILE'");
        assertUsage(CliFixture.run("demo", "--outdir", "o", "--size", "10x10"),
                "demo: --size must be ROWSxCOLUMNS, each 32..8192, got '10x10'");
    }
}
