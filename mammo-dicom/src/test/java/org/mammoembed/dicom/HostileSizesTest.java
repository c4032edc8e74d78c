package org.mammoembed.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mammoembed.core.MammoException;
import org.mammoembed.core.Stage;

/**
 * Small files that declare huge images are refused by the memory budget before anything big is allocated, with a
 * message that names the file, the size and the budget. The budget here is what -Xmx512m gives by default; the
 * fuzz test decodes the same files in a child JVM at -Xmx256m.
 */
class HostileSizesTest {
    private static final long BUDGET = 256L << 20;
    private final DicomFileReader reader = DicomFileReader.builder().memoryBudget(BUDGET).build();

    @TempDir
    Path dir;

    private MammoException refused(Path file) {
        return assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> assertThrows(MammoException.class, () -> reader.read(file, 0)));
    }

    @Test
    void aSmallJpegLsFileClaimingSixteenThousandSquaredIsRefusedBeforeDecoding() throws Exception {
        Path f = HostileFiles.jpegLsClaimingHugeImage(dir);
        assertTrue(Files.size(f) < 3000, "about 2.6 KB: " + Files.size(f));
        MammoException e = refused(f);
        assertEquals(Stage.DECODE, e.stage());
        assertEquals("huge-jpegls.dcm: frame of 16384x16384x1 needs about 3073 MB of heap to decode, more than the"
                + " reader's memory budget of 256 MB (memoryBudget; default half the maximum heap): refused before"
                + " allocating", e.getMessage());
    }

    @Test
    void anEightMegabyteRleOfAHugeImageIsRefused() throws Exception {
        Path f = HostileFiles.rleOfHugeImage(dir);
        MammoException e = refused(f);
        assertTrue(e.getMessage().startsWith("huge-rle.dcm: frame of 16384x16384x1 needs about 30")
                && e.getMessage().contains("more than the reader's memory budget of 256 MB"), e.getMessage());
    }

    @Test
    void aDeflatedDataSetInflatingPastHalfTheBudgetIsRefusedWhileInflating() throws Exception {
        Path f = HostileFiles.deflatedBomb(dir, 900);
        assertTrue(Files.size(f) < 1_200_000, "about 900 KB: " + Files.size(f));
        MammoException e = refused(f);
        assertEquals(Stage.READ, e.stage());
        assertEquals("deflated-bomb.dcm: deflated data set inflates to more than 134217728 bytes (the reader's"
                + " limit: maxInflatedBytes, and half its memoryBudget)", e.getMessage());
        // the header-only parse (scanning, inspect) is bounded the same way
        assertThrows(MammoException.class, () -> reader.readMetadata(f));
    }

    @Test
    void aSparseTwoGigabyteNativeFileIsRefusedWithoutReadingItsPixels() throws Exception {
        Path f = HostileFiles.sparseNativeFile(dir);
        assertTrue(Files.size(f) > (1L << 31) - 2048, "about 2 GiB: " + Files.size(f));
        MammoException e = refused(f);
        assertTrue(e.getMessage().startsWith("sparse-native.dcm: frame of 16384x16384x1 needs about 2048 MB"),
                e.getMessage());
    }

    @Test
    void aSmallDeflatedDataSetStillInflates() throws Exception {
        // 20 MB of zeros then a 64 x 64 image: under the limit, so the image decodes
        Path f = HostileFiles.deflatedBomb(dir, 20);
        assertEquals(64, reader.read(f, 0).rows());
    }

    @Test
    void budgetOptionIsValidated() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DicomFileReader.builder().memoryBudget(1000));
        assertEquals("memoryBudget must be at least 1048576 bytes: 1000", e.getMessage());
    }
}
