package org.mammoembed.core;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.mammoembed.core.internal.DicomSniffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds DICOM files (by content, as the reader judges: DICOM by default) under a folder of a DICOM root, depth first, each
 * folder's entries sorted by name, so files come out in component-wise relative-path order. Only one folder's
 * names are held at a time per level, never the whole tree.
 *
 * <p>Hidden entries (names starting with '.') are ignored. Symbolic links are followed only when their target
 * lies inside the root; links pointing outside are reported as {@code UnsafePath} and links back to an
 * ancestor folder or to a folder already being walked are skipped (no loops). Folders that cannot be listed are reported as
 * {@code UnreadableFolder}. Problems go to the consumer given at construction; nothing is thrown.
 * Not thread-safe: one walk at a time.
 */
final class DicomTreeWalker {
    private static final Logger LOG = LoggerFactory.getLogger(DicomTreeWalker.class);
    private static final Comparator<Path> BY_NAME = Comparator.comparing(p -> p.getFileName().toString());

    /** Receives each DICOM file found. */
    interface Visitor {
        /**
         * @param file         absolute, normalised path (inside the root, as reached, links not resolved)
         * @param relativePath path relative to the root with '/' separators
         * @return false to stop the walk
         */
        boolean dicomFile(Path file, String relativePath);
    }

    private final Path root;
    private final Path rootReal;
    private final Consumer<Failure> problems;
    private final Predicate<Path> isImage;
    /** Real paths of the folders from the walk's start down to the current one: a link into them is a loop. */
    private final Set<Path> onChain = new HashSet<>();

    /** A walker that finds DICOM files by content. */
    DicomTreeWalker(Path root, Path rootReal, Consumer<Failure> problems) {
        this(root, rootReal, problems, DicomSniffer::looksLikeDicom);
    }

    /**
     * @param root     absolute, normalised DICOM root
     * @param rootReal the root's real path (links resolved), the boundary no file may escape
     * @param problems receives scan-stage failures
     * @param isImage  whether a file is an image (the reader's {@link ImageReader#isImage})
     */
    DicomTreeWalker(Path root, Path rootReal, Consumer<Failure> problems, Predicate<Path> isImage) {
        this.root = root;
        this.rootReal = rootReal;
        this.problems = problems;
        this.isImage = isImage;
    }

    /** A walker of the same root and file test whose problems go to {@code problems}. */
    DicomTreeWalker reporting(Consumer<Failure> problems) {
        return new DicomTreeWalker(root, rootReal, problems, isImage);
    }

    /** The '/'-separated path of {@code p} relative to the root. */
    String relative(Path p) {
        List<String> parts = new ArrayList<>();
        for (Path part : root.relativize(p)) {
            parts.add(part.toString());
        }
        return String.join("/", parts);
    }

    /**
     * True when {@code p}, resolved, lies inside the root. A path that cannot be resolved (dangling link)
     * counts as outside.
     */
    boolean insideRoot(Path p) {
        try {
            return p.toRealPath().startsWith(rootReal);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Walks {@code dir} (a folder under the root).
     *
     * @param accession the exam the files belong to, for problem reports ("" when unknown)
     * @return false if the visitor stopped the walk
     */
    boolean walk(Path dir, String accession, Visitor visitor) {
        Path dirReal;
        try {
            dirReal = dir.toRealPath();
        } catch (IOException e) {
            unreadable(dir, accession, e);
            return true;
        }
        return walk(dir, dirReal, accession, visitor);
    }

    private boolean walk(Path dir, Path dirReal, String accession, Visitor visitor) {
        if (!onChain.add(dirReal)) {
            LOG.debug("skipping a folder already being walked (symbolic link loop)");
            return true;
        }
        try {
            return walkEntries(dir, dirReal, accession, visitor);
        } finally {
            onChain.remove(dirReal);
        }
    }

    private boolean walkEntries(Path dir, Path dirReal, String accession, Visitor visitor) {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path entry : stream) {
                if (!entry.getFileName().toString().startsWith(".")) {
                    entries.add(entry);
                }
            }
        } catch (IOException | SecurityException e) {
            unreadable(dir, accession, e);
            return true;
        }
        entries.sort(BY_NAME);
        for (Path entry : entries) {
            if (!visit(entry, dirReal, accession, visitor)) {
                return false;
            }
        }
        return true;
    }

    private boolean visit(Path entry, Path parentReal, String accession, Visitor visitor) {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            LOG.debug("skipping an entry whose attributes cannot be read: {}", e.getClass().getSimpleName());
            return true;
        }
        if (attrs.isSymbolicLink()) {
            Path target;
            try {
                target = entry.toRealPath();
            } catch (IOException e) {
                LOG.debug("skipping a dangling symbolic link under the DICOM root");
                return true;
            }
            if (!target.startsWith(rootReal)) {
                problems.accept(new Failure(accession, relative(entry), Stage.SCAN, "UnsafePath",
                        "'" + relative(entry) + "' is a symbolic link to a location outside the DICOM root; refused"));
                return true;
            }
            if (Files.isDirectory(target)) {
                if (parentReal.startsWith(target)) {
                    LOG.debug("skipping a symbolic link to an enclosing folder (loop)");
                    return true;
                }
                return walk(entry, target, accession, visitor);
            }
            return !Files.isRegularFile(target) || !isDicom(target, entry, accession)
                    || visitor.dicomFile(entry, relative(entry));
        }
        if (attrs.isDirectory()) {
            return walk(entry, parentReal.resolve(entry.getFileName()), accession, visitor);
        }
        if (attrs.isRegularFile() && isDicom(entry, entry, accession)) {
            return visitor.dicomFile(entry, relative(entry));
        }
        return true;
    }

    /**
     * Whether {@code file} is DICOM by content. Files of other names are skipped silently (exports hold notes and
     * thumbnails); a file named {@code *.dcm} that is not DICOM is reported, since its owner meant it as one.
     */
    private boolean isDicom(Path file, Path entry, String accession) {
        if (isImage.test(file)) {
            return true;
        }
        String name = entry.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".dcm") || name.endsWith(".dicom")) {
            String rel = relative(entry);
            problems.accept(new Failure(accession, rel, Stage.SCAN, "NotDicom", "'" + rel
                    + "' is named as a DICOM file but has neither the DICM marker nor a plausible first element"));
        }
        return false;
    }

    private void unreadable(Path dir, String accession, Exception e) {
        String rel = relative(dir);
        problems.accept(new Failure(accession, rel, Stage.SCAN, "UnreadableFolder",
                "cannot list folder '" + (rel.isEmpty() ? "." : rel) + "': " + e.getClass().getSimpleName()));
    }
}
