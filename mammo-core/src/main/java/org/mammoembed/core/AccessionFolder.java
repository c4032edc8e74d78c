package org.mammoembed.core;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One labelled CSV row's accession folder, {@code <root>/<accession>/}, still to be walked: the unit a
 * {@link Lister} may hand to other machines. Serializable so that it can travel to a cluster's executors.
 *
 * @param accession the AccessionNumber (already checked safe as a folder name)
 * @param density   the row's label
 * @param extra     the row's other columns, in CSV order
 * @param line      the row's CSV line number, quoted in problem messages
 */
public record AccessionFolder(String accession, BiRadsDensity density, Map<String, String> extra, int line)
        implements Serializable {

    public AccessionFolder {
        Objects.requireNonNull(accession, "accession");
        Objects.requireNonNull(density, "density");
        extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }

    /**
     * Walks this folder under {@code dicomRoot} exactly as {@link Dataset#fromCsv(Path, Path)} does (DICOM by
     * content): its images in relative-path order and its scan problems ({@code MissingFolder}, {@code NoImages},
     * {@code NotDicom}, {@code UnsafePath}, {@code UnreadableFolder}...) in the order met.
     *
     * @throws MammoException (stage SCAN) when {@code dicomRoot} is not a folder here
     */
    public Dataset list(Path dicomRoot) throws MammoException {
        return new DatasetScanner().listAccession(dicomRoot, this);
    }

    /**
     * Lists the accession folders of a CSV scan, e.g. in parallel on a cluster. Whatever it does, its answer must be
     * what {@link AccessionFolder#list(Path)} gives for each folder, in the order given.
     */
    @FunctionalInterface
    public interface Lister {
        /**
         * The folders walked one after another on this machine, as {@link Dataset#fromCsv(Path, Path, String)}
         * walks them (a distributed lister's fallback for a handful of folders).
         */
        Lister HERE = (dicomRoot, folders) -> new DatasetScanner().listAccessions(dicomRoot, folders);

        /** One {@link Dataset} per folder, in the order of {@code folders}. */
        List<Dataset> list(Path dicomRoot, List<AccessionFolder> folders) throws MammoException;
    }
}
