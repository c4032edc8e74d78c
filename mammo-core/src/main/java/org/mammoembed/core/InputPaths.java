package org.mammoembed.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Checks that a run's inputs exist before it writes anything, so that a typo leaves no half-made output folder.
 * Each message names the input as the caller knows it: an API option ("label CSV") or a command-line flag
 * ({@code --csv}), followed by the path.
 */
public final class InputPaths {
    private InputPaths() {
    }

    /**
     * @param what  how the caller names this input, e.g. {@code "--model"}
     * @param stage the stage a missing input is reported under
     * @return {@code file}
     * @throws MammoException "{@code what file} does not exist or is not a file"
     */
    public static Path requireFile(Path file, String what, Stage stage) throws MammoException {
        Objects.requireNonNull(file, what);
        if (!Files.isRegularFile(file)) {
            throw new MammoException(stage, what + " " + file + " does not exist or is not a file");
        }
        return file;
    }

    /**
     * @param what  how the caller names this input, e.g. {@code "--dicom-root"}
     * @param stage the stage a missing input is reported under
     * @return {@code folder}
     * @throws MammoException "{@code what folder} does not exist or is not a folder"
     */
    public static Path requireFolder(Path folder, String what, Stage stage) throws MammoException {
        Objects.requireNonNull(folder, what);
        if (!Files.isDirectory(folder)) {
            throw new MammoException(stage, what + " " + folder + " does not exist or is not a folder");
        }
        return folder;
    }
}
