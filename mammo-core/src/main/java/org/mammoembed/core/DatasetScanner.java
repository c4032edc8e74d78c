package org.mammoembed.core;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.FileSystemException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.mammoembed.core.internal.DicomSniffer;
import org.mammoembed.core.internal.MessageText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a {@link Dataset} from a label CSV and a DICOM root, or from a bare folder.
 *
 * <p>CSV rows are taken in file order; each labelled row contributes every DICOM file under
 * {@code <root>/<AccessionNumber>/} (see {@link DicomTreeWalker} for order and link rules). Row-level problems
 * become scan-stage {@link Failure}s whose message starts with the CSV line number; the error classes are
 * {@code CsvFormat}, {@code EmptyCsv}, {@code MissingAccession}, {@code UnsafePath}, {@code DuplicateAccession},
 * {@code Class5}, {@code UnknownLabel}, {@code MissingFolder}, {@code NoImages}, {@code UnreadableFolder} and
 * {@code NotInCsv} (a folder or file under the root that no CSV row names). A CSV with a header but no rows
 * gives an {@code EmptyCsv} problem and zero images; a file without even a header is refused.
 */
final class DatasetScanner {
    /** Required CSV column (matched case-insensitively). */
    static final String ACCESSION_COLUMN = "AccessionNumber";

    private static final Logger LOG = LoggerFactory.getLogger(DatasetScanner.class);
    private static final int MAX_ECHOED_CHARS = 64;

    /** Whether a file under the root is an image: the reader's answer, DICOM by content by default. */
    private final Predicate<Path> isImage;

    DatasetScanner() {
        this(DicomSniffer::looksLikeDicom);
    }

    DatasetScanner(Predicate<Path> isImage) {
        this.isImage = isImage;
    }

    Dataset scan(Path csv, Path dicomRoot, String labelColumn) throws MammoException {
        return scan(csv, dicomRoot, labelColumn, null);
    }

