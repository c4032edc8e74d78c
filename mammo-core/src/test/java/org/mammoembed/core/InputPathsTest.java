package org.mammoembed.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputPathsTest {
    @TempDir
    Path dir;

    @Test
    void anExistingInputIsReturned() throws Exception {
        Path file = Files.writeString(dir.resolve("labels.csv"), "AccessionNumber\n");
        assertSame(file, InputPaths.requireFile(file, "--csv", Stage.SCAN));
        assertSame(dir, InputPaths.requireFolder(dir, "--dicom-root", Stage.SCAN));
    }

    @Test
    void aMissingOrWrongKindOfInputIsNamedAsTheCallerNamesIt() throws Exception {
        Path file = Files.writeString(dir.resolve("model.onnx"), "x");
        Path missing = dir.resolve("nowhere");
        MammoException noFile = assertThrows(MammoException.class,
                () -> InputPaths.requireFile(missing, "--model", Stage.READ));
        assertEquals("--model " + missing + " does not exist or is not a file", noFile.getMessage());
        assertEquals(Stage.READ, noFile.stage());
        assertEquals("label CSV " + dir + " does not exist or is not a file", assertThrows(MammoException.class,
                () -> InputPaths.requireFile(dir, "label CSV", Stage.SCAN)).getMessage());
        MammoException notFolder = assertThrows(MammoException.class,
                () -> InputPaths.requireFolder(file, "--dicom-root", Stage.SCAN));
        assertEquals("--dicom-root " + file + " does not exist or is not a folder", notFolder.getMessage());
        assertEquals(Stage.SCAN, notFolder.stage());
        assertEquals("--csv", assertThrows(NullPointerException.class,
                () -> InputPaths.requireFile(null, "--csv", Stage.SCAN)).getMessage());
    }
}
