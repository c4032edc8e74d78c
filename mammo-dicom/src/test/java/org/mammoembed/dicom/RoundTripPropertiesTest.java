package org.mammoembed.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.mammoembed.core.DecodedImage;
import org.mammoembed.core.ImageMetadata;

/** Random headers and pixel layouts written by {@link DicomWriter} read back exactly by {@link DicomFileReader}. */
class RoundTripPropertiesTest {
    private static final String[] SYNTAXES = {TransferSyntax.EXPLICIT_VR_LE_UID, TransferSyntax.IMPLICIT_VR_LE_UID,
            TransferSyntax.EXPLICIT_VR_BE_UID, TransferSyntax.DEFLATED_EXPLICIT_VR_LE_UID};

    /** One random image and how to write it. */
    record Case(int rows, int columns, int samples, int bitsAllocated, int bitsStored, boolean signed, int planar,
                int frames, String ts, boolean undefinedSequences, boolean preamble, long seed, String manufacturer,
                String laterality) {
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<int[]> layout = Combinators.combine(Arbitraries.integers().between(1, 12),
                Arbitraries.integers().between(1, 12), Arbitraries.of(1, 3), Arbitraries.of(8, 16),
                Arbitraries.integers().between(1, 16), Arbitraries.integers().between(1, 3),
                Arbitraries.of(0, 1)).as((r, c, s, ba, bs, f, p) -> new int[] {r, c, s, ba, Math.min(bs, ba), f, p});
        return Combinators.combine(layout, Arbitraries.of(SYNTAXES), Arbitraries.of(true, false),
                Arbitraries.of(true, false), Arbitraries.of(true, false), Arbitraries.longs(),
                Arbitraries.strings().withCharRange('A', 'Z').ofMinLength(0).ofMaxLength(63),
                Arbitraries.of("L", "R", ""))
                .as((l, ts, signed, undef, pre, seed, manu, lat) -> new Case(l[0], l[1], l[2], l[3], l[4],
                        signed && l[2] == 1, l[6], l[5], ts, undef, pre, seed, manu, lat));
    }

    @Property(tries = 150)
    void writtenImagesReadBackExactly(@ForAll("cases") Case c) throws Exception {
        Random rnd = new Random(c.seed());
        int n = c.frames() * c.rows() * c.columns() * c.samples();
        int[] samples = new int[n];
        long lo = c.signed() ? -(1L << (c.bitsStored() - 1)) : 0;
        long span = 1L << c.bitsStored();
        for (int i = 0; i < n; i++) {
            samples[i] = (int) (lo + (rnd.nextLong() & Long.MAX_VALUE) % span);
        }
        String photometric = c.samples() == 3 ? "RGB" : "MONOCHROME2";
        DicomAttributes a = DicomFiles.mgHeader()
                .setString(Tag.MANUFACTURER, Vr.LO, c.manufacturer())
                .setString(Tag.LATERALITY, Vr.CS, c.laterality())
                .setString(0x00091010, Vr.LO, "private value")
                .setSequence(Tag.VIEW_CODE_SEQUENCE, new DicomAttributes()
                        .setString(Tag.CODE_VALUE, Vr.SH, "R-10242")
                        .setString(Tag.CODE_MEANING, Vr.LO, "cranio-caudal")
                        .setSequence(0x00540222, new DicomAttributes().setString(Tag.CODE_MEANING, Vr.LO, "x")));
        new NativePixels(c.rows(), c.columns(), c.samples(), c.bitsAllocated(), c.bitsStored(), c.signed(),
                photometric, c.planar(), c.frames(), samples).writeTo(a);
        DicomWriter writer = DicomWriter.builder().transferSyntax(c.ts()).preamble(c.preamble())
                .undefinedLengthSequences(c.undefinedSequences()).build();
        Path file = Files.createTempFile("roundtrip", ".dcm");
        try {
            writer.write(file, a);
            DicomFileReader reader = DicomFileReader.create();
            int perFrame = c.rows() * c.columns() * c.samples();
            for (int f = 0; f < c.frames(); f++) {
                DecodedImage img = reader.read(file, f);
                float[] expected = new float[perFrame];
                for (int i = 0; i < perFrame; i++) {
                    expected[i] = samples[f * perFrame + i];
                }
                assertArrayEquals(expected, img.pixels(), "frame " + f);
            }
            ImageMetadata m = reader.readMetadata(file);
            assertEquals(c.rows(), m.rows());
            assertEquals(c.columns(), m.columns());
            assertEquals(c.frames(), m.frames());
            assertEquals(c.bitsStored(), m.bitsStored());
            assertEquals(c.ts(), m.transferSyntaxUid());
            assertEquals(c.manufacturer().isEmpty() ? null : c.manufacturer(), m.manufacturer());
            assertEquals(c.laterality().isEmpty() ? null : c.laterality(), m.laterality());
            assertEquals("cranio-caudal", m.viewPosition());
            assertEquals("private value", m.tag(0x00091010).orElse(null));
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
