package org.mammoembed.examples;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The output names of {@code inspect}: a file's path relative to {@code --root}; a file outside the root (or any
 * file when there is none) is named by its path relative to the deepest folder that holds all such files. Two
 * different files never get the same name (a name already taken gets a {@code ~2}, {@code ~3}... suffix), so no
 * result overwrites another.
 */
final class OutputNames {
    private final Path root;
    private final Path common;
    private final Map<Path, String> given = new HashMap<>();
    private final Set<String> taken = new HashSet<>();

    private OutputNames(Path root, Path common) {
        this.root = root;
        this.common = common;
    }

    /** Names for {@code files} given the optional {@code root}. */
    static OutputNames of(Path root, List<Path> files) {
        Path r = root == null ? null : normal(root);
        List<Path> outside = new ArrayList<>();
        for (Path f : files) {
            Path abs = normal(f);
            if (r == null || !abs.startsWith(r) || abs.equals(r)) {
                outside.add(abs);
            }
        }
        return new OutputNames(r, deepestCommonFolder(outside));
    }

    /** The name of {@code file}, with "/" separators; the same file always gets the same name. */
    String of(Path file) {
        Path abs = normal(file);
        String known = given.get(abs);
        if (known != null) {
            return known;
        }
        Path base = root != null && abs.startsWith(root) && !abs.equals(root) ? root : common;
        Path rel = base == null || base.equals(abs) ? abs.getFileName() : base.relativize(abs);
        String name = rel.toString().replace('\\', '/');
        String unique = name;
        for (int n = 2; !taken.add(unique); n++) {
            unique = name + "~" + n;
        }
        given.put(abs, unique);
        return unique;
    }

    private static Path deepestCommonFolder(List<Path> files) {
        Path common = null;
        for (Path f : files) {
            Path parent = f.getParent();
            if (parent == null) {
                continue;
            }
            if (common == null) {
                common = parent;
            } else {
                while (!parent.startsWith(common)) {
                    common = common.getParent();
                    if (common == null) {
                        return null;
                    }
                }
            }
        }
        return common;
    }

    private static Path normal(Path p) {
        return p.toAbsolutePath().normalize();
    }
}
