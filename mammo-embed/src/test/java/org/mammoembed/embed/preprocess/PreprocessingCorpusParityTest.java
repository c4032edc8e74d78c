package org.mammoembed.embed.preprocess;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mammoembed.core.DecodedImage;
import org.mammoembed.dicom.DicomFileReader;
import org.mammoembed.embed.Preprocessing;

/**
 * Opt-in ({@code -Dmammo.corpus=...}), end to end: the corpus's real mammograms read by {@link DicomFileReader}
 * and preprocessed with the default recipe, against {@code preprocess_reference.py} (pydicom decode + numpy +
 * torch) on the deflated (MONOCHROME2) and native MONOCHROME1 files. The other encodings of the same two images
 * decode to identical values (manifest: lossless, {@code compare: exact}), so they must give the same tensors.
 */
class PreprocessingCorpusParityTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "nyu_1_L_CC_deflate,     nyu_1_L_CC_deflate",
        "nyu_1_L_CC_j2k,         nyu_1_L_CC_deflate",
        "nyu_1_L_CC_jpegll,      nyu_1_L_CC_deflate",
        "nyu_1_L_CC_jpegls,      nyu_1_L_CC_deflate",
        "nyu_2_R_CC_mono1,       nyu_2_R_CC_mono1",
        "nyu_2_R_CC_rle,         nyu_2_R_CC_mono1",
        "nyu_2_R_CC_dcmtk_jls,   nyu_2_R_CC_mono1",
    })
    void matchesPyTorchReferenceOnCorpusMammograms(String file, String fixture) throws Exception {
        String corpus = System.getProperty("mammo.corpus", "");
        assumeTrue(!corpus.isBlank() && Files.isDirectory(Path.of(corpus)),
                "set -Dmammo.corpus to the dicom-corpus folder to run this test");
        DecodedImage image = DicomFileReader.create()
                .read(Path.of(corpus, "nyukat-derived", file + ".dcm"), 0);
        PreprocessingParityTest.assertMatches(file, fixture + ".default", Preprocessing.defaults(), image);
    }
}
