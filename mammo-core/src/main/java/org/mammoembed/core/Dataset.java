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
     * The label columns {@link #fromCsv(Path, Path)} looks for, in this order, matched case-insensitively:
     * {@code BI-RADS} (the original tool's documented name), {@code Classification}, {@code density}.
     */
    public static final List<String> LABEL_COLUMNS = List.of("BI-RADS", "Classification", "density");

    /**
     * Reads {@code classificacao.csv} (columns AccessionNumber and a density label: the first of
     * {@link #LABEL_COLUMNS} present; A-D or 1-4) and finds every DICOM under {@code dicomRoot/<AccessionNumber>/},
     * recursively, by content.
     *
     * @throws MammoException (stage SCAN) when the CSV cannot be used at all: missing file, no header,
     *                        required columns absent (the message lists the columns found). Row-level problems
     *                        become {@link #problems()}.
     */
    public static Dataset fromCsv(Path csv, Path dicomRoot) throws MammoException {
        return new DatasetScanner().scan(csv, dicomRoot, null);
    }

    /**
     * As {@link #fromCsv(Path, Path)}, with the labels read from the column named {@code labelColumn}
     * (case-insensitive; letters A-D or digits 1-4).
     *
     * @param labelColumn the label column's name, or {@code null} for the first of {@link #LABEL_COLUMNS}
     * @throws MammoException (stage SCAN) as {@link #fromCsv(Path, Path)}; also when the CSV has no column
     *                        {@code labelColumn} (the message lists the columns found)
     */
    public static Dataset fromCsv(Path csv, Path dicomRoot, String labelColumn) throws MammoException {
        return new DatasetScanner().scan(csv, dicomRoot, labelColumn);
    }

    /**
     * As {@link #fromCsv(Path, Path, String)}, with the accession folders walked by {@code lister} (e.g. in
     * parallel on a cluster) instead of one after another here. The CSV and the root's top level are still read
     * here; when {@code lister} keeps its contract the result equals {@link #fromCsv(Path, Path, String)}'s.
     *
     * @param labelColumn the label column's name, or {@code null} for the first of {@link #LABEL_COLUMNS}
     * @param lister      walks the labelled rows' folders ({@link AccessionFolder#list(Path)} for each)
     */
    public static Dataset fromCsv(Path csv, Path dicomRoot, String labelColumn, AccessionFolder.Lister lister)
            throws MammoException {
        return new DatasetScanner().scan(csv, dicomRoot, labelColumn, Objects.requireNonNull(lister, "lister"));
    }

    /**
     * As {@link #fromCsv(Path, Path)}, with the same CSV and archive layout, but the files are those that
     * {@code reader} accepts ({@link ImageReader#isImage}), e.g. 16-bit PNG exports with
     * {@code ImageReaders.named("png")}.
     */
    public static Dataset fromCsv(Path csv, Path imageRoot, ImageReader reader) throws MammoException {
        return fromCsv(csv, imageRoot, reader, null);
    }

    /**
     * As {@link #fromCsv(Path, Path, ImageReader)}, with the labels read from the column named {@code labelColumn}
     * (see {@link #fromCsv(Path, Path, String)}).
     *
     * @param labelColumn the label column's name, or {@code null} for the first of {@link #LABEL_COLUMNS}
     */
    public static Dataset fromCsv(Path csv, Path imageRoot, ImageReader reader, String labelColumn)
            throws MammoException {
        return new DatasetScanner(Objects.requireNonNull(reader, "reader")::isImage).scan(csv, imageRoot,
                labelColumn);
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
