package org.mammoembed.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mammoembed.io.HostCpu;

/**
 * {@code bench}: what it ran on (model, extractor, host), one table row per pass with consistent columns, and the
 * start-up split. Figures are not judged here (they belong in benchmarks), only how the table is made.
 */
class BenchCommandTest {
    @TempDir
    Path tmp;

    @Test
    void printsTheHostAndOneConsistentRowPerPass() throws Exception {
        Path csv = CliFixture.study(tmp.resolve("study"), 1);
        Path model = CliFixture.tinyModel(tmp, CliFixture.MODEL_SEED);
        CliFixture.Result r = CliFixture.run("bench", "--csv", csv.toString(), "--dicom-root",
                tmp.resolve("study/archive").toString(), "--model", model.toString(), "--batch-size", "4",
                "--workers", "1", "--repeat", "2");
        assertEquals(0, r.status(), r.all());
        List<String> lines = r.out().lines().toList();
        assertEquals("model: " + model, lines.get(0));
        assertTrue(lines.get(1).startsWith("extractor: ") && lines.get(1).contains("batchSize=4, ")
                && lines.get(1).contains("workers=1, "), lines.get(1));
        assertEquals("host: " + HostCpu.describe() + ", Java " + System.getProperty("java.version"), lines.get(2));
        assertTrue(lines.get(3).startsWith("run ") && lines.get(3).endsWith("cpu ratio  peak RSS MB"), lines.get(3));
        assertTrue(lines.get(4).startsWith("startup: process start -> first batch in ONNX Runtime "), lines.get(4));
        for (int pass = 1; pass <= 2; pass++) {
            double[] v = Arrays.stream(lines.get(4 + pass).trim().split("\\s+")).mapToDouble(Double::parseDouble)
                    .toArray();
            assertEquals(12, v.length, lines.get(4 + pass));
            assertEquals(pass, v[0]);
            assertEquals(16, v[1], "every image of the 4 exams embedded");
            // images/s is images over wall seconds (printed to two decimals, so within half a hundredth)
            assertTrue(v[3] >= 16 / (v[2] + 0.005) - 0.01 && v[3] <= 16 / Math.max(v[2] - 0.005, 1e-9) + 0.01,
                    lines.get(4 + pass));
            // the ratio is (decode + preprocess) / infer of the CPU columns as printed (a tenth of a ms each). The tiny
            // network's CPU per image is a few ms, from the process's CPU clock: where it rounds to nothing (or below)
            // there is no ratio to print
            if (v[9] >= 0.5) {
                assertEquals((v[7] + v[8]) / v[9], v[10], 0.002 + 0.1 * (v[7] + v[8] + 0.1) / v[9], lines.get(4 + pass));
            } else if (v[9] <= 0) {
                assertTrue(Double.isNaN(v[10]), lines.get(4 + pass));
            }
        }
        assertTrue(lines.get(7).startsWith("cpu columns: "), lines.get(7));
    }
}
