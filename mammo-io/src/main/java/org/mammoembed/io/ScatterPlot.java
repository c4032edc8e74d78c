package org.mammoembed.io;

import org.mammoembed.io.internal.AtomicOutput;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.mammoembed.core.BiRadsDensity;
import org.mammoembed.core.EmbeddedImage;
import org.mammoembed.core.Projection;

/**
 * Renders 2-D projections as PNG scatter plots (JFreeChart, headless), one point per embedding coloured by
 * BI-RADS density with the colour-blind-safe Okabe-Ito palette and a distinct marker per class: A blue
 * circle, B green square, C orange triangle, D vermillion diamond, unlabelled grey circle. Each chart has a
 * title, axis labels ({@code <METHOD> 1}, {@code <METHOD> 2}) and a legend with per-class counts. Files are
 * written atomically. Immutable.
 */
public final class ScatterPlot {
    static {
        // charts are drawn off-screen; never try to open a display
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** Okabe-Ito colours for A, B, C, D, then unlabelled. */
    static final Color[] PALETTE = {new Color(0x0072B2), new Color(0x009E73), new Color(0xE69F00),
            new Color(0xD55E00), new Color(0x999999)};
    private static final String[] CLASS_NAMES = {"A (fatty)", "B (scattered)", "C (heterogeneous)",
            "D (extremely dense)", "unlabelled"};

    private final int width;
    private final int height;
    private final double pointSize;

    private ScatterPlot(Builder b) {
        this.width = b.width;
        this.height = b.height;
        this.pointSize = b.pointSize;
    }

    /** A builder with the defaults (900 x 750 pixels per chart, 7-pixel markers). */
    public static Builder builder() {
        return new Builder();
    }

    /** The density of each row, {@code null} where unlabelled, in row order. */
    public static List<BiRadsDensity> labelsOf(List<EmbeddedImage> rows) {
        List<BiRadsDensity> labels = new ArrayList<>(rows.size());
        for (EmbeddedImage r : rows) {
            labels.add(r.record().density());
        }
        return labels;
    }

    /**
     * Writes one chart of the first two coordinates of {@code projection}.
     *
     * @param labels one per projection row ({@code null} entries = unlabelled)
     */
    public void write(Path target, Projection projection, List<BiRadsDensity> labels) throws IOException {
        writePng(target, render(projection, labels));
    }

    /** Writes several charts side by side in one PNG (e.g. PCA and t-SNE), each {@code width x height}. */
    public void writeSideBySide(Path target, List<Projection> projections, List<BiRadsDensity> labels)
            throws IOException {
        if (projections.isEmpty()) {
            throw new IllegalArgumentException("projections must not be empty");
        }
        BufferedImage all = new BufferedImage(width * projections.size(), height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = all.createGraphics();
        try {
            for (int i = 0; i < projections.size(); i++) {
                g.drawImage(render(projections.get(i), labels), i * width, 0, null);
            }
        } finally {
            g.dispose();
        }
        writePng(target, all);
    }

    /** Draws one chart. */
    BufferedImage render(Projection projection, List<BiRadsDensity> labels) {
        Objects.requireNonNull(projection, "projection");
        if (labels.size() != projection.rows()) {
            throw new IllegalArgumentException("projection '" + projection.method() + "' has " + projection.rows()
                    + " rows but " + labels.size() + " labels were given");
        }
        if (projection.rows() > 0 && projection.dimensions() < 2) {
            throw new IllegalArgumentException("projection '" + projection.method() + "' has "
                    + projection.dimensions() + " dimension(s); a scatter plot needs 2");
        }
        XYSeries[] series = new XYSeries[PALETTE.length];
        int[] counts = new int[PALETTE.length];
        for (int i = 0; i < projection.rows(); i++) {
            counts[classIndex(labels.get(i))]++;
        }
        for (int c = 0; c < series.length; c++) {
            series[c] = new XYSeries(CLASS_NAMES[c] + "  n=" + counts[c], false, true);
        }
        double[][] xy = projection.coordinates();
        int hidden = 0;
        for (int i = 0; i < xy.length; i++) {
            // a degenerate projection can hold NaN or infinities; they would wreck the axis ranges
            if (Double.isFinite(xy[i][0]) && Double.isFinite(xy[i][1])) {
                series[classIndex(labels.get(i))].add(xy[i][0], xy[i][1], false);
            } else {
                hidden++;
            }
        }
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
        int k = 0;
        for (int c = 0; c < series.length; c++) {
            if (counts[c] == 0) {
                continue;
            }
            data.addSeries(series[c]);
            Color base = PALETTE[c];
            renderer.setSeriesPaint(k, new Color(base.getRed(), base.getGreen(), base.getBlue(), 190));
            renderer.setSeriesShape(k, marker(c, pointSize));
            k++;
        }
        String method = displayName(projection.method());
        NumberAxis x = new NumberAxis(method + " 1");
        NumberAxis y = new NumberAxis(method + " 2");
        x.setAutoRangeIncludesZero(false);
        y.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xDDDDDD));
        plot.setRangeGridlinePaint(new Color(0xDDDDDD));
        plot.setOutlinePaint(Color.GRAY);
        plot.setOutlineStroke(new BasicStroke(1f));
        JFreeChart chart = new JFreeChart(method + " of embeddings (" + projection.rows() + " images)",
                new Font(Font.SANS_SERIF, Font.BOLD, 18), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.getRenderingHints().put(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        String subtitle = "coloured by BI-RADS density"
                + (hidden > 0 ? "; " + hidden + " point(s) with non-finite coordinates not shown" : "");
        chart.addSubtitle(new TextTitle(subtitle, new Font(Font.SANS_SERIF, Font.PLAIN, 12)));
        chart.getLegend().setItemFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        return chart.createBufferedImage(width, height, BufferedImage.TYPE_INT_RGB, null);
    }

    /** "t-SNE" for tsne, upper case for the others (PCA, UMAP). */
    static String displayName(String method) {
        return method.equalsIgnoreCase("tsne") ? "t-SNE" : method.toUpperCase(Locale.ROOT);
    }

    private static int classIndex(BiRadsDensity d) {
        return d == null ? PALETTE.length - 1 : d.code() - 1;
    }

    private static Shape marker(int cls, double size) {
        double h = size / 2;
        switch (cls) {
            case 1:
                return new Rectangle2D.Double(-h, -h, size, size);
            case 2: {
                Path2D.Double t = new Path2D.Double();
                t.moveTo(0, -h * 1.2);
                t.lineTo(h * 1.1, h);
                t.lineTo(-h * 1.1, h);
                t.closePath();
                return t;
            }
            case 3: {
                Path2D.Double d = new Path2D.Double();
                d.moveTo(0, -h * 1.3);
                d.lineTo(h * 1.3, 0);
                d.lineTo(0, h * 1.3);
                d.lineTo(-h * 1.3, 0);
                d.closePath();
                return d;
            }
            default:
                return new Ellipse2D.Double(-h, -h, size, size);
        }
    }

    private static void writePng(Path target, BufferedImage image) throws IOException {
        AtomicOutput.write(target, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer available in this Java runtime");
            }
        });
    }

    /** Options of a {@link ScatterPlot}. */
    public static final class Builder {
        private int width = 900;
        private int height = 750;
        private double pointSize = 7;

        private Builder() {
        }

        /** Width of one chart in pixels, 200-8000. Default 900. */
        public Builder width(int width) {
            if (width < 200 || width > 8000) {
                throw new IllegalArgumentException("width must be in [200, 8000], got " + width);
            }
            this.width = width;
            return this;
        }

        /** Height in pixels, 200-8000. Default 750. */
        public Builder height(int height) {
            if (height < 200 || height > 8000) {
                throw new IllegalArgumentException("height must be in [200, 8000], got " + height);
            }
            this.height = height;
            return this;
        }

        /** Marker size in pixels, (0, 50]. Default 7. */
        public Builder pointSize(double pointSize) {
            if (!(pointSize > 0 && pointSize <= 50)) {
                throw new IllegalArgumentException("pointSize must be in (0, 50], got " + pointSize);
            }
            this.pointSize = pointSize;
            return this;
        }

        /** An immutable plotter with these options. */
        public ScatterPlot build() {
            return new ScatterPlot(this);
        }
    }
}
