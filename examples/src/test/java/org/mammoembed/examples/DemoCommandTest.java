package org.mammoembed.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mammoembed.io.NpyReader;

/**
 * {@code demo}, the README's first command: synthetic study, embed with the built-in random ResNet50 and every
 * option, then the baselines; no patient identifier of the phantoms reaches the outputs.
 */
class DemoCommandTest {
    @TempDir
    Path tmp;

    @Test
    void writesStudyEmbeddingsAndBaselinesWithoutPatientIdentifiers() throws Exception {
        Path out = tmp.resolve("demo");
        CliFixture.Result r = CliFixture.run("demo", "--outdir", out.toString(), "--exams-per-class", "3", "--size",
                "64x48", "--batch-size", "16");
        assertEquals(0, r.status(), r::all);
        assertTrue(r.out().contains("warning: built-in ResNet50 with RANDOM weights"), r.out());
        assertEquals(1, r.all().split("RANDOM weights", -1).length - 1, "the random-weights warning once\n" + r.all());
        assertArrayEquals(new long[] {48, 2048}, NpyReader.read(out.resolve("embed/features.npy")).shape());
        assertEquals(48, CliFixture.readCsv(out.resolve("embed/joined.csv")).size());
        assertArrayEquals(new long[] {12, 2048},
                NpyReader.read(out.resolve("embed/features_by_accession.npy")).shape());
        var baselines = new ObjectMapper().readTree(out.resolve("baselines/baselines.json").toFile());
        assertEquals(48, baselines.get("settings").get("num_samples").asInt());
        assertTrue(baselines.get("handcrafted").size() > 0, "--dicom-root gives the handcrafted baseline");
        assertTrue(Files.readString(out.resolve("baselines/report.md")).length() > 100);

        List<Path> outputs;
        try (Stream<Path> s = Stream.concat(Files.walk(out.resolve("embed")), Files.walk(out.resolve("baselines")))) {
            outputs = s.filter(Files::isRegularFile).toList();
        }
        for (Path f : outputs) {
            String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
            for (String phi : List.of("Phantom^Patient", "PHI-ID-", "19700101")) {
                assertFalse(text.contains(phi), phi + " in " + f);
            }
        }
    }

    @Test
    void refusesTooFewExamsAndANonEmptyFolder() throws Exception {
        CliFixture.Result few = CliFixture.run("demo", "--outdir", tmp.resolve("few").toString(),
                "--exams-per-class", "2");
        assertEquals(2, few.status());
        assertTrue(few.err().startsWith("demo: --exams-per-class must be at least 3"), few.err());
        assertFalse(Files.exists(tmp.resolve("few")));
        // the study alone needs no cross-validation
        CliFixture.Result data = CliFixture.run("demo", "--outdir", tmp.resolve("data").toString(),
                "--exams-per-class", "1", "--size", "32x40", "--data-only");
        assertEquals(0, data.status(), data::all);
        assertEquals(4, CliFixture.readCsv(tmp.resolve("data/data/classificacao.csv")).size());
        try (Stream<Path> s = Files.walk(tmp.resolve("data/data/archive"))) {
            assertEquals(16, s.filter(p -> p.toString().endsWith(".dcm")).count());
        }
        assertFalse(Files.exists(tmp.resolve("data/embed")));

        Path busy = Files.createDirectories(tmp.resolve("busy"));
        Files.writeString(busy.resolve("x"), "x");
        CliFixture.Result r = CliFixture.run("demo", "--outdir", busy.toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("is not empty; pass --overwrite"), r.err());
    }
}
