package org.mammoembed.examples;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.mammoembed.core.MammoException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.TypeConversionException;

/**
 * The {@code mammography} command-line tool: {@code embed}, {@code analyze}, {@code demo}, {@code inspect},
 * {@code bench}, {@code embeddings-baselines}. Exit status: 0 done (bad images are reported, not fatal), 1 the
 * run could not start or go on, 2 bad command line, 3 inspect refused some files, 4 stopped by the failure
 * budget.
 */
@Command(name = "mammography", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
        synopsisSubcommandLabel = "<command>",
        description = "DICOM mammograms to ResNet50 embeddings, and tools to explore them.",
        footer = {"", "Run 'mammography <command> --help' for a command's options.",
                "Exit status: 0 done (bad images are reported in failures.csv, not fatal), 1 the run could not start "
                        + "or go on, 2 bad command line, 3 inspect refused some files, 4 stopped by the failure "
                        + "budget."})
public final class Mammography implements Callable<Integer> {
    /** Exit status of a command line that cannot be run as given. */
    static final int EXIT_USAGE = 2;
    /** Exit status of a run that could not start or go on. */
    static final int EXIT_FAILED = 1;

    private final PrintStream out;
    @Spec
    CommandSpec spec;

    private Mammography(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        int status = run(args, System.out, System.err);
        System.exit(status);
    }

    /** No command: the usage, and the status of a bad command line. */
    @Override
    public Integer call() {
        out.print(spec.commandLine().getUsageMessage());
        return EXIT_USAGE;
    }

    /** Runs one command; returns the exit status instead of exiting (tests call this). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cli = commandLine(out);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setParameterExceptionHandler((ex, a) -> usageError(ex, err));
        cli.setExecutionExceptionHandler((ex, cl, parsed) -> failure(ex, cl, err));
        return cli.execute(withoutLeadingSeparator(cli, args));
    }

    /** The command tree (also what the help texts are made from). */
    static CommandLine commandLine(PrintStream out) {
        CommandLine cli = new CommandLine(new Mammography(out));
        cli.addSubcommand(new CommandLine.HelpCommand());
        cli.addSubcommand(new EmbedCommand(out));
        cli.addSubcommand(new AnalyzeCommand(out));
        cli.addSubcommand(new DemoCommand(out));
        cli.addSubcommand(new InspectCommand(out));
        cli.addSubcommand(new BenchCommand(out));
        cli.addSubcommand(new BaselinesCommand(out));
        for (CommandLine sub : cli.getSubcommands().values()) {
            // every command answers --help; the version is the tool's (mammography --version)
            if (sub.getCommandSpec().findOption("--help") == null) {
                sub.getCommandSpec().addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                        .description("Show this help message and exit.").build());
            }
            if (sub.getCommandSpec().options().stream().anyMatch(o -> o.arity().max() == 0 && !o.usageHelp())) {
                sub.getCommandSpec().usageMessage().footer("", "Options without a value are switches: off unless "
                        + "given.");
            }
        }
        return cli;
    }

    /**
     * The original tool documents {@code mammography embed -- --csv ...}: a lone {@code --} right after the command,
     * followed by one of that command's options, separated the launcher's arguments from the command's. It is
     * dropped there; anywhere else {@code --} keeps its usual meaning (only positional arguments follow).
     */
    static String[] withoutLeadingSeparator(CommandLine cli, String[] args) {
        if (args.length < 3 || !args[1].equals("--")) {
            return args;
        }
        CommandLine sub = cli.getSubcommands().get(args[0]);
        String next = args[2];
        String name = next.contains("=") ? next.substring(0, next.indexOf('=')) : next;
        if (sub == null || !name.startsWith("-") || sub.getCommandSpec().findOption(name) == null) {
            return args;
        }
        String[] rest = new String[args.length - 1];
        rest[0] = args[0];
        System.arraycopy(args, 2, rest, 1, args.length - 2);
        return rest;
    }

    /** A bad command line: the command, the option and what is wrong, then where the options are described. */
    private static int usageError(ParameterException ex, PrintStream err) {
        CommandLine cl = ex.getCommandLine();
        String command = cl.getCommandName();
        String message = ex.getMessage();
        if (ex.getCause() instanceof TypeConversionException && ex.getArgSpec() instanceof OptionSpec o) {
            message = o.longestName() + " " + ex.getCause().getMessage();
        }
        err.println(command + ": " + message);
        if (ex instanceof CommandLine.UnmatchedArgumentException u) {
            PrintWriter w = new PrintWriter(err, true);
            CommandLine.UnmatchedArgumentException.printSuggestions(u, w);
            w.flush();
        }
        err.println("run '" + helpCommand(cl) + "' for the options");
        return EXIT_USAGE;
    }

    private static String helpCommand(CommandLine cl) {
        return cl.getParent() == null ? "mammography --help" : "mammography " + cl.getCommandName() + " --help";
    }

    /** What a command threw: a usage mistake found late (2), or why the run could not start or go on (1). */
    private static int failure(Exception e, CommandLine cl, PrintStream err) {
        if (e instanceof UsageException) {
            err.println(e.getMessage());
            err.println("run '" + helpCommand(cl) + "' for the options");
            return EXIT_USAGE;
        }
        if (e instanceof MammoException m) {
            err.println("error (" + m.stage().label() + "): " + m.getMessage());
        } else if (e instanceof java.nio.file.NoSuchFileException n) {
            err.println("error: file not found: " + n.getFile());
        } else {
            err.println("error: " + e);
            if (System.getenv("MAMMO_DEBUG") != null) {
                e.printStackTrace(err);
            }
        }
        return EXIT_FAILED;
    }
}