    /**
     * @param lister walks the accession folders of the labelled rows; {@code null} walks them here, one after
     *               another. Either way the problems keep CSV order: each folder's problems sit where its row is.
     */
    Dataset scan(Path csv, Path dicomRoot, String labelColumn, AccessionFolder.Lister lister)
            throws MammoException {
        Path root = dicomRoot.toAbsolutePath().normalize();
        Path rootReal = realFolder(root, "DICOM root");
        CsvTable table = readCsv(csv);
        List<Failure> problems = new ArrayList<>();
        String csvName = String.valueOf(csv.getFileName());
        for (CsvTable.Problem p : table.problems()) {
            problems.add(new Failure("", "", Stage.SCAN, "CsvFormat", csvName + " " + p.message()));
        }
        if (table.header().isEmpty()) {
            if (!table.problems().isEmpty()) {
                throw new MammoException(Stage.SCAN, csvName + ": cannot read the header: "
                        + table.problems().get(0).message());
            }
            // without a header the file cannot be a label CSV at all (Dataset.fromCsv's contract)
            throw new MammoException(Stage.SCAN, csvName + " is empty: no header line with columns "
                    + ACCESSION_COLUMN + " and " + (labelColumn != null ? labelColumn
                    : "one of " + String.join(", ", Dataset.LABEL_COLUMNS)));
        }
        int accessionCol = requireColumn(table, ACCESSION_COLUMN, csvName);
        int labelCol = labelColumn(table, labelColumn, csvName);
        String labelName = table.header().get(labelCol);
        if (table.rows().isEmpty()) {
            problems.add(new Failure("", "", Stage.SCAN, "EmptyCsv",
                    csvName + " has a header but no data rows; no images to process"));
        }

        DicomTreeWalker walker = new DicomTreeWalker(root, rootReal, problems::add, isImage);
        List<ImageRecord> images = new ArrayList<>();
        Map<String, Integer> firstLine = new HashMap<>();
        List<AccessionFolder> folders = new ArrayList<>();
        List<Integer> problemsBefore = new ArrayList<>(); // where each folder's problems go in the list
        int class5 = 0;
        for (CsvTable.Row row : table.rows()) {
            int line = row.line();
            String accession = row.field(accessionCol).strip();
            String shown = MessageText.bounded(accession, MAX_ECHOED_CHARS); // what outputs carry of it
            String label = row.field(labelCol).strip();
            if (accession.isEmpty()) {
                problems.add(new Failure("", "", Stage.SCAN, "MissingAccession",
                        "line " + line + ": empty AccessionNumber; row skipped"));
                continue;
            }
            Optional<String> unsafe = unsafeReason(accession);
            if (unsafe.isPresent()) {
                problems.add(new Failure(shown, "", Stage.SCAN, "UnsafePath",
                        "line " + line + ": AccessionNumber " + unsafe.get() + "; refused"));
                continue;
            }
            Integer earlier = firstLine.putIfAbsent(accession, line);
            if (earlier != null) {
                problems.add(new Failure(shown, "", Stage.SCAN, "DuplicateAccession",
                        "line " + line + ": AccessionNumber already listed on line " + earlier
                                + "; keeping the first"));
                continue;
            }
            Optional<BiRadsDensity> density = BiRadsDensity.parse(label);
            if (density.isEmpty()) {
                boolean isClass5 = label.equals("5") || label.equals("5.0");
                class5 += isClass5 ? 1 : 0;
                problems.add(isClass5
                        ? new Failure(shown, "", Stage.SCAN, "Class5",
                                "line " + line + ": " + labelName + " 5 is not a density class; row skipped")
                        : new Failure(shown, "", Stage.SCAN, "UnknownLabel", "line " + line
                                + ": " + labelName + " '" + echo(label) + "' is not A-D or 1-4; row skipped"));
                continue;
            }
            Map<String, String> extra = extraColumns(table, row, accessionCol, labelCol);
            folders.add(new AccessionFolder(accession, density.get(), extra, line));
            problemsBefore.add(problems.size());
        }
        List<Dataset> listed = lister != null ? lister.list(root, List.copyOf(folders))
                : listHere(root, walker, folders);
        if (listed.size() != folders.size()) {
            throw new IllegalStateException("the accession lister answered " + listed.size() + " listings for "
                    + folders.size() + " folders");
        }
        List<Failure> rowProblems = new ArrayList<>(problems);
        problems.clear(); // refilled in CSV order; the walker still reports into it
        int from = 0;
        for (int i = 0; i < listed.size(); i++) {
            problems.addAll(rowProblems.subList(from, problemsBefore.get(i)));
            from = problemsBefore.get(i);
            problems.addAll(listed.get(i).problems());
            images.addAll(listed.get(i).images());
        }
        problems.addAll(rowProblems.subList(from, rowProblems.size()));
        reportNotInCsv(root, walker, firstLine.keySet(), problems);
        LOG.info("scanned {} rows: {} images, {} problems ({} class 5)", table.rows().size(), images.size(),
                problems.size(), class5);
        return new Dataset(root, images, problems);
    }

    /** What {@link AccessionFolder#list(Path)} promises: one folder, walked as {@link #scan} walks it. */
    Dataset listAccession(Path dicomRoot, AccessionFolder folder) throws MammoException {
        return listAccessions(dicomRoot, List.of(folder)).get(0);
    }

    /** What {@link AccessionFolder.Lister#HERE} promises: the folders listed one after another. */
    List<Dataset> listAccessions(Path dicomRoot, List<AccessionFolder> folders) throws MammoException {
        Path root = dicomRoot.toAbsolutePath().normalize();
        DicomTreeWalker walker = new DicomTreeWalker(root, realFolder(root, "DICOM root"), p -> { }, isImage);
        return listHere(root, walker, folders);
    }

    private static List<Dataset> listHere(Path root, DicomTreeWalker walker, List<AccessionFolder> folders) {
        List<Dataset> listed = new ArrayList<>(folders.size());
        for (AccessionFolder f : folders) {
            listed.add(listOne(root, walker, f));
        }
        return listed;
    }

