package org.mammoembed.reduce;

import org.mammoembed.reduce.internal.Distances;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ComponentPlacementTest {

    @Test
    void distinctMeansKeepTheirOrderAndDiscsDoNotTouch() {
        List<double[][]> layouts = layouts(3, 7);
        double[][] means = {{0, 0}, {1, 0}, {5, 0}};
        ComponentPlacement.place(layouts, means, 2, 1);
        assertApart(layouts);
        double[] x = new double[3];
        for (int c = 0; c < 3; c++) {
            x[c] = centre(layouts.get(c))[0];
        }
        // PCA may flip the axis, but the middle mean stays in the middle
        assertTrue((x[0] < x[1] && x[1] < x[2]) || (x[0] > x[1] && x[1] > x[2]), java.util.Arrays.toString(x));
    }

    @Test
    void coincidingOrNearlyCoincidingMeansFallBackToACompactGrid() {
        for (double offset : new double[] {0.0, 1e-7}) {
            List<double[][]> layouts = layouts(4, 8);
            double[][] means = {{0, 0, 0}, {offset, 0, 0}, {3, 1, 0}, {-2, 4, 1}};
            ComponentPlacement.place(layouts, means, 2, 1);
            assertApart(layouts);
            for (double[][] layout : layouts) {
                for (double[] row : layout) {
                    assertTrue(Math.abs(row[0]) < 1e3 && Math.abs(row[1]) < 1e3, "compact: " + row[0] + ", " + row[1]);
                }
            }
        }
    }

    private static List<double[][]> layouts(int count, long seed) {
        Random r = new Random(seed);
        List<double[][]> out = new ArrayList<>();
        for (int c = 0; c < count; c++) {
            double[][] l = new double[1 + c * 3][2];
            for (double[] row : l) {
                row[0] = r.nextGaussian() * (1 + c);
                row[1] = r.nextGaussian();
            }
            out.add(l);
        }
        return out;
    }

    private static double[] centre(double[][] l) {
        double[] c = new double[2];
        for (double[] row : l) {
            c[0] += row[0] / l.length;
            c[1] += row[1] / l.length;
        }
        return c;
    }

    private static void assertApart(List<double[][]> layouts) {
        for (int a = 0; a < layouts.size(); a++) {
            for (int b = a + 1; b < layouts.size(); b++) {
                double[] ca = centre(layouts.get(a));
                double[] cb = centre(layouts.get(b));
                double ra = 0;
                double rb = 0;
                for (double[] row : layouts.get(a)) {
                    ra = Math.max(ra, Math.sqrt(Distances.squared(row, ca)));
                }
                for (double[] row : layouts.get(b)) {
                    rb = Math.max(rb, Math.sqrt(Distances.squared(row, cb)));
                }
                assertTrue(Math.sqrt(Distances.squared(ca, cb)) > ra + rb,
                        "components " + a + " and " + b + " touch");
            }
        }
    }
}
