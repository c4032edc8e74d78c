package org.mammoembed.examples;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parsed command line of one subcommand: {@code --name value} options, {@code --flag} switches and
 * positional arguments. Unknown options and missing values are errors naming the option.
 */
final class CliArguments {
    private final String command;
    private final Map<String, String> values;
    private final Set<String> flags;
    private final List<String> positional;

    private CliArguments(String command, Map<String, String> values, Set<String> flags, List<String> positional) {
        this.command = command;
        this.values = values;
        this.flags = flags;
        this.positional = positional;
    }

    /**
     * @param valued  options that take a value (without "--")
     * @param switches options that take none
     */
    static CliArguments parse(String command, String[] args, int from, Set<String> valued, Set<String> switches)
            throws UsageException {
        Map<String, String> values = new LinkedHashMap<>();
        Set<String> flags = new LinkedHashSet<>();
        List<String> positional = new ArrayList<>();
        for (int i = from; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--") || a.length() == 2) {
                positional.add(a);
                continue;
            }
            String name = a.substring(2);
            String inline = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                inline = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (switches.contains(name)) {
                if (inline != null) {
                    throw new UsageException(command + ": --" + name + " takes no value");
                }
                flags.add(name);
            } else if (valued.contains(name)) {
                String v = inline;
                if (v == null) {
                    if (i + 1 >= args.length) {
                        throw new UsageException(command + ": --" + name + " needs a value");
                    }
                    v = args[++i];
                }
                values.put(name, v);
            } else {
                throw new UsageException(command + ": unknown option --" + name);
            }
        }
        return new CliArguments(command, values, flags, positional);
    }

    boolean flag(String name) {
        return flags.contains(name);
    }

    String string(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    String required(String name) throws UsageException {
        String v = values.get(name);
        if (v == null || v.isBlank()) {
            throw new UsageException(command + ": --" + name + " is required");
        }
        return v;
    }

    Path path(String name) throws UsageException {
        return Path.of(required(name));
    }

    Path optionalPath(String name) {
        String v = values.get(name);
        return v == null ? null : Path.of(v);
    }

    int positiveInt(String name, int fallback) throws UsageException {
        return number(name, fallback, Integer::parseInt, n -> n > 0, "a positive integer");
    }

    long longValue(String name, long fallback) throws UsageException {
        return number(name, fallback, Long::parseLong, n -> true, "an integer");
    }

    double fraction(String name, double fallback) throws UsageException {
        return number(name, fallback, Double::parseDouble, d -> d >= 0 && d <= 1, "a number in [0, 1]");
    }

    /** The option's value parsed and checked, or {@code fallback} when absent; the error names option and value. */
    private <T> T number(String name, T fallback, java.util.function.Function<String, T> parse,
                         java.util.function.Predicate<T> valid, String what) throws UsageException {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            T n = parse.apply(v.trim());
            if (valid.test(n)) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below, as an out-of-range value is
        }
        throw new UsageException(command + ": --" + name + " must be " + what + ", got '" + v + "'");
    }

    List<String> positional() {
        return Collections.unmodifiableList(positional);
    }

    /** Every option as given, for provenance. */
    Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>(values);
        for (String f : flags) {
            m.put(f, true);
        }
        if (!positional.isEmpty()) {
            m.put("files", positional);
        }
        return m;
    }
}
