package org.mammoembed.dicom.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.mammoembed.dicom.DicomException;

/**
 * The building blocks against T.87's definitions: default thresholds, derived quantities, gradient
 * quantisation, prediction, Golomb parameter, error mapping, and the bit stuffing of the coded data.
 */
class JpegLsPrimitivesTest {

    @Test
    void defaultThresholdsMatchWhatEncodersWrite() throws DicomException {
        // 8-bit: T.87's documented defaults; 16-bit: the LSE values CharLS/dcmtk wrote into corpus files
        assertArrayEquals(new int[] {3, 7, 21}, JpegLsCodingParameters.defaultThresholds(255, 0));
        assertArrayEquals(new int[] {18, 67, 276}, JpegLsCodingParameters.defaultThresholds(65535, 0));
        assertArrayEquals(new int[] {24, 77, 290}, JpegLsCodingParameters.defaultThresholds(65535, 2));
        assertArrayEquals(new int[] {18, 67, 276}, JpegLsCodingParameters.defaultThresholds(4095, 0));
        // small MAXVAL: T3 = 4 exceeds MAXVAL 3, so CLAMP falls back to the lower bound T2
        assertArrayEquals(new int[] {2, 3, 3}, JpegLsCodingParameters.defaultThresholds(3, 0));
        JpegLsCodingParameters p = JpegLsCodingParameters.of(12, 0, null);
        assertEquals(new JpegLsCodingParameters(4095, 0, 18, 67, 276, 64), p);
    }

    @Test
    void presetZeroesMeanDefaults() throws DicomException {
        JpegLsCodingParameters p = JpegLsCodingParameters.of(10, 1, new int[] {1000, 0, 30, 0, 0});
        int[] defaults = JpegLsCodingParameters.defaultThresholds(1000, 1);
        assertEquals(new JpegLsCodingParameters(1000, 1, defaults[0], 30, defaults[2], 64), p);
    }

    @Test
    void derivedQuantities() throws DicomException {
        JpegLsCodingParameters lossless8 = JpegLsCodingParameters.of(8, 0, null);
        assertEquals(256, lossless8.range());
        assertEquals(8, lossless8.qbpp());
        assertEquals(32, lossless8.limit());
        JpegLsCodingParameters near8 = JpegLsCodingParameters.of(8, 2, null);
        assertEquals((255 + 4) / 5 + 1, near8.range());
        assertEquals(6, near8.qbpp());
        JpegLsCodingParameters lossless16 = JpegLsCodingParameters.of(16, 0, null);
        assertEquals(65536, lossless16.range());
        assertEquals(16, lossless16.qbpp());
        assertEquals(64, lossless16.limit());
    }

    @Test
    void invalidParametersAreRejectedByName() {
        DicomException near = assertThrows(DicomException.class, () -> JpegLsCodingParameters.of(8, 200, null));
        assertTrue(near.getMessage().contains("NEAR 200"), near.getMessage());
        DicomException order = assertThrows(DicomException.class,
                () -> JpegLsCodingParameters.of(8, 0, new int[] {0, 10, 5, 0, 0}));
        assertTrue(order.getMessage().contains("T1=10 T2=5"), order.getMessage());
        DicomException reset = assertThrows(DicomException.class,
                () -> JpegLsCodingParameters.of(8, 0, new int[] {0, 0, 0, 0, 2}));
        assertTrue(reset.getMessage().contains("RESET 2"), reset.getMessage());
    }

    @Test
    void quantisesGradientsIntoNineRegions() throws DicomException {
        JpegLsCodingParameters p = JpegLsCodingParameters.of(8, 0, null); // T1=3 T2=7 T3=21
        int[] d = {0, 1, 2, 3, 6, 7, 20, 21, 255};
        int[] q = {0, 1, 1, 2, 2, 3, 3, 4, 4};
        for (int i = 0; i < d.length; i++) {
            assertEquals(q[i], JpegLsScanDecoder.quantizeGradient(d[i], p), "d=" + d[i]);
            assertEquals(-q[i], JpegLsScanDecoder.quantizeGradient(-d[i], p), "d=" + -d[i]);
        }
        JpegLsCodingParameters near = JpegLsCodingParameters.of(8, 2, null);
        assertEquals(0, JpegLsScanDecoder.quantizeGradient(2, near));
        assertEquals(0, JpegLsScanDecoder.quantizeGradient(-2, near));
        assertEquals(1, JpegLsScanDecoder.quantizeGradient(3, near));
    }

    @Test
    void medianEdgeDetectorPredicts() {
        assertEquals(10, JpegLsContextModel.predict(10, 20, 25)); // c above both: min
        assertEquals(20, JpegLsContextModel.predict(10, 20, 5));  // c below both: max
        assertEquals(17, JpegLsContextModel.predict(10, 20, 13)); // in between: a + b - c
    }

