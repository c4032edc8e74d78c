package org.mammoembed.embed.preprocess;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mammoembed.core.Photometric;
import org.mammoembed.embed.Preprocessing;

/**
 * Opt-in ({@code -Dmammo.corpus=...}): the default recipe on the corpus's real mammograms against
 * {@code preprocess_reference.py} (pydicom decode + numpy + torch). Until the DICOM reader is merged the pixels
 * come from {@link CorpusPixels} (native data, checked against the manifest hash); end to end this should read
 * the files with {@code org.mammoembed.dicom.DicomFileReader}.
 */
class PreprocessingCorpusParityTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "nyu_1_L_CC_deflate, true,  MONOCHROME2",
        "nyu_2_R_CC_mono1,   false, MONOCHROME1",
    })
    void matchesPyTorchReferenceOnCorpusMammograms(String name, boolean deflated, Photometric photometric)
            throws Exception {
        String corpus = System.getProperty("mammo.corpus", "");
        assumeTrue(!corpus.isBlank() && Files.isDirectory(Path.of(corpus)),
                "set -Dmammo.corpus to the dicom-corpus folder to run this test");
        float[] px = CorpusPixels.read(Path.of(corpus), "nyukat-derived/" + name + ".dcm", 3328, 2560, deflated);
        PreprocessingParityTest.assertMatches(name + ".default", Preprocessing.defaults(),
                TestImages.gray(3328, 2560, px, photometric));
    }
}
