package org.mammoembed.dicom;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mammoembed.core.MammoException;

/**
 * The child JVM of {@link CorpusFuzzTest}: decodes mutants {@code from..to-1} of the listed files and prints
 * one line per mutant ({@code index <TAB> outcome <TAB> detail}); outcome is OK, REFUSED (a MammoException, with
 * its class and message) or ERROR (anything else, with its stack trace). The parent watches the lines: one that
 * does not come is a hang.
 *
 * <p>Arguments: seed, from, to, work folder, then the source files; mutant i mutates file i % n.
 */
public final class FuzzChild {
    private FuzzChild() {
    }

    public static void main(String[] args) throws Exception {
        long seed = Long.parseLong(args[0]);
        int from = Integer.parseInt(args[1]);
        int to = Integer.parseInt(args[2]);
        Path work = Path.of(args[3]);
        List<Path> sources = new ArrayList<>();
        List<Path> plain = new ArrayList<>();
        for (int i = 4; i < args.length; i++) {
            if (args[i].startsWith("plain=")) {
                plain.add(Path.of(args[i].substring(6)));
            } else {
                sources.add(Path.of(args[i]));
            }
        }
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        DicomFileReader reader = DicomFileReader.create();
        for (int k = 0; k < plain.size(); k++) {
            out.println("plain-" + k + "\tSTART\t" + plain.get(k).getFileName());
            out.println("plain-" + k + "\t" + decode(reader, plain.get(k)));
        }
        byte[][] cache = new byte[sources.size()][];
        for (int i = from; i < to; i++) {
            int s = i % sources.size();
            if (cache[s] == null) {
                cache[s] = Files.readAllBytes(sources.get(s));
            }
            Mutator.Mutant m = Mutator.mutate(cache[s], seed, i);
            Path file = work.resolve("mutant-" + i + ".dcm");
            Files.write(file, m.bytes());
            out.println(i + "\tSTART\t" + sources.get(s).getFileName() + ": " + m.kind());
            String line = decode(reader, file);
            Files.delete(file);
            out.println(i + "\t" + line);
        }
        out.println("DONE");
    }

    private static String decode(DicomFileReader reader, Path file) {
        try {
            reader.readMetadata(file);
            reader.read(file, 0);
            return "OK\t";
        } catch (MammoException e) {
            return "REFUSED\t" + e.getClass().getSimpleName() + ": " + e.getMessage().replace('\n', ' ');
        } catch (Throwable t) {
            StringBuilder sb = new StringBuilder(t.toString().replace('\n', ' '));
            for (StackTraceElement el : t.getStackTrace()) {
                sb.append(" | ").append(el);
            }
            return "ERROR\t" + sb;
        }
    }
}
