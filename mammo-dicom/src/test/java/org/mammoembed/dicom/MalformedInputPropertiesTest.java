package org.mammoembed.dicom;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.mammoembed.core.MammoException;

/**
 * Mutated files (truncated at every byte, bit flips, huge length fields, wrong VRs) never crash, hang or
 * allocate much: each read ends in a decoded image or a {@link DicomException}, within a time and an
 * allocation bound.
 */
class MalformedInputPropertiesTest {
    /** Bytes a read of a file of a few hundred bytes may allocate: far below what a bogus length could claim. */
    private static final long MAX_ALLOCATED = 32L << 20;

    private static final byte[] BASE = baseFile(TransferSyntax.EXPLICIT_VR_LE_UID, false);
    private static final byte[] BASE_IMPLICIT = baseFile(TransferSyntax.IMPLICIT_VR_LE_UID, true);

    private static byte[] baseFile(String ts, boolean undefinedSequences) {
        DicomAttributes a = DicomFiles.mgHeader()
                .setString(Tag.IMAGE_LATERALITY, Vr.CS, "R")
                .setString(Tag.WINDOW_CENTER, Vr.DS, "100").setString(Tag.WINDOW_WIDTH, Vr.DS, "200")
                .setString(Tag.RESCALE_SLOPE, Vr.DS, "1.5")
                .setSequence(Tag.VIEW_CODE_SEQUENCE, new DicomAttributes()
                        .setString(Tag.CODE_MEANING, Vr.LO, "medio-lateral oblique")
                        .setSequence(0x00540222, new DicomAttributes().setString(Tag.CODE_VALUE, Vr.SH, "1")));
        int[] px = new int[2 * 6 * 5];
        for (int i = 0; i < px.length; i++) {
            px[i] = (i * 37) % 4096;
        }
        new NativePixels(6, 5, 1, 16, 12, false, "MONOCHROME2", 0, 2, px).writeTo(a);
        return DicomWriter.builder().transferSyntax(ts).undefinedLengthSequences(undefinedSequences).build()
                .encode(a);
    }

    /** Reads the bytes as a file; fails the test unless the result is an image or a DicomException. */
    static void readMustBeSafe(byte[] bytes) throws Exception {
        Path file = Files.createTempFile("mutant", ".dcm");
        try {
            Files.write(file, bytes);
            DicomFileReader reader = DicomFileReader.create();
            com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
                long before = mx.getCurrentThreadAllocatedBytes();
                for (int frame = 0; frame < 2; frame++) {
                    try {
                        reader.read(file, frame);
                    } catch (DicomException expected) {
                        // a clear refusal is a correct outcome
                    } catch (MammoException other) {
                        fail("not a DicomException: " + other);
                    } catch (RuntimeException | OutOfMemoryError e) {
                        throw new AssertionError("read threw " + e, e);
                    }
                }
                try {
                    reader.readMetadata(file);
                } catch (DicomException expected) {
                    // fine
                }
                long allocated = mx.getCurrentThreadAllocatedBytes() - before;
                assertTrue(allocated < MAX_ALLOCATED, "allocated " + allocated + " bytes");
            });
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Example
    void truncationAtEveryByteIsSafe() throws Exception {
        for (byte[] base : List.of(BASE, BASE_IMPLICIT)) {
            for (int len = 0; len < base.length; len++) {
                readMustBeSafe(java.util.Arrays.copyOf(base, len));
            }
        }
    }

    @Property(tries = 300)
    void bitFlipsAreSafe(@ForAll("positions") List<Integer> positions, @ForAll boolean implicit) throws Exception {
        byte[] b = (implicit ? BASE_IMPLICIT : BASE).clone();
        for (int p : positions) {
            int at = p % (b.length * 8);
            b[at / 8] ^= (byte) (1 << (at % 8));
        }
        readMustBeSafe(b);
    }

    @Provide
    Arbitrary<List<Integer>> positions() {
        return Arbitraries.integers().between(0, Integer.MAX_VALUE).list().ofMinSize(1).ofMaxSize(8);
    }

    @Property(tries = 300)
    void hugeLengthFieldsAreSafe(@ForAll @IntRange(min = 0, max = 100_000) int offset,
                                 @ForAll("hugeLengths") int length, @ForAll boolean implicit) throws Exception {
        byte[] b = (implicit ? BASE_IMPLICIT : BASE).clone();
        int at = offset % (b.length - 4);
        // little endian 32-bit (explicit long form, implicit) and 16-bit (explicit short form) length fields
        b[at] = (byte) length;
        b[at + 1] = (byte) (length >>> 8);
        b[at + 2] = (byte) (length >>> 16);
        b[at + 3] = (byte) (length >>> 24);
        readMustBeSafe(b);
    }