    /** One folder's images and problems, with a walker like {@code walker} that reports to this folder's list. */
    private static Dataset listOne(Path root, DicomTreeWalker walker, AccessionFolder f) {
        List<Failure> problems = new ArrayList<>();
        List<ImageRecord> images = new ArrayList<>();
        addExam(root, walker.reporting(problems::add), f.accession(), f.density(), f.extra(), f.line(), images,
                problems);
        return new Dataset(root, images, problems);
    }

    Dataset scanFolder(Path folder) throws MammoException {
        Path root = folder.toAbsolutePath().normalize();
        Path rootReal = realFolder(root, "DICOM folder");
        List<Failure> problems = new ArrayList<>();
        List<ImageRecord> images = new ArrayList<>();
        DicomTreeWalker walker = new DicomTreeWalker(root, rootReal, problems::add, isImage);
        walker.walk(root, "", (file, rel) -> {
            int slash = rel.indexOf('/');
            String accession = slash >= 0 ? rel.substring(0, slash) : stem(rel);
            images.add(new ImageRecord(accession, null, file, rel, Map.of()));
            return true;
        });
        LOG.info("scanned folder: {} images, {} problems", images.size(), problems.size());
        return new Dataset(root, images, problems);
    }

    private static CsvTable readCsv(Path csv) throws MammoException {
        InputPaths.requireFile(csv, "label CSV", Stage.SCAN);
        try {
            return CsvTable.read(csv);
        } catch (IOException e) {
            throw new MammoException(Stage.SCAN, "cannot read label CSV " + csv + ": " + e, e);
        }
    }

    private static Path realFolder(Path folder, String what) throws MammoException {
        InputPaths.requireFolder(folder, what, Stage.SCAN);
        try {
            return folder.toRealPath();
        } catch (IOException e) {
            throw new MammoException(Stage.SCAN, "cannot resolve " + what + " " + folder + ": " + e, e);
        }
    }

    private static int requireColumn(CsvTable table, String name, String csvName) throws MammoException {
        int col = table.column(name);
        if (col < 0) {
            throw new MammoException(Stage.SCAN, csvName + ": missing column '" + name + "'; columns found: "
                    + MessageText.bounded(String.valueOf(table.header()), 200));
        }
        return col;
    }

    /** The named label column, or the first of {@link Dataset#LABEL_COLUMNS} present. */
    private static int labelColumn(CsvTable table, String name, String csvName) throws MammoException {
        if (name != null) {
            if (name.isBlank()) {
                throw new MammoException(Stage.SCAN, "the label column name is blank; columns found in " + csvName
                        + ": " + table.header());
            }
            int col = table.column(name.strip());
            if (col < 0) {
                throw new MammoException(Stage.SCAN, csvName + ": no label column '" + name.strip()
                        + "'; columns found: " + table.header());
            }
            return col;
        }
        for (String candidate : Dataset.LABEL_COLUMNS) {
            int col = table.column(candidate);
            if (col >= 0) {
                return col;
            }
        }
        throw new MammoException(Stage.SCAN, csvName + ": no label column (looked for "
                + String.join(", ", Dataset.LABEL_COLUMNS) + "; name another one with labelColumn); columns found: "
                + table.header());
    }

    private static Map<String, String> extraColumns(CsvTable table, CsvTable.Row row, int accessionCol,
                                                    int labelCol) {
        Map<String, String> extra = new LinkedHashMap<>();
        List<String> header = table.header();
        for (int i = 0; i < header.size(); i++) {
            if (i != accessionCol && i != labelCol) {
                extra.putIfAbsent(header.get(i), row.field(i));
            }
        }
        return extra;
    }

