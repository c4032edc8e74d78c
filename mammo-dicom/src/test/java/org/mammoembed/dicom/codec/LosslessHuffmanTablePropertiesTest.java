package org.mammoembed.dicom.codec;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import net.jqwik.api.constraints.IntRange;

import java.util.Random;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whatever its code lengths, a lossless JPEG Huffman table decodes its stream exactly, with whichever lookahead
 * (12, 13 or 14 bits) {@link LosslessHuffmanTable#lookaheadFor} chooses for it: rows of background (runs of zero
 * differences that one lookup can hold, ending at the row's end or not) and of texture of random amplitude (every
 * category), through {@link JpegDecoder} with a random predictor.
 */
class LosslessHuffmanTablePropertiesTest {
    private static final String LOSSLESS = "1.2.840.10008.1.2.4.57";
    private static final int[] CATEGORIES = IntStream.rangeClosed(0, 16).toArray();

    @Property(tries = 300)
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    void everyTableDecodesItsStreamExactly(@ForAll("codeLengths") int[] lengths,
                                           @ForAll @IntRange(min = 1, max = 7) int predictor,
                                           @ForAll @IntRange(min = 2, max = 16) int precision,
                                           @ForAll @IntRange(min = 1, max = 40) int rows,
                                           @ForAll @IntRange(min = 1, max = 70) int columns,
                                           @ForAll long seed) throws Exception {
        int lookahead = LosslessHuffmanTable.lookaheadFor(lengths, CATEGORIES);
        assertTrue(lookahead >= LosslessHuffmanTable.MIN_LOOKAHEAD && lookahead <= LosslessHuffmanTable.MAX_LOOKAHEAD,
                "lookahead " + lookahead);
        Statistics.label("lookahead").collect(lookahead);
        Statistics.label("lookahead").coverage(c -> {
            for (int bits = LosslessHuffmanTable.MIN_LOOKAHEAD; bits <= LosslessHuffmanTable.MAX_LOOKAHEAD; bits++) {
                c.check(bits).count(n -> n > 0);
            }
        });
        int[] source = backgroundAndTexture(rows, columns, precision, seed);
        LosslessJpegWriter w = new LosslessJpegWriter();
        w.precision = precision;
        w.predictor = predictor;
        w.codeLengths = lengths;
        byte[] jpeg = w.write(source, rows, columns, 1);
        PixelFormat f = new PixelFormat(rows, columns, 1, precision > 8 ? 16 : 8, precision, precision - 1, false,
                "MONOCHROME2", 0);
        assertArrayEquals(source, new JpegDecoder().decode(jpeg, f, LOSSLESS).samples(),
                "lookahead " + lookahead + ", predictor " + predictor + ", " + precision + " bits");
    }

    /**
     * Code lengths 1..16 for categories 0..16 that form a prefix code with room to spare (so no code is all ones,
     * which JPEG forbids): random lengths, category 0's as short as a mammogram's background makes it (1 to 3 bits)
     * in three tables of four, so that one lookup holds a long run of zero differences; the shortest of the other
     * categories' codes lengthened until they fit.
     */
    @Provide
    Arbitrary<int[]> codeLengths() {
        Arbitrary<int[]> random = Arbitraries.integers().between(1, 16).array(int[].class).ofSize(17);
        return Combinators.combine(random, Arbitraries.integers().between(0, 3), Arbitraries.integers().between(1, 3))
                .as((lengths, pick, shortCode) -> {
                    int[] l = lengths.clone();
                    if (pick > 0) {
                        l[0] = shortCode;
                    }
                    while (kraftSum(l) > 65535) {
                        int shortest = 1;
                        for (int c = 2; c < l.length; c++) {
                            if (l[c] < l[shortest]) {
                                shortest = c;
                            }
                        }
                        l[shortest]++; // ends before all reach 16: category 0 then takes at most half the codes
                    }
                    return l;
                });
    }

    /** The sum of 2^(16 - length): a prefix code needs at most 65536, one with a spare code at most 65535. */
    private static long kraftSum(int[] lengths) {
        long sum = 0;
        for (int l : lengths) {
            sum += 1L << (16 - l);
        }
        return sum;
    }

    /** Each row: background, texture of a random amplitude, background, any of them empty; some rows all background. */
    private static int[] backgroundAndTexture(int rows, int columns, int precision, long seed) {
        Random rnd = new Random(seed);
        int max = (1 << precision) - 1;
        int background = rnd.nextInt(max + 1);
        int[] s = new int[rows * columns];
        for (int y = 0; y < rows; y++) {
            int left = rnd.nextInt(4) == 0 ? columns : rnd.nextInt(columns + 1);
            int right = left + rnd.nextInt(columns - left + 1);
            int amplitude = 1 << rnd.nextInt(precision + 1);
            for (int x = 0; x < columns; x++) {
                s[y * columns + x] = x >= left && x < right
                        ? Math.floorMod(background + rnd.nextInt(amplitude) - amplitude / 2, max + 1) : background;
            }
        }
        return s;
    }
}