    @Provide
    Arbitrary<Integer> hugeLengths() {
        return Arbitraries.oneOf(Arbitraries.of(0xFFFFFFFF, 0xFFFFFFFE, 0x7FFFFFFF, 0xC0000000, 0x0000FFFF),
                Arbitraries.integers());
    }

    @Property(tries = 300)
    void wrongVrsAreSafe(@ForAll @IntRange(min = 0, max = 100_000) int offset,
                         @ForAll("vrs") String vr) throws Exception {
        byte[] b = BASE.clone();
        // find the n-th VR position: explicit VR headers have two upper-case letters after the tag
        int found = 0;
        int target = offset % 40;
        for (int i = 132; i + 6 < b.length; i++) {
            if (Vr.of(b[i + 4], b[i + 5]) != null && found++ == target) {
                b[i + 4] = (byte) vr.charAt(0);
                b[i + 5] = (byte) vr.charAt(1);
                break;
            }
        }
        readMustBeSafe(b);
    }

    @Provide
    Arbitrary<String> vrs() {
        return Arbitraries.oneOf(Arbitraries.of("SQ", "UN", "OB", "OW", "US", "UL", "FD", "XX", "ZZ", "\0\0"),
                Arbitraries.strings().ofLength(2));
    }

    /** Opt-in: the smallest real corpus files, truncated around every top-level element boundary and bit-flipped. */
    @Example
    void mutatedRealFilesAreSafe() throws Exception {
        String corpus = System.getProperty("mammo.corpus");
        org.junit.jupiter.api.Assumptions.assumeTrue(corpus != null && !corpus.isBlank(),
                "set -Dmammo.corpus to mutate real files");
        List<Path> small;
        try (java.util.stream.Stream<Path> s = Files.walk(Path.of(corpus))) {
            small = s.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".md")
                            && !p.toString().endsWith(".json") && !p.toString().endsWith(".txt"))
                    .filter(p -> p.toFile().length() < 40_000)
                    .sorted().limit(8).toList();
        }
        java.util.Random rnd = new java.util.Random(7);
        for (Path p : small) {
            byte[] original = Files.readAllBytes(p);
            java.util.TreeSet<Integer> cuts = new java.util.TreeSet<>();
            try {
                ParsedFile parsed = new DicomParser(32, 1 << 30).parse(p, false);
                for (DicomElement e : parsed.dataSet().elements()) {
                    for (int d : new int[] {-12, -8, -6, -4, -1, 0, 1}) {
                        cuts.add(e.offset() + d);
                    }
                    cuts.add(e.offset() + Math.max(e.length(), 0) - 1);
                }
            } catch (DicomException refusedAnyway) {
                cuts.add(original.length / 2);
            }
            for (int cut : cuts) {
                if (cut > 0 && cut < original.length) {
                    readMustBeSafe(java.util.Arrays.copyOf(original, cut));
                }
            }
            for (int k = 0; k < 15; k++) {
                byte[] b = original.clone();
                for (int flips = 0; flips < 4; flips++) {
                    int at = rnd.nextInt(b.length);
                    b[at] ^= (byte) (1 << rnd.nextInt(8));
                }
                readMustBeSafe(b);
            }
        }
    }

    @Example
    void aClaimedThreeGigabytePixelDataIsRefusedQuickly() throws Exception {
        DicomAttributes a = DicomFiles.mgHeader();
        NativePixels.grayscale(4, 4, 16, 16, false, "MONOCHROME2", new int[16]).writeTo(a);
        byte[] b = DicomWriter.builder().build().encode(a);
        // the OW Pixel Data header's 32-bit length is the last 4 bytes before the 32 value bytes
        int lengthAt = b.length - 32 - 4;
        int huge = 0xC0000000;
        b[lengthAt] = (byte) huge;
        b[lengthAt + 1] = (byte) (huge >>> 8);
        b[lengthAt + 2] = (byte) (huge >>> 16);
        b[lengthAt + 3] = (byte) (huge >>> 24);
        Path file = Files.createTempFile("huge", ".dcm");
        try {
            Files.write(file, b);
            DicomException e = org.junit.jupiter.api.Assertions.assertThrows(DicomException.class,
                    () -> DicomFileReader.create().read(file));
            // the declared length itself is never echoed (it may be a patient's name misread: PhiInMessagesTest)
            assertTrue(e.getMessage().contains("(7FE0,0010)") && e.getMessage().contains("truncated")
                    && !e.getMessage().contains("3221225472"), e.getMessage());
        } finally {
            Files.deleteIfExists(file);
        }
        readMustBeSafe(b);
    }
}
