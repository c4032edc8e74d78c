package org.mammoembed.examples;

import java.io.PrintStream;
import java.util.Arrays;
import org.mammoembed.core.MammoException;

/**
 * The {@code mammography} command-line tool: {@code embed}, {@code demo}, {@code inspect}, {@code bench},
 * {@code embeddings-baselines}. Exit status: 0 done (bad images are reported, not fatal), 1 the run could not
 * go on, 2 bad command line, 3 inspect refused some files, 4 stopped by the failure budget.
 */
public final class Mammography {
    private Mammography() {
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        int status = run(args, System.out, System.err);
        System.exit(status);
    }

    /** Runs one command; returns the exit status instead of exiting (tests call this). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            out.print(usage());
            return args.length == 0 ? 2 : 0;
        }
        String command = args[0];
        try {
            switch (command) {
                case "embed":
                    return new EmbedJob(EmbedOptions.parse(command, args, 1), out).run();
                case "demo":
                    return new DemoCommand(out).run(CliArguments.parse(command, args, 1, DemoCommand.VALUED,
                            DemoCommand.SWITCHES));
                case "inspect":
                    return new InspectCommand().run(CliArguments.parse(command, args, 1, InspectCommand.OPTIONS,
                            java.util.Set.of()), out);
                case "bench":
                    return new BenchCommand(out).run(CliArguments.parse(command, args, 1, BenchCommand.VALUED,
                            java.util.Set.of()));
                case "embeddings-baselines":
                    return new BaselinesCommand(out).run(CliArguments.parse(command, args, 1,
                            BaselinesCommand.VALUED, java.util.Set.of()));
                default:
                    err.println("unknown command '" + command + "'");
                    err.print(usage());
                    return 2;
            }
        } catch (UsageException e) {
            err.println(e.getMessage());
            err.println("run 'mammography --help' for the options");
            return 2;
        } catch (MammoException e) {
            err.println("error (" + e.stage().label() + "): " + e.getMessage());
            return 1;
        } catch (java.nio.file.NoSuchFileException e) {
            err.println("error: file not found: " + e.getFile());
            return 1;
        } catch (Exception e) {
            err.println("error: " + e);
            if (System.getenv("MAMMO_DEBUG") != null) {
                e.printStackTrace(err);
            }
            return 1;
        }
    }

    static String usage() {
        return String.join(System.lineSeparator(), Arrays.asList(
                "usage: mammography <command> [options]",
                "",
                "  embed --csv C --dicom-root D --outdir O [--model M] [--save-csv] [--pca] [--tsne] [--umap]",
                "        [--cluster] [--projection-3d] [--aggregate mean|max] [--batch-size 32] [--seed 42]",
                "        [--device cpu|cuda|cuda:N|auto] [--workers N] [--resume | --overwrite]",
                "        [--max-failures N] [--max-failure-rate 0.20] [--cache DIR] [--include-tags 00100020,...]",
                "        [--report]",
                "      embed every DICOM under D/<AccessionNumber>/ for the rows of C (classificacao.csv)",
                "  demo --outdir O [--exams-per-class 5] [--size 416x336] [--seed 42] [--data-only] [--overwrite]",
                "      write a synthetic study and run embed on it with every option on, then the baselines",
                "  inspect [--root R] [--pixels-out OUT] [--frame 0] FILE...",
                "      print each file's metadata as JSON; write its pixels (after the modality LUT) as .npy",
                "  bench --csv C --dicom-root D [--model M] [--batch-size 32] [--repeat 1]",
                "      time decode, preprocessing and inference; print a table",
                "  embeddings-baselines --features F.npy --csv joined.csv --outdir B [--folds 5] [--seed 42]",
                "      cross-validated baseline classifiers of the density labels on the embeddings",
                ""));
    }
}
