package org.mammoembed.reduce.baselines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Against scikit-learn 1.2.1 (fixture written by src/test/python/make_classification_fixture.py). */
class ClassificationScoresTest {

    @Test
    void matchesScikitLearn() throws IOException {
        InputStream in = getClass().getResourceAsStream("/org/mammoembed/reduce/baselines/classification_cases.csv");
        assertNotNull(in);
        int cases = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; cases++) {
                String[] f = line.split(",");
                int[] truth = Arrays.stream(f[1].split(" ")).mapToInt(Integer::parseInt).toArray();
                int[] predicted = Arrays.stream(f[2].split(" ")).mapToInt(Integer::parseInt).toArray();
                ClassificationScores s = ClassificationScores.of(truth, predicted);
                String c = f[0];
                assertEquals(Double.parseDouble(f[3]), s.balancedAccuracy(), 1e-12, c);
                assertEquals(Double.parseDouble(f[4]), s.accuracy(), 1e-12, c);
                assertEquals(Double.parseDouble(f[5]), s.macroF1(), 1e-12, c);
                assertEquals(Double.parseDouble(f[6]), s.kappa(), 1e-12, c);
                assertEquals(Double.parseDouble(f[7]), s.quadraticKappa(), 1e-12, c);
                int total = Arrays.stream(s.confusion()).flatMapToInt(Arrays::stream).sum();
                assertEquals(truth.length, total);
            }
        }
        assertEquals(3, cases);
    }

    @Test
    void perfectAndConstantPredictions() {
        int[] truth = {1, 2, 3, 4, 4};
        ClassificationScores perfect = ClassificationScores.of(truth, truth.clone());
        assertEquals(1.0, perfect.balancedAccuracy());
        assertEquals(1.0, perfect.kappa());
        assertEquals(1.0, perfect.quadraticKappa());
        ClassificationScores constant = ClassificationScores.of(new int[] {2, 2}, new int[] {2, 2});
        assertTrue(Double.isNaN(constant.kappa()), "chance agreement 1 leaves kappa undefined");
        assertThrows(IllegalArgumentException.class, () -> ClassificationScores.of(new int[] {5}, new int[] {1}));
    }

    @Test
    void pairedTTestGivesTheTabulatedCriticalValue() {
        // differences c-1, c+1, c, c, c: sd = 1/sqrt(2), t = c * sqrt(10); t(0.975, df 4) = 2.776445105
        double c = 2.776445105 / Math.sqrt(10);
        double[] a = {c - 1, c + 1, c, c, c};
        double[] b = new double[5];
        PairedTTest t = PairedTTest.of("a", a, "b", b);
        assertEquals(4, t.df());
        assertEquals(2.776445105, t.t(), 1e-9);
        assertEquals(0.05, t.pValue(), 1e-7);
        PairedTTest same = PairedTTest.of("a", b, "b", b);
        assertEquals(1.0, same.pValue());
    }
}