    @Test
    void golombParameterIsTheLeastKWithNShiftedReachingA() {
        assertEquals(0, JpegLsContextModel.golombParameter(4, 4));
        assertEquals(1, JpegLsContextModel.golombParameter(3, 4));
        assertEquals(2, JpegLsContextModel.golombParameter(1, 4));
        assertEquals(3, JpegLsContextModel.golombParameter(1, 5));
    }

    @Property
    void golombParameterFollowsItsDefinition(@ForAll @IntRange(min = 1, max = 65535) int n,
                                             @ForAll @IntRange(min = 0, max = 1 << 24) int a) {
        int k = JpegLsContextModel.golombParameter(n, a);
        assertTrue(((long) n << k) >= a, "N << k reaches A");
        assertTrue(k == 0 || ((long) n << (k - 1)) < a, "k is the least such");
    }

    @Property
    void predictionFollowsTheMedianEdgeDetectorOfA41(@ForAll @IntRange(min = 0, max = 65535) int ra,
                                                     @ForAll @IntRange(min = 0, max = 65535) int rb,
                                                     @ForAll @IntRange(min = 0, max = 65535) int rc) {
        // T.87 A.4.1 as written, with its branches
        int expected;
        if (rc >= Math.max(ra, rb)) {
            expected = Math.min(ra, rb);
        } else if (rc <= Math.min(ra, rb)) {
            expected = Math.max(ra, rb);
        } else {
            expected = ra + rb - rc;
        }
        assertEquals(expected, JpegLsContextModel.predict(ra, rb, rc));
    }

    @Property(tries = 500)
    void golombWordsReadAsTheDestuffedBitsSpell(@ForAll("stuffedScans") byte[] scan,
                                                @ForAll @IntRange(min = 0, max = 24) int k,
                                                @ForAll @IntRange(min = 1, max = 47) int escape)
            throws DicomException {
        // the coded bits by T.87 A.1 directly: 7 bits after a 0xFF, and the data end at 0xFF + a byte >= 0x80
        StringBuilder bits = new StringBuilder();
        for (int i = 0; i < scan.length; i++) {
            int b = scan[i] & 0xFF;
            if (b == 0xFF && (i + 1 >= scan.length || (scan[i + 1] & 0x80) != 0)) {
                break;
            }
            boolean stuffed = i > 0 && (scan[i - 1] & 0xFF) == 0xFF;
            for (int bit = stuffed ? 6 : 7; bit >= 0; bit--) {
                bits.append((b >> bit) & 1);
            }
        }
        JpegLsBitReader reader = new JpegLsBitReader(scan, 0, scan.length);
        int at = 0;
        for (int word = 0; word < 64; word++) {
            int stop = bits.indexOf("1", at);
            if (stop < 0 || stop - at >= escape || stop + 1 + k > bits.length()) {
                return; // an escape, the limit or the end of the data: the plain reads' own tests cover those
            }
            int expected = (stop - at) << k | (k == 0 ? 0 : Integer.parseInt(bits.substring(stop + 1, stop + 1 + k), 2));
            at = stop + 1 + k;
            int got = reader.readShortGolomb(k, escape);
            if (got == -1) {
                got = reader.readZeroRun(escape) << k | reader.readBits(k);
            }
            assertEquals(expected, got, "word " + word + " of " + bits);
        }
    }

