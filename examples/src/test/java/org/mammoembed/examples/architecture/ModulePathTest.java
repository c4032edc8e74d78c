package org.mammoembed.examples.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The library modules that have a {@code module-info} (core, dicom, io, reduce) resolve on the module path with
 * their real dependencies, and {@code ImageReaders} finds mammo-dicom's readers there through
 * {@code uses}/{@code provides}. mammo-embed has none: nd4j-api 1.0.0-M2.1's descriptor names a package its jar
 * lacks, so the JVM refuses it on the module path (see the README's Architecture).
 */
class ModulePathTest {
    /** The jars the four modules need at resolution, by file-name prefix; everything else stays out. */
    private static final List<String> DEPENDENCIES = List.of("slf4j-api", "imageio-", "common-", "jai-imageio-",
            "jackson-", "jfreechart", "smile-");
    private static final Set<String> LIBRARY = Set.of("org.mammoembed.core", "org.mammoembed.dicom",
            "org.mammoembed.io", "org.mammoembed.reduce");

    private static Path[] modulePath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator)).map(Path::of)
                .filter(p -> {
                    String s = p.toString().replace('\\', '/');
                    String name = p.getFileName().toString();
                    boolean ours = s.matches(".*/mammo-(core|dicom|io|reduce)/target/classes/?")
                            || name.matches("mammo-(core|dicom|io|reduce)-[^-]+(-SNAPSHOT)?\\.jar");
                    return ours || name.endsWith(".jar") && DEPENDENCIES.stream().anyMatch(name::startsWith)
                            && !name.contains("-tests");
                })
                .toArray(Path[]::new);
    }

    @Test
    void theFourModulesResolveAndFindTheReadersThroughServiceLoader() throws Exception {
        ModuleFinder finder = ModuleFinder.of(modulePath());
        Set<String> found = finder.findAll().stream().map(r -> r.descriptor().name()).collect(Collectors.toSet());
        assertTrue(found.containsAll(LIBRARY), "module path holds " + found);
        for (String m : LIBRARY) {
            ModuleReference ref = finder.find(m).orElseThrow();
            assertTrue(!ref.descriptor().isAutomatic(), m + " has its own module-info");
        }
        Configuration cf = ModuleLayer.boot().configuration().resolveAndBind(finder, ModuleFinder.of(), LIBRARY);
        ModuleLayer layer = ModuleLayer.boot().defineModulesWithOneLoader(cf, ClassLoader.getPlatformClassLoader());
        Class<?> readers = layer.findLoader("org.mammoembed.core").loadClass("org.mammoembed.core.ImageReaders");
        assertEquals("org.mammoembed.core", readers.getModule().getName(), "loaded from the module, not the class path");
        assertEquals(List.of("auto", "dicom", "png", "tiff"), readers.getMethod("available").invoke(null));
        Object png = readers.getMethod("named", String.class).invoke(null, "png");
        assertEquals("org.mammoembed.dicom", png.getClass().getModule().getName());
        assertTrue(!layer.findModule("org.mammoembed.core").orElseThrow()
                .isExported("org.mammoembed.core.internal"), "core.internal is not exported to everyone");
    }
}
