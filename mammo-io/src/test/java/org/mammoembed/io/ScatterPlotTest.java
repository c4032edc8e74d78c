package org.mammoembed.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mammoembed.core.BiRadsDensity;
import org.mammoembed.core.Projection;

class ScatterPlotTest {
    @TempDir
    Path dir;

    /** Four Gaussian blobs, one per class, plus a few unlabelled points. */
    static Projection blobs(String method, int perClass, List<BiRadsDensity> labels) {
        SplittableRandom rnd = new SplittableRandom(3);
        List<double[]> pts = new ArrayList<>();
        double[][] centres = {{-5, -5}, {5, -5}, {-5, 5}, {5, 5}};
        for (int c = 0; c < 4; c++) {
            for (int i = 0; i < perClass; i++) {
                pts.add(new double[] {centres[c][0] + rnd.nextGaussian(), centres[c][1] + rnd.nextGaussian()});
                labels.add(BiRadsDensity.ofCode(c + 1));
            }
        }
        for (int i = 0; i < 5; i++) {
            pts.add(new double[] {rnd.nextGaussian(), rnd.nextGaussian()});
            labels.add(null);
        }
        return new Projection(method, pts.toArray(double[][]::new), Map.of());
    }

    private static int countColour(BufferedImage img, Color c) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                Color p = new Color(img.getRGB(x, y));
                // markers are drawn with alpha over white: accept the blended colour too
                if (Math.abs(p.getRed() - c.getRed()) < 40 && Math.abs(p.getGreen() - c.getGreen()) < 40
                        && Math.abs(p.getBlue() - c.getBlue()) < 40) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void pngDecodesWithTheRequestedSizeAndEveryClassColour() throws Exception {
        List<BiRadsDensity> labels = new ArrayList<>();
        Projection p = blobs("pca", 50, labels);
        Path f = dir.resolve("preview/pca_2d.png");
        ScatterPlot.builder().width(640).height(480).build().write(f, p, labels);
        BufferedImage img = ImageIO.read(f.toFile());
        assertEquals(640, img.getWidth());
        assertEquals(480, img.getHeight());
        for (Color c : ScatterPlot.PALETTE) {
            assertTrue(countColour(img, c) > 20, "colour " + c + " must appear (points or legend)");
        }
    }

    @Test
    void sideBySideHasOnePanelPerProjection() throws Exception {
        List<BiRadsDensity> labels = new ArrayList<>();
        Projection pca = blobs("pca", 20, labels);
        Projection tsne = new Projection("tsne", pca.coordinates(), Map.of());
        Path f = dir.resolve("embeddings_pca_tsne.png");
        ScatterPlot.builder().width(500).height(400).build().writeSideBySide(f, List.of(pca, tsne), labels);
        BufferedImage img = ImageIO.read(f.toFile());
        assertEquals(1000, img.getWidth());
        assertEquals(400, img.getHeight());
        BufferedImage left = img.getSubimage(0, 0, 500, 400);
        BufferedImage right = img.getSubimage(500, 0, 500, 400);
        assertTrue(countColour(left, ScatterPlot.PALETTE[3]) > 20);
        assertTrue(countColour(right, ScatterPlot.PALETTE[3]) > 20);
    }

    @Test
    void nonFiniteCoordinatesAndEmptyProjectionsStillGiveAReadableChart() throws Exception {
        List<BiRadsDensity> labels = new ArrayList<>();
        Projection p = blobs("tsne", 10, labels);
        double[][] xy = p.coordinates();
        xy[0] = new double[] {Double.NaN, 1};
        xy[1] = new double[] {Double.POSITIVE_INFINITY, 1};
        Path f = dir.resolve("tsne_2d.png");
        ScatterPlot.builder().width(400).height(300).build().write(f, new Projection("tsne", xy, Map.of()), labels);
        BufferedImage img = ImageIO.read(f.toFile());
        assertTrue(countColour(img, ScatterPlot.PALETTE[2]) > 20, "the finite points are drawn");
        Path empty = dir.resolve("empty.png");
        ScatterPlot.builder().width(400).height(300).build().write(empty,
                new Projection("pca", new double[0][], Map.of()), List.of());
        assertEquals(400, ImageIO.read(empty.toFile()).getWidth());
    }

    @Test
    void mismatchedLabelsAreRefusedAndNothingIsWritten() {
        Projection p = new Projection("umap", new double[][] {{1, 2}, {3, 4}}, Map.of());
        Path f = dir.resolve("umap_2d.png");
        ScatterPlot plot = ScatterPlot.builder().build();
        assertThrows(IllegalArgumentException.class, () -> plot.write(f, p, List.of(BiRadsDensity.A)));
        assertFalse(Files.exists(f));
        assertEquals("width must be in [200, 8000], got 10",
                assertThrows(IllegalArgumentException.class, () -> ScatterPlot.builder().width(10)).getMessage());
    }
}