    private static void addExam(Path root, DicomTreeWalker walker, String accession, BiRadsDensity density,
                                Map<String, String> extra, int line, List<ImageRecord> images,
                                List<Failure> problems) {
        Path folder = root.resolve(accession);
        String shown = MessageText.bounded(accession, MAX_ECHOED_CHARS);
        try {
            Files.readAttributes(folder, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            problems.add(new Failure(shown, shown, Stage.SCAN, "MissingFolder",
                    "line " + line + ": no folder '" + shown + "' under the DICOM root"));
            return;
        } catch (IOException e) {
            // e.g. a name longer than the file system allows: say so, not "no folder"
            String reason = e instanceof FileSystemException fse && fse.getReason() != null ? fse.getReason()
                    : e.getClass().getSimpleName();
            problems.add(new Failure(shown, shown, Stage.SCAN, "UnusableFolderName", "line " + line
                    + ": the file system refused the folder name '" + shown + "' (" + accession.length()
                    + " characters): " + MessageText.bounded(reason)));
            return;
        }
        if (!walker.insideRoot(folder)) {
            problems.add(new Failure(shown, shown, Stage.SCAN, "UnsafePath", "line " + line
                    + ": folder '" + shown + "' resolves to a location outside the DICOM root; refused"));
            return;
        }
        if (!Files.isDirectory(folder)) {
            problems.add(new Failure(shown, shown, Stage.SCAN, "MissingFolder",
                    "line " + line + ": '" + shown + "' under the DICOM root is not a folder"));
            return;
        }
        int before = images.size();
        walker.walk(folder, accession, (file, rel) -> {
            images.add(new ImageRecord(accession, density, file, rel, extra));
            return true;
        });
        if (images.size() == before) {
            problems.add(new Failure(shown, shown, Stage.SCAN, "NoImages",
                    "line " + line + ": folder '" + shown + "' holds no DICOM files"));
        }
    }

    /** Top-level folders and files of the root that hold DICOM data but that no CSV row names. */
    private void reportNotInCsv(Path root, DicomTreeWalker walker, Set<String> listed,
                                       List<Failure> problems) {
        List<Path> unlisted = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(root)) {
            for (Path entry : stream) {
                String name = entry.getFileName().toString();
                if (!name.startsWith(".") && !listed.contains(name)) {
                    unlisted.add(entry);
                }
            }
        } catch (IOException e) {
            problems.add(new Failure("", "", Stage.SCAN, "UnreadableFolder",
                    "cannot list the DICOM root: " + e.getClass().getSimpleName()));
            return;
        }
        unlisted.sort(null);
        Set<String> reported = new HashSet<>();
        for (Path entry : unlisted) {
            String name = entry.getFileName().toString();
            if (Files.isDirectory(entry)) {
                if (!walker.insideRoot(entry)) {
                    continue;
                }
                // one DICOM file is enough to call the folder an exam; stop there
                walker.walk(entry, name, (file, rel) -> {
                    if (reported.add(name)) {
                        String shown = echo(name);
                        problems.add(new Failure(shown, shown, Stage.SCAN, "NotInCsv",
                                "folder '" + shown + "' holds DICOM files but no CSV row names it"));
                    }
                    return false;
                });
            } else if (isImage.test(entry) && walker.insideRoot(entry)) {
                problems.add(new Failure("", echo(name), Stage.SCAN, "NotInCsv",
                        "DICOM file '" + echo(name) + "' lies directly in the DICOM root, outside any accession folder"));
            }
        }
    }

    /** Why an AccessionNumber cannot name a folder under the root, if it cannot. */
    static Optional<String> unsafeReason(String accession) {
        if (accession.equals(".") || accession.equals("..")) {
            return Optional.of("'" + accession + "' names a relative folder");
        }
        if (accession.indexOf('/') >= 0 || accession.indexOf('\\') >= 0) {
            return Optional.of("'" + echo(accession) + "' contains a path separator");
        }
        for (int i = 0; i < accession.length(); i++) {
            if (Character.isISOControl(accession.charAt(i))) {
                return Optional.of("contains a control character");
            }
        }
        if (accession.length() >= 2 && accession.charAt(1) == ':') {
            return Optional.of("'" + echo(accession) + "' looks like a drive path");
        }
        return Optional.empty();
    }

    private static String stem(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }

    /** Bounds and escapes the user text copied into a message. */
    private static String echo(String text) {
        return MessageText.bounded(text, MAX_ECHOED_CHARS);
    }
}
