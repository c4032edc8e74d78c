package org.mammoembed.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ONNX Runtime's unpacked libraries: made once, reused, checked, and never trusted when they differ from the jar. */
class OrtNativeCacheTest {
    private static final String PREFIX = "ai/onnxruntime/native/linux-x64/";

    @TempDir
    Path tmp;

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private Path jar(String name, Map<String, byte[]> entries) throws IOException {
        Path jar = tmp.resolve(name);
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        return jar;
    }

    private Path twoLibraries(String name, long seed) throws IOException {
        return jar(name, Map.of(PREFIX + "libonnxruntime.so", random(300_000, seed),
                PREFIX + "libonnxruntime4j_jni.so", random(5_000, seed + 1),
                PREFIX + "nested/ignored.so", random(10, 3), "ai/onnxruntime/native/linux-aarch64/libother.so",
                random(10, 4), "ai/onnxruntime/OrtEnvironment.class", random(10, 5)));
    }

    @Test
    void unpacksThePlatformFolderOnceAndReusesIt() throws IOException {
        Path jar = twoLibraries("a.jar", 1);
        Path root = tmp.resolve("cache");
        Path dir = OrtNativeCache.prepare(jar, PREFIX, root);
        assertNotNull(dir);
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (String lib : List.of("libonnxruntime.so", "libonnxruntime4j_jni.so")) {
                assertArrayEquals(zip.getInputStream(zip.getEntry(PREFIX + lib)).readAllBytes(),
                        Files.readAllBytes(dir.resolve(lib)), lib);
            }
        }
        assertFalse(Files.exists(dir.resolve("nested")), "only the platform folder's own files");
        assertFalse(Files.exists(dir.resolve("libother.so")));
        // a second process finds the folder as it is (a marker of ours survives: nothing was unpacked again)
        Files.writeString(dir.resolve("marker"), "kept");
        assertEquals(dir, OrtNativeCache.prepare(jar, PREFIX, root));
        assertEquals("kept", Files.readString(dir.resolve("marker")));
        try (var s = Files.list(root)) {
            assertEquals(List.of(dir), s.toList(), "no unpacking folder is left behind");
        }
    }

    @Test
    void aDifferentJarGetsAFolderOfItsOwn() throws IOException {
        Path root = tmp.resolve("cache");
        Path a = OrtNativeCache.prepare(twoLibraries("a.jar", 1), PREFIX, root);
        Path b = OrtNativeCache.prepare(twoLibraries("b.jar", 2), PREFIX, root);
        assertNotNull(a);
        assertNotNull(b);
        assertNotEquals(a, b);
    }

    @Test
    void aDamagedCopyIsLeftInPlaceAndANumberedOneUsedInstead() throws IOException {
        Path jar = twoLibraries("a.jar", 1);
        Path root = tmp.resolve("cache");
        Path dir = OrtNativeCache.prepare(jar, PREFIX, root);
        Path lib = dir.resolve("libonnxruntime.so");
        byte[] bytes = Files.readAllBytes(lib);
        bytes[123_456] ^= 1; // same size, one bit off: only the CRC tells
        Files.write(lib, bytes);
        Path second = OrtNativeCache.prepare(jar, PREFIX, root);
        assertEquals(dir.resolveSibling(dir.getFileName() + ".1"), second);
        assertArrayEquals(bytes, Files.readAllBytes(lib), "another process may be loading from it");
        assertEquals(300_000, Files.size(second.resolve("libonnxruntime.so")));
        assertEquals(second, OrtNativeCache.prepare(jar, PREFIX, root), "every later process lands on the same copy");

        // each bad copy moves on to the next name; when all are bad, ORT unpacks for itself
        Path previous = second;
        for (int copy = 2; copy < OrtNativeCache.COPIES; copy++) {
            Files.write(previous.resolve("libonnxruntime.so"), new byte[10]); // a truncated file
            Path next = OrtNativeCache.prepare(jar, PREFIX, root);
            assertEquals(dir.resolveSibling(dir.getFileName() + "." + copy), next);
            previous = next;
        }
        Files.write(previous.resolve("libonnxruntime4j_jni.so"), new byte[5_000]);
        assertNull(OrtNativeCache.prepare(jar, PREFIX, root));
        try (var s = Files.list(root)) {
            assertEquals(OrtNativeCache.COPIES, s.count(), "nothing deleted, no unpacking folder left");
        }
    }

    @Test
    void unpackingFoldersAbandonedForAnHourAreSwept() throws IOException {
        Path root = tmp.resolve("cache");
        Path abandoned = Files.createDirectories(root.resolve("unpacking-123"));
        Files.write(abandoned.resolve("libonnxruntime.so"), new byte[1000]);
        Files.setLastModifiedTime(abandoned, FileTime.from(Instant.now().minus(Duration.ofMinutes(61))));
        Path live = Files.createDirectories(root.resolve("unpacking-456"));
        Files.setLastModifiedTime(live, FileTime.from(Instant.now().minus(Duration.ofMinutes(59))));
        Path otherVersion = Files.createDirectories(root.resolve("onnxruntime-0123456789abcdef"));
        Files.setLastModifiedTime(otherVersion, FileTime.from(Instant.now().minus(Duration.ofDays(29))));

        assertNotNull(OrtNativeCache.prepare(twoLibraries("a.jar", 1), PREFIX, root));
        assertFalse(Files.exists(abandoned));
        assertTrue(Files.isDirectory(live), "a process may still be filling it");
        assertTrue(Files.isDirectory(otherVersion), "another version's copy may be in use");
    }

    @Test
    void copiesUnusedForThirtyDaysAreSweptOnceADayWhenACopyIsUsed() throws IOException {
        Path jar = twoLibraries("a.jar", 1);
        Path root = tmp.resolve("cache");
        Path dir = OrtNativeCache.prepare(jar, PREFIX, root);
        Path marker = dir.resolve(".complete");
        Files.setLastModifiedTime(marker, daysAgo(2));
        Path upgradedFrom = copy(root, "onnxruntime-00000000000000aa", 31, true);
        Path damaged = copy(root, "onnxruntime-00000000000000bb.1", 31, false); // no marker: dated by the folder
        Path recent = copy(root, "onnxruntime-00000000000000cc", 29, true);
        Path unpacking = copy(root, "unpacking-789", 31, false);
        Path target = copy(tmp, "elsewhere", 31, true);
        Path link = Files.createSymbolicLink(root.resolve("onnxruntime-link"), target);

        assertEquals(dir, OrtNativeCache.prepare(jar, PREFIX, root));
        assertTrue(Files.getLastModifiedTime(marker).toInstant().isAfter(Instant.now().minus(Duration.ofMinutes(5))),
                "the copy in use is renewed");
        assertFalse(Files.exists(upgradedFrom));
        assertFalse(Files.exists(damaged));
        assertTrue(Files.isDirectory(recent), "used 29 days ago: kept");
        assertTrue(Files.isDirectory(unpacking), "unpacking folders have their own, younger and older, rule");
        assertTrue(Files.isSymbolicLink(link) && Files.isDirectory(target), "a link is neither followed nor deleted");

        // renewed today: the next processes neither write the marker nor sweep
        Path staleAgain = copy(root, "onnxruntime-00000000000000dd", 40, true);
        assertEquals(dir, OrtNativeCache.prepare(jar, PREFIX, root));
        assertTrue(Files.isDirectory(staleAgain), "swept at most once a day");
    }

    private static FileTime daysAgo(int days) {
        return FileTime.from(Instant.now().minus(Duration.ofDays(days)));
    }

    /** A folder holding a library, last marked (or, without a marker, changed) {@code days} ago. */
    private static Path copy(Path root, String name, int days, boolean marked) throws IOException {
        Path dir = Files.createDirectories(root.resolve(name));
        Files.write(dir.resolve("libonnxruntime.so"), new byte[100]);
        if (marked) {
            Files.setLastModifiedTime(Files.createFile(dir.resolve(".complete")), daysAgo(days));
        }
        Files.setLastModifiedTime(dir, daysAgo(days));
        return dir;
    }

    @Test
    void aFolderOthersCouldWriteOrALinkIsNotTrusted() throws IOException {
        Path jar = twoLibraries("a.jar", 1);
        Path root = tmp.resolve("cache");
        Path dir = OrtNativeCache.prepare(jar, PREFIX, root);
        assertEquals(PosixFilePermissions.fromString("rwx------"), Files.getPosixFilePermissions(dir),
                "made private");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path instead = OrtNativeCache.prepare(jar, PREFIX, root);
        assertNotEquals(dir, instead, "anyone could have swapped its libraries");
        assertEquals(PosixFilePermissions.fromString("rwx------"), Files.getPosixFilePermissions(instead));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        assertEquals(dir, OrtNativeCache.prepare(jar, PREFIX, root));

        // the same folder reached through a link, as a planted one would be
        Path other = tmp.resolve("elsewhere");
        Files.move(dir, other);
        Files.createSymbolicLink(dir, other);
        assertEquals(instead, OrtNativeCache.prepare(jar, PREFIX, root));
        assertTrue(Files.isSymbolicLink(dir), "left as it is");
    }

    @Test
    void anEmptiedFolderIsFilledAgain() throws IOException {
        Path jar = twoLibraries("a.jar", 1);
        Path root = tmp.resolve("cache");
        Path dir = OrtNativeCache.prepare(jar, PREFIX, root);
        // (a killed process leaves only its own unpacking folder: the named one appears whole, by one rename)
        try (var s = Files.list(dir)) {
            for (Path p : s.toList()) {
                Files.delete(p);
            }
        }
        assertEquals(dir, OrtNativeCache.prepare(jar, PREFIX, root));
        assertEquals(300_000, Files.size(dir.resolve("libonnxruntime.so")));
    }

    @Test
    void aJarWithoutThePlatformFolderIsLeftToOrt() throws IOException {
        Path jar = jar("none.jar", Map.of("ai/onnxruntime/OrtEnvironment.class", random(10, 5)));
        assertNull(OrtNativeCache.prepare(jar, PREFIX, tmp.resolve("cache")));
    }

    @Test
    void processesRacingToMakeTheFolderAllGetOneGoodCopy() throws Exception {
        Path jar = twoLibraries("a.jar", 7);
        Path root = tmp.resolve("cache");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Path>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Callable<Path> task = () -> OrtNativeCache.prepare(jar, PREFIX, root);
                results.add(pool.submit(task));
            }
            Path first = results.get(0).get();
            assertNotNull(first);
            for (Future<Path> f : results) {
                assertEquals(first, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        try (var s = Files.list(root)) {
            assertEquals(1, s.count());
        }
    }

    @Test
    void theRealOnnxRuntimeJarUnpacksItsLibraries() throws Exception {
        Path jar = Path.of(ai.onnxruntime.OrtEnvironment.class.getProtectionDomain().getCodeSource().getLocation()
                .toURI());
        String prefix = "ai/onnxruntime/native/" + OrtNativeCache.osArch() + "/";
        Path dir = OrtNativeCache.prepare(jar, prefix, tmp.resolve("cache"));
        assertNotNull(dir, "ORT's jar has a folder for " + OrtNativeCache.osArch());
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (String lib : List.of("onnxruntime", "onnxruntime4j_jni")) {
                String name = System.mapLibraryName(lib);
                assertEquals(zip.getEntry(prefix + name).getSize(), Files.size(dir.resolve(name)), name);
            }
        }
    }

    @Test
    void offAndAnExplicitOrtFolderLeaveOrtAlone() {
        String cache = System.getProperty(OrtNativeCache.PROPERTY);
        String ort = System.getProperty(OrtNativeCache.ORT_PROPERTY);
        try {
            System.clearProperty(OrtNativeCache.ORT_PROPERTY);
            System.setProperty(OrtNativeCache.PROPERTY, "off");
            OrtNativeCache.apply();
            assertNull(System.getProperty(OrtNativeCache.ORT_PROPERTY));

            System.setProperty(OrtNativeCache.PROPERTY, tmp.resolve("cache").toString());
            System.setProperty(OrtNativeCache.ORT_PROPERTY, "/somewhere/chosen");
            OrtNativeCache.apply();
            assertEquals("/somewhere/chosen", System.getProperty(OrtNativeCache.ORT_PROPERTY));
            assertFalse(Files.exists(tmp.resolve("cache")));
        } finally {
            restore(OrtNativeCache.PROPERTY, cache);
            restore(OrtNativeCache.ORT_PROPERTY, ort);
        }
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
