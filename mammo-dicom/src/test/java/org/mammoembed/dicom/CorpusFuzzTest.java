package org.mammoembed.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deterministic mutation fuzzing over the shared corpus (opt-in: {@code -Dmammo.corpus}). Mutants of every
 * corpus file up to 400 KB (see {@link Mutator}), plus the hostile-size files of {@link HostileFiles}, are decoded
 * in a child JVM at -Xmx256m; every one must end as pixels or a {@code MammoException} naming the problem, with
 * no hang (no answer within {@value #HANG_SECONDS} s), no {@code Error} or other exception, and nothing printed
 * to stderr. {@code -Dmammo.fuzz.count} (default 2,000) and {@code -Dmammo.fuzz.seed} (default 11) choose the run;
 * the figures are written to {@code target/fuzz-summary.txt}.
 */
class CorpusFuzzTest {
    private static final int HANG_SECONDS = 20;
    private static final long MAX_SOURCE_BYTES = 400_000;

    @TempDir
    Path work;

    private record Outcome(int ok, int refused, List<String> errors, List<String> hangs, List<String> stderr) {
    }

    @Test
    void mutantsEndAsPixelsOrANamedRefusalWithoutHangsOrErrors() throws Exception {
        Path corpus = CorpusManifest.folder();
        int count = Integer.getInteger("mammo.fuzz.count", 2000);
        long seed = Long.getLong("mammo.fuzz.seed", 11);
        List<String> files = new ArrayList<>();
        for (JsonNode e : CorpusManifest.entries(corpus)) {
            if (e.get("file_bytes").asLong() <= MAX_SOURCE_BYTES) {
                files.add(corpus.resolve(e.get("path").asText()).toString());
            }
        }
        Path hostile = Files.createDirectories(work.resolve("hostile"));
        for (Path p : HostileFiles.writeAll(hostile)) {
            files.add("plain=" + p);
        }
        long t0 = System.nanoTime();
        Outcome o = run(seed, count, files);
        double seconds = (System.nanoTime() - t0) / 1e9;
        String summary = String.format(Locale.ROOT, "seed %d: %d mutants of %d corpus files + 4 hostile files at"
                + " -Xmx256m in %.1f s: %d decoded, %d refused with a MammoException, %d hangs, %d errors, %d stderr"
                + " lines%n", seed, count, files.size() - 4, seconds, o.ok(), o.refused(), o.hangs().size(),
                o.errors().size(), o.stderr().size());
        Files.writeString(Path.of("target", "fuzz-summary.txt"), summary + String.join("\n", o.hangs())
                + String.join("\n", o.errors()));
        System.out.print(summary);
        assertEquals(List.of(), o.hangs(), summary);
        assertEquals(List.of(), o.errors(), summary);
        assertEquals(List.of(), o.stderr(), summary);
        assertEquals(count + 4, o.ok() + o.refused(), summary);
    }

    /** Runs the child from mutant 0 to count, restarting it after a hang at the mutant after the one that hung. */
    private Outcome run(long seed, int count, List<String> files) throws Exception {
        int ok = 0;
        int refused = 0;
        List<String> errors = new ArrayList<>();
        List<String> hangs = new ArrayList<>();
        List<String> stderr = new ArrayList<>();
        int from = 0;
        boolean plain = true;
        while (from < count || plain) {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-Xmx256m", "-XX:+UseSerialGC", "-Dorg.slf4j.simpleLogger.defaultLogLevel=off",
                    "-cp", System.getProperty("java.class.path"), FuzzChild.class.getName(), Long.toString(seed),
                    Integer.toString(from), Integer.toString(count), work.toString()));
            for (String f : files) {
                if (plain || !f.startsWith("plain=")) {
                    cmd.add(f);
                }
            }
            plain = false;
            Path err = work.resolve("stderr.txt");
            Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Thread pump = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String l = r.readLine(); l != null; l = r.readLine()) {
                        lines.add(l);
                    }
                } catch (IOException ignored) {
                    // the child was killed
                }
                lines.add("EOF");
            });
            pump.setDaemon(true);
            pump.start();
            String started = null;
            int next = count;
            while (true) {
                String l = lines.poll(HANG_SECONDS, TimeUnit.SECONDS);
                if (l == null) {
                    hangs.add("HANG " + started);
                    p.destroyForcibly().waitFor();
                    next = Integer.parseInt(started.substring(0, started.indexOf('\t'))) + 1;
                    break;
                }
                if (l.equals("DONE") || l.equals("EOF")) {
                    if (l.equals("EOF") && started != null) {
                        errors.add("child died at " + started);
                        next = started.startsWith("plain") ? from : Integer.parseInt(
                                started.substring(0, started.indexOf('\t'))) + 1;
                    }
                    break;
                }
                String[] parts = l.split("\t", 3);
                if (parts[1].equals("START")) {
                    started = l;
                    continue;
                }
                started = null;
                if (parts[1].equals("OK")) {
                    ok++;
                } else if (parts[1].equals("REFUSED") && parts.length == 3 && parts[2].length() > 20) {
                    refused++;
                } else {
                    errors.add(l);
                }
            }
            p.waitFor(30, TimeUnit.SECONDS);
            for (String l : Files.readAllLines(err, StandardCharsets.UTF_8)) {
                if (!l.isBlank()) {
                    stderr.add(l);
                }
            }
            from = next;
        }
        return new Outcome(ok, refused, errors, hangs, stderr);
    }
}
