package org.mammoembed.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        assertTrue(r.err().contains("mammography --help"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void unknownOption() {
        assertUsage(embed("--bogus", "1"), "embed: unknown option --bogus");
    }

    @Test
    void missingCsv() {
        assertUsage(CliFixture.run("embed", "--dicom-root", "d", "--outdir", "o"), "embed: --csv is required");
    }

    @Test
    void badBatchSize() {
        assertUsage(embed("--batch-size", "0"), "embed: --batch-size must be a positive integer, got '0'");
        assertUsage(embed("--batch-size", "many"), "embed: --batch-size must be a positive integer, got 'many'");
        assertUsage(embed("--batch-size"), "embed: --batch-size needs a value");
    }

    @Test
    void otherBadValues() {
        assertUsage(embed("--max-failure-rate", "1.5"),
                "embed: --max-failure-rate must be a number in [0, 1], got '1.5'");
        assertUsage(embed("--aggregate", "median"), "embed: --aggregate must be mean or max, got 'median'");
        assertUsage(embed("--resume", "--overwrite"), "embed: --resume and --overwrite exclude each other");
        assertUsage(embed("--pca=yes"), "embed: --pca takes no value");
        assertUsage(embed("stray"), "embed: unexpected argument 'stray'");
    }

    @Test
    void unknownCommandAndNoArguments() {
        CliFixture.Result r = CliFixture.run("embedd");
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("unknown command 'embedd'"), r.err());
        CliFixture.Result none = CliFixture.run();
        assertEquals(2, none.status());
        assertTrue(none.out().startsWith("usage: mammography <command> [options]"), none.out());
        CliFixture.Result help = CliFixture.run("--help");
        assertEquals(0, help.status());
        assertTrue(help.out().contains("embed --csv C --dicom-root D --outdir O"), help.out());
    }

    @Test
    void inspectWithoutFilesAndDemoWithBadSize() {
        assertUsage(CliFixture.run("inspect", "--root", "r"), "inspect: give at least one FILE");
        assertUsage(CliFixture.run("demo", "--outdir", "o", "--size", "10x10"),
                "demo: --size must be ROWSxCOLUMNS, each 32..8192, got '10x10'");
    }
}