    /** Coded data as an encoder stuffs it: a zero bit after each 0xFF, then an EOI marker. */
    @Provide
    Arbitrary<byte[]> stuffedScans() {
        // zero bytes make long prefixes (and the limit), 0xFF bytes stuffing and markers: both far likelier than
        // in uniform bytes
        Arbitrary<Integer> bytes = Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.just(0)),
                Tuple.of(2, Arbitraries.just(0xFF)), Tuple.of(5, Arbitraries.integers().between(0, 255)));
        return bytes.list().ofMinSize(0).ofMaxSize(80).map(values -> {
            byte[] out = new byte[values.size() + 2];
            for (int i = 0; i < values.size(); i++) {
                int v = values.get(i);
                out[i] = (byte) (i > 0 && out[i - 1] == (byte) 0xFF ? v & 0x7F : v);
            }
            out[values.size()] = (byte) 0xFF;
            out[values.size() + 1] = (byte) 0xD9;
            return out;
        }).edgeCases(edges -> edges.add(new byte[] {(byte) 0xFF, (byte) 0xD9}));
    }

    @Property
    void unmappingInvertsTheMappingOfA52(@ForAll @IntRange(min = -40000, max = 40000) int error) {
        int mapped = error >= 0 ? 2 * error : -2 * error - 1;
        assertEquals(error, JpegLsContextModel.unmapError(mapped, false));
        int invertedMapped = error >= 0 ? 2 * error + 1 : -2 * (error + 1);
        assertEquals(error, JpegLsContextModel.unmapError(invertedMapped, true));
    }

    @Test
    void bitReaderDropsTheStuffedBitAfterFf() throws DicomException {
        byte[] data = {(byte) 0xFF, 0x7F, (byte) 0xA5};
        JpegLsBitReader in = new JpegLsBitReader(data, 0, data.length);
        assertEquals(0xFF, in.readBits(8));
        assertEquals(0x7F, in.readBits(7)); // 0x7F's top bit was the stuffed zero
        assertEquals(0xA5, in.readBits(8));
    }

    @Test
    void aGolombWordCanTakeTheWholeCache() throws DicomException {
        // word 1: 44 zeros, the stop bit and k = 19 bits, 64 bits in all, the cache's whole first fill
        byte[] data = {0, 0, 0, 0, 0, 0x08, 0x5A, (byte) 0xC3, 0x40, 0x12, 0x34, 0x56, 0x78, 0x11, 0x22, 0x33,
                (byte) 0xFF, (byte) 0xD9};
        JpegLsBitReader in = new JpegLsBitReader(data, 0, data.length);
        assertEquals(44 << 19 | Integer.parseInt("000" + "01011010" + "11000011", 2), in.readShortGolomb(19, 47));
        // word 2: one zero, the stop bit and 19 bits, all from bytes the cache takes after the first word
        assertEquals(1 << 19 | Integer.parseInt("000000" + "00010010" + "00110", 2), in.readShortGolomb(19, 47));
        assertEquals(Integer.parseInt("100" + "01010110" + "01111000", 2), in.readBits(19));
        assertEquals(0x112233, in.readBits(24)); // the bits the first word would be mixed into had it stayed
    }

    @Test
    void aZeroRunCanEndOnTheCachesLastBit() throws DicomException {
        // 63 zeros and the stop bit fill the first 64 bits; what follows must come out unmixed with them
        byte[] data = {0, 0, 0, 0, 0, 0, 0, 1, (byte) 0xA5, 0x5A, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66};
        JpegLsBitReader in = new JpegLsBitReader(data, 0, data.length);
        assertEquals(63, in.readZeroRun(64));
        assertEquals(0xA55A, in.readBits(16));
        assertEquals(0x1122, in.readBits(16));
        assertEquals(0x3344, in.readBits(16));
        assertEquals(0x5566, in.readBits(16));
    }

    @Test
    void bitReaderStopsAtAMarkerAndReportsOverrun() throws DicomException {
        byte[] data = {(byte) 0xAB, (byte) 0xFF, (byte) 0xD9};
        JpegLsBitReader in = new JpegLsBitReader(data, 0, data.length);
        assertEquals(0xAB, in.readBits(8));
        assertEquals(1, in.finish());
        JpegLsBitReader overrun = new JpegLsBitReader(data, 0, data.length);
        overrun.readBits(8);
        overrun.readBits(8); // padding zeros: noticed at the latest when the cache is refilled
        DicomException e = assertThrows(DicomException.class, () -> {
            for (int i = 0; i < 10; i++) {
                overrun.readBits(16);
            }
        });
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void bitReaderCountsZerosAcrossBytesAndEnforcesTheLimit() throws DicomException {
        byte[] data = {0x00, 0x01, (byte) 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x40};
        JpegLsBitReader in = new JpegLsBitReader(data, 0, data.length);
        assertEquals(15, in.readZeroRun(31));
        assertEquals(0, in.readZeroRun(31));
        DicomException e = assertThrows(DicomException.class, () -> in.readZeroRun(31));
        assertTrue(e.getMessage().contains("limit 31"), e.getMessage());
    }

    @Test
    void bitReaderRestartsAtTheExpectedMarkerOnly() throws DicomException {
        byte[] data = {(byte) 0xA0, (byte) 0xFF, (byte) 0xD3, (byte) 0x80};
        JpegLsBitReader in = new JpegLsBitReader(data, 0, data.length);
        assertEquals(0b101, in.readBits(3));
        in.restart(3);
        assertEquals(1, in.readBit());
        JpegLsBitReader wrong = new JpegLsBitReader(data, 0, data.length);
        wrong.readBits(3);
        DicomException e = assertThrows(DicomException.class, () -> wrong.restart(0));
        assertTrue(e.getMessage().contains("RST0"), e.getMessage());
    }
}
