package org.mammoembed.examples;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** What the commands share about their parsed options. */
final class CliOptions {
    private CliOptions() {
    }

    /**
     * Every option of a parsed command with its effective value (what the user typed, else the default), typed:
     * numbers and booleans stay numbers and booleans, paths and devices become their text, enums their lower-case
     * name, an option left unset is {@code null}. Keys are the option names without "--". For provenance.
     */
    static Map<String, Object> effective(CommandSpec spec) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (spec == null) {
            return m;
        }
        for (OptionSpec o : spec.options()) {
            if (o.usageHelp() || o.versionHelp()) {
                continue;
            }
            m.put(o.longestName().replaceFirst("^-+", ""), plain(o.getValue()));
        }
        return m;
    }

    private static Object plain(Object v) {
        if (v == null || v instanceof Number || v instanceof Boolean || v instanceof String) {
            return v;
        }
        if (v instanceof Enum<?> e) {
            return e.name().toLowerCase(Locale.ROOT);
        }
        if (v instanceof Path p) {
            return p.toString();
        }
        if (v instanceof Collection<?> c) {
            List<Object> list = new ArrayList<>();
            c.forEach(x -> list.add(plain(x)));
            return list;
        }
        return v.toString();
    }
}
