package org.mammoembed.reduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mammoembed.core.Projection;

/** Against scikit-learn's exact PCA (fixture written by src/test/python/make_pca_fixture.py). */
class PcaAgainstScikitLearnTest {

    @Test
    void randomizedSolverMatchesExactPcaScoresAndRatios() throws IOException {
        float[][] x = read("data.csv").stream().map(r -> {
            float[] f = new float[r.length];
            for (int j = 0; j < r.length; j++) {
                f[j] = (float) r[j];
            }
            return f;
        }).toArray(float[][]::new);
        List<double[]> expected = read("expected.csv");
        Projection p = Pca.builder().components(3).build().fitTransform(x);
        @SuppressWarnings("unchecked")
        List<Double> ratio = java.util.Arrays.stream(p.explainedVarianceRatio().orElseThrow()).boxed().toList();
        for (int c = 0; c < 3; c++) {
            assertEquals(expected.get(0)[c], ratio.get(c), 1e-9 * expected.get(0)[c], "ratio " + c);
        }
        double scale = Math.abs(expected.get(1)[0]) + 1.0;
        for (int i = 0; i < x.length; i++) {
            for (int c = 0; c < 3; c++) {
                assertEquals(expected.get(i + 1)[c], p.coordinate(i, c), 1e-6 * scale, "row " + i + " comp " + c);
            }
        }
    }

    private static List<double[]> read(String name) throws IOException {
        InputStream in = PcaAgainstScikitLearnTest.class.getResourceAsStream("/org/mammoembed/reduce/pca/" + name);
        assertNotNull(in, name);
        List<double[]> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                String[] f = line.split(",");
                double[] row = new double[f.length];
                for (int j = 0; j < f.length; j++) {
                    row[j] = Double.parseDouble(f[j]);
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
