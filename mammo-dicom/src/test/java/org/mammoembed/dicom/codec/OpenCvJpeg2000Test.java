package org.mammoembed.dicom.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.jaiimageio.jpeg2000.impl.J2KImageReaderSpi;
import org.junit.jupiter.api.Test;
import org.mammoembed.dicom.CorpusManifest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The optional OpenCV path of {@link Jpeg2000Decoder}: on every corpus JPEG 2000 frame the decoder (OpenCV where
 * it applies) must give exactly JJ2000's samples, and the frames it takes must include the corpus mammogram.
 */
class OpenCvJpeg2000Test {
    private static final String LOSSLESS = "1.2.840.10008.1.2.4.90";

    @Test
    void everyCorpusJpeg2000FrameDecodesToJj2000sSamples() throws Exception {
        Path root = CorpusManifest.folder();
        assumeTrue(OpenCvJpeg2000.available(), "OpenCV's native library does not load on this platform");
        List<String> viaOpenCv = new ArrayList<>();
        int checked = 0;
        for (JsonNode e : CorpusManifest.entries(root)) {
            String ts = e.path("transfer_syntax_uid").asText("");
            if (!e.get("expect").asText().equals("decode")
                    || !(ts.equals(LOSSLESS) || ts.equals("1.2.840.10008.1.2.4.91"))) {
                continue;
            }
            String path = e.get("path").asText();
            ReaderFrames.Frame f = ReaderFrames.firstFrame(root.resolve(path)).orElseThrow();
            J2kCodestream cs = J2kCodestream.parse(f.data(), ts);
            int[] jj2000 = ImageIoFrames.read(J2KImageReaderSpi.class, "JJ2000", f.data(), cs.offset(), cs.length(),
                    f.format(), ts).samples();
            int[] ours = new Jpeg2000Decoder().decode(f.data(), f.format(), ts).samples();
            assertArrayEquals(jj2000, ours, path);
            DecodedFrame direct = OpenCvJpeg2000.tryDecode(f.data(), cs, f.format(), ts, null);
            if (direct != null) {
                assertArrayEquals(jj2000, direct.samples(), path + " (OpenCV)");
                assertEquals(direct.sampleCount(), direct.words().length, path + ": delivered as 16-bit words");
                viaOpenCv.add(path);
            }
            checked++;
        }
        assertTrue(checked > 0, "the corpus has no JPEG 2000 file");
        assertTrue(viaOpenCv.contains("nyukat-derived/nyu_1_L_CC_j2k.dcm"), "OpenCV decoded only " + viaOpenCv);
    }

    @Test
    void onlyReversibleCodestreamsAreOffered() {
        assertTrue(OpenCvJpeg2000.reversibleOnly(header(1, -1), 0, header(1, -1).length));
        assertFalse(OpenCvJpeg2000.reversibleOnly(header(0, -1), 0, header(0, -1).length), "9/7 in COD");
        assertFalse(OpenCvJpeg2000.reversibleOnly(header(1, 0), 0, header(1, 0).length), "9/7 in a COC");
        byte[] noCod = {(byte) 0xFF, 0x4F, (byte) 0xFF, (byte) 0x90, 0, 10};
        assertFalse(OpenCvJpeg2000.reversibleOnly(noCod, 0, noCod.length), "no COD");
    }

    @Test
    void lossyOrColourFramesAreLeftToJj2000() {
        J2kCodestream grey = new J2kCodestream(0, 0, 4, 4, 1, 12, false, false, false);
        J2kCodestream colour = new J2kCodestream(0, 0, 4, 4, 3, 8, false, false, true);
        J2kCodestream signed = new J2kCodestream(0, 0, 4, 4, 1, 12, true, false, false);
        PixelFormat f = new PixelFormat(4, 4, 1, 16, 12, 11, false, "MONOCHROME2", 0);
        byte[] h = header(1, -1);
        assertNull(OpenCvJpeg2000.tryDecode(h, grey, f, "1.2.840.10008.1.2.4.91", null));
        assertNull(OpenCvJpeg2000.tryDecode(h, colour, f, LOSSLESS, null));
        assertNull(OpenCvJpeg2000.tryDecode(h, signed, f, LOSSLESS, null));
    }

    /** SOC, COD with the given wavelet (1 reversible), an optional COC, then SOT. */
    private static byte[] header(int codTransform, int cocTransform) {
        byte[] cod = {(byte) 0xFF, 0x52, 0, 12, 0, 0, 0, 1, 0, 5, 4, 4, 0, (byte) codTransform};
        byte[] coc = cocTransform < 0 ? new byte[0]
                : new byte[] {(byte) 0xFF, 0x53, 0, 9, 0, 0, 5, 4, 4, 0, (byte) cocTransform};
        byte[] out = new byte[2 + cod.length + coc.length + 2];
        out[0] = (byte) 0xFF;
        out[1] = 0x4F;
        System.arraycopy(cod, 0, out, 2, cod.length);
        System.arraycopy(coc, 0, out, 2 + cod.length, coc.length);
        out[out.length - 2] = (byte) 0xFF;
        out[out.length - 1] = (byte) 0x90;
        return out;
    }
}
