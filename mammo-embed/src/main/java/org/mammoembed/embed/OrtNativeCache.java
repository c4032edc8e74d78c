package org.mammoembed.embed;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps ONNX Runtime's native libraries unpacked between processes. Left alone, ORT unpacks {@code libonnxruntime.so}
 * (22 MB) from its jar into a new temporary folder at every start and deletes it at exit: about 0.2 s of each
 * process's start-up on this project's machine (measured: ORT's environment took 0.22 to 0.30 s, 0.09 s loading
 * from an unpacked folder). Here the jar's native folder is unpacked once into a cache folder named by a digest of
 * its entries (names, sizes, CRCs, so a CPU and a GPU jar, or two ORT versions, never share one), and ORT is
 * pointed at it through its own {@code onnxruntime.native.path} property. Every later use checks that the folder is
 * this user's alone (owned, not writable by others, not a link) and each file's size and CRC against the jar before
 * trusting it. A copy that fails those checks is left in place and a numbered one made beside it (see
 * {@link #prepare}); unpacking folders abandoned by killed processes are deleted after an hour, and copies that no
 * process has used for {@link #UNUSED} (an ORT version since upgraded, a damaged copy) after that time: a GPU jar's
 * libraries take hundreds of megabytes.
 *
 * <p>Options (system properties): {@code mammo.nativeCache} names the cache folder (default
 * {@code $XDG_CACHE_HOME/mammo-embed}, else {@code ~/.cache/mammo-embed}), or {@code off} to let ORT unpack as it
 * always does. Nothing happens when {@code onnxruntime.native.path} is already set. Any problem (no jar, a
 * read-only home, a mismatching file) leaves ORT's own behaviour in place and is logged at DEBUG: the cache can
 * only save time, never stop a run.
 */
final class OrtNativeCache {
    private static final Logger LOG = LoggerFactory.getLogger(OrtNativeCache.class);
    static final String PROPERTY = "mammo.nativeCache";
    static final String ORT_PROPERTY = "onnxruntime.native.path";
    private static final String COMPLETE = ".complete";
    private static final String UNPACKING = "unpacking-";
    /** Numbered copies tried per jar before leaving ORT to unpack for itself. */
    static final int COPIES = 4;
    static final Duration ABANDONED = Duration.ofHours(1);
    /** A copy whose {@code .complete} marker is older than this is deleted; each use renews it once a day. */
    static final Duration UNUSED = Duration.ofDays(30);
    private static final Duration RENEWAL = Duration.ofDays(1);

    private OrtNativeCache() {
    }

    /** Points ORT at the cached libraries when it can; call before ORT's first use in this process. */
    static void apply() {
        String setting = System.getProperty(PROPERTY);
        if (System.getProperty(ORT_PROPERTY) != null || "off".equalsIgnoreCase(setting)) {
            return;
        }
        try {
            Path jar = Path.of(ai.onnxruntime.OrtEnvironment.class.getProtectionDomain().getCodeSource().getLocation()
                    .toURI());
            Path root = setting != null && !setting.isBlank() ? Path.of(setting) : defaultRoot();
            if (root == null || !Files.isRegularFile(jar)) {
                return;
            }
            Path dir = prepare(jar, "ai/onnxruntime/native/" + osArch() + "/", root);
            if (dir != null) {
                System.setProperty(ORT_PROPERTY, dir.toString());
                LOG.debug("ONNX Runtime loads its native libraries from {}", dir);
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            LOG.debug("ONNX Runtime's native libraries are not cached ({}); ORT unpacks them itself", e.toString());
        }
    }

    /**
     * The folder under {@code root} holding the files of {@code jar}'s {@code prefix} folder, unpacked now if no
     * earlier process did; null when the jar has no such files or no copy can be made usable.
     *
     * <p>A copy is only ever created whole, by renaming a complete unpacking folder into place, and never renamed or
     * changed afterwards, nor deleted before it has gone unused for {@link #UNUSED}: another process may be loading
     * from it. One found damaged (a file that differs from the jar) or not private is therefore left where it is,
     * and the next of {@value #COPIES} numbered names ({@code onnxruntime-KEY}, {@code onnxruntime-KEY.1}, ...) is
     * used instead, so that every process still lands on the same first usable copy.
     */
    static Path prepare(Path jar, String prefix, Path root) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            List<ZipEntry> files = new ArrayList<>();
            zip.stream().filter(e -> !e.isDirectory() && e.getName().startsWith(prefix)
                            && e.getName().indexOf('/', prefix.length()) < 0)
                    .sorted(Comparator.comparing(ZipEntry::getName)).forEach(files::add);
            if (files.isEmpty()) {
                return null;
            }
            String name = "onnxruntime-" + key(files);
            for (int copy = 0; copy < COPIES; copy++) {
                Path dir = root.resolve(copy == 0 ? name : name + "." + copy);
                if (usable(dir, files, prefix)) {
                    return inUse(dir, root);
                }
                if (isMissingOrEmpty(dir)) {
                    unpackInto(dir, zip, files, prefix, root);
                    if (usable(dir, files, prefix)) {
                        return inUse(dir, root);
                    }
                }
                LOG.info("the cached ONNX Runtime libraries in {} differ from its jar or are not private to this "
                        + "user: not used, and left in place (delete that folder to reclaim its space)", dir);
            }
            return null;
        }
    }

    /**
     * Unpacks into a new folder and renames it to {@code dir} in one step; losing that race to another process is
     * fine (the caller checks what is there). Unpacking folders that a killed process left behind are swept here.
     */
    private static void unpackInto(Path dir, ZipFile zip, List<ZipEntry> files, String prefix, Path root)
            throws IOException {
        Files.createDirectories(root);
        sweepAbandonedUnpacking(root);
        Path tmp = Files.createTempDirectory(root, UNPACKING);
        try {
            for (ZipEntry e : files) {
                try (InputStream in = zip.getInputStream(e)) {
                    Files.copy(in, tmp.resolve(e.getName().substring(prefix.length())));
                }
            }
            Files.createFile(tmp.resolve(COMPLETE));
            try {
                // replaces an empty folder only: a rename never lands on one that holds files
                Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileSystemException e) {
                // another process finished first (Linux says "Directory not empty" without the specific exception)
            }
        } finally {
            if (Files.exists(tmp)) {
                deleteTree(tmp);
            }
        }
    }

    /**
     * Deletes unpacking folders untouched for {@link #ABANDONED}: a live process fills and renames its own in
     * about a second, so an older one belongs to a process killed midway (22 MB each).
     */
    static void sweepAbandonedUnpacking(Path root) {
        deleteOlderThan(root, UNPACKING + "*", ABANDONED, null, "left behind by a process killed while unpacking");
    }

    /**
     * Renews {@code dir}'s marker when it is a day old, and then (so at most about once a day) sweeps the copies
     * unused for {@link #UNUSED}. A process renews the marker before it loads from a copy, so no copy is deleted
     * between a process choosing it and loading it; one deleted under a process that loaded it long ago stays
     * mapped (POSIX), and where the system refuses (a loaded DLL) it is left for a later sweep.
     */
    private static Path inUse(Path dir, Path root) {
        try {
            Path marker = dir.resolve(COMPLETE);
            Instant now = Instant.now();
            if (Files.getLastModifiedTime(marker, LinkOption.NOFOLLOW_LINKS).toInstant()
                    .isBefore(now.minus(RENEWAL))) {
                Files.setLastModifiedTime(marker, FileTime.from(now));
                sweepUnused(root, dir);
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("the use of {} not recorded: {}", dir, e.toString());
        }
        return dir;
    }

    /** Deletes the {@code onnxruntime-*} copies but {@code keep} whose marker (or, without one, folder) is stale. */
    static void sweepUnused(Path root, Path keep) {
        deleteOlderThan(root, "onnxruntime-*", UNUSED, keep, "unused for " + UNUSED.toDays() + " days");
    }

    /**
     * Deletes the folders of {@code root} named by {@code glob}, but {@code keep} (null: none), last touched more
     * than {@code age} ago: a folder is dated by its {@value #COMPLETE} marker where it has one (a finished copy,
     * whose marker each use renews), else by itself (an unpacking folder). One that cannot be deleted is left for a
     * later sweep and the others are tried.
     */
    private static void deleteOlderThan(Path root, String glob, Duration age, Path keep, String why) {
        FileTime cutoff = FileTime.from(Instant.now().minus(age));
        try (DirectoryStream<Path> s = Files.newDirectoryStream(root, glob)) {
            for (Path p : s) {
                if (p.equals(keep) || !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                Path marker = p.resolve(COMPLETE);
                Path dated = Files.exists(marker, LinkOption.NOFOLLOW_LINKS) ? marker : p;
                if (Files.getLastModifiedTime(dated, LinkOption.NOFOLLOW_LINKS).compareTo(cutoff) < 0) {
                    try {
                        deleteTree(p);
                        LOG.debug("deleted {}, {}", p, why);
                    } catch (IOException e) {
                        LOG.debug("{} not deleted: {}", p, e.toString());
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("{} in {} not swept: {}", glob, root, e.toString());
        }
    }

    private static boolean isMissingOrEmpty(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return true;
        }
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            return !s.iterator().hasNext();
        }
    }

    /**
     * Whether {@code dir} is complete, private to this user (a folder, not a link, that no one else owns or may
     * write: native code loaded from it runs in this process) and holds each jar entry with its size and CRC.
     */
    private static boolean usable(Path dir, List<ZipEntry> files, String prefix) throws IOException {
        if (!Files.exists(dir.resolve(COMPLETE), LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        if (Files.getFileAttributeView(dir, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS) != null) {
            PosixFileAttributes a = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            UserPrincipal me = dir.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName(System.getProperty("user.name"));
            if (!a.isDirectory() || !a.owner().equals(me) || a.permissions().contains(PosixFilePermission.GROUP_WRITE)
                    || a.permissions().contains(PosixFilePermission.OTHERS_WRITE)) {
                LOG.debug("{} is not a private folder of this user: not used", dir);
                return false;
            }
        }
        return matches(dir, files, prefix);
    }

    /** Whether each file in {@code dir} has its jar entry's size and CRC. */
    private static boolean matches(Path dir, List<ZipEntry> files, String prefix) throws IOException {
        byte[] buf = new byte[1 << 16];
        for (ZipEntry e : files) {
            Path f = dir.resolve(e.getName().substring(prefix.length()));
            if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS) || Files.size(f) != e.getSize()) {
                return false;
            }
            CRC32 crc = new CRC32();
            try (InputStream in = Files.newInputStream(f)) {
                for (int n; (n = in.read(buf)) > 0; ) {
                    crc.update(buf, 0, n);
                }
            }
            if (crc.getValue() != e.getCrc()) {
                return false;
            }
        }
        return true;
    }

    private static String key(List<ZipEntry> files) {
        MessageDigest md = ModelSource.sha256Digest();
        for (ZipEntry e : files) {
            md.update((e.getName() + '\0' + e.getSize() + '\0' + e.getCrc() + '\n').getBytes(
                    java.nio.charset.StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(md.digest()).substring(0, 16);
    }

    private static Path defaultRoot() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "mammo-embed");
        }
        String home = System.getProperty("user.home");
        return home == null || home.isBlank() || "?".equals(home) ? null : Path.of(home, ".cache", "mammo-embed");
    }

    /** ORT's name for this platform's folder in its jar. */
    static String osArch() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String o = os.contains("mac") || os.contains("darwin") ? "osx" : os.contains("win") ? "win" : "linux";
        String a = arch.equals("amd64") || arch.equals("x86_64") ? "x64" : arch;
        return o + "-" + a;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
