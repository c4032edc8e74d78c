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
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n <= 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(command + ": --" + name + " must be a positive integer, got '" + v + "'");
        }
    }

    long longValue(String name, long fallback) throws UsageException {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(command + ": --" + name + " must be an integer, got '" + v + "'");
        }
    }

    double fraction(String name, double fallback) throws UsageException {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            double d = Double.parseDouble(v.trim());
            if (!(d >= 0 && d <= 1)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new UsageException(command + ": --" + name + " must be a number in [0, 1], got '" + v + "'");
        }
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
