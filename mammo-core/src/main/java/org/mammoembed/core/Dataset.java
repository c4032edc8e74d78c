package org.mammoembed.core;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The images of a study: every DICOM under {@code <root>/<AccessionNumber>/} for each labelled CSV row, in
 * CSV order then relative-path order, plus the problems met while finding them (scan-stage
 * {@link Failure}s: missing folders, unknown labels, unreadable directories...). Immutable.
 */
public final class Dataset {
    private final Path root;
    private final List<ImageRecord> images;
    private final List<Failure> problems;

    public Dataset(Path root, List<ImageRecord> images, List<Failure> problems) {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
        this.images = List.copyOf(images);
        this.problems = List.copyOf(problems);
    }

    /**
     * Reads {@code classificacao.csv} (columns AccessionNumber and Classification; A-D or 1-4) and finds every
     * DICOM under {@code dicomRoot/<AccessionNumber>/}, recursively, by content.
     *
     * @throws MammoException (stage SCAN) when the CSV cannot be used at all: missing file, no header,
     *                        required columns absent. Row-level problems become {@link #problems()}.
     */
    public static Dataset fromCsv(Path csv, Path dicomRoot) throws MammoException {
        return new DatasetScanner().scan(csv, dicomRoot);
    }

    /**
     * As {@link #fromCsv(Path, Path)}, with the same CSV and archive layout, but the files are those that
     * {@code reader} accepts ({@link ImageReader#isImage}), e.g. 16-bit PNG exports with
     * {@code ImageReaders.named("png")}.
     */
    public static Dataset fromCsv(Path csv, Path imageRoot, ImageReader reader) throws MammoException {
        return new DatasetScanner(Objects.requireNonNull(reader, "reader")::isImage).scan(csv, imageRoot);
    }

    /** Every DICOM under {@code folder}, recursively, unlabelled, the first path component as accession. */
    public static Dataset fromFolder(Path folder) throws MammoException {
        return new DatasetScanner().scanFolder(folder);
    }

    /** As {@link #fromFolder(Path)}, every file that {@code reader} accepts. */
    public static Dataset fromFolder(Path folder, ImageReader reader) throws MammoException {
        return new DatasetScanner(Objects.requireNonNull(reader, "reader")::isImage).scanFolder(folder);
    }

    /** The DICOM root, absolute and normalised. */
    public Path root() {
        return root;
    }

    public List<ImageRecord> images() {
        return images;
    }

    public List<Failure> problems() {
        return problems;
    }

    public int size() {
        return images.size();
    }
}
