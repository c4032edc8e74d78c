package org.mammoembed.io.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mammoembed.core.Projection;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The report of a 20,000-image study: under 100 MB on disk with a thumbnail per image, every point drawn
 * (ECharts' large mode), hover still naming points. The open time is printed as a figure, not asserted (the
 * machine is shared). Features are 64-D here: the neighbour search's cost is not what this test measures.
 */
class ReportScaleTest {
    static final int N = 20_000;
    static final long MAX_BYTES = 100L * 1024 * 1024;

    @TempDir
    Path out;

    @Test
    void twentyThousandImagesStayUnder100MbAndInteractive() throws Exception {
        SyntheticStudy study = new SyntheticStudy(N, 64, 3);
        study.writeRunFolder(out);
        ReportThumbnails thumbnails = ReportThumbnails.in(out);
        Random rnd = new Random(9);
        float[] input = new float[224 * 224];
        for (var image : study.images) {
            SyntheticStudy.fillGrey(input, image.index(), rnd);
            thumbnails.write(image.record().relativePath(), input, 1, 224, 224);
        }
        long t0 = System.nanoTime();
        StudyReport.fromRunFolder(out).build().write(out);
        double writeSeconds = (System.nanoTime() - t0) / 1e9;

        Path assets = StudyReport.assetsFolder(out);
        long thumbs = bytes(assets.resolve(ReportThumbnails.FOLDER));
        long report = bytes(assets) + Files.size(out.resolve(StudyReport.HTML));
        long blocks = allocated(assets);
        long thumbCount;
        try (Stream<Path> s = Files.list(assets.resolve(ReportThumbnails.FOLDER))) {
            thumbCount = s.count();
        }
        assertEquals(N, thumbCount);
        System.out.printf(Locale.ROOT, "report of %d images: %.1f MB in files (thumbnails %.1f MB, %.0f bytes each;"
                        + " data.js %.1f MB), %.1f MB allocated on disk; written in %.1f s%n", N, report / 1e6,
                thumbs / 1e6, (double) thumbs / N, Files.size(assets.resolve("data.js")) / 1e6, blocks / 1e6,
                writeSeconds);
        assertTrue(report < MAX_BYTES, "report takes " + report + " bytes");

        try (HeadlessChromium browser = HeadlessChromium.start(1400, 900)) {
            long t1 = System.nanoTime();
            browser.driver.get(out.resolve(StudyReport.HTML).toUri().toString());
            new WebDriverWait(browser.driver, Duration.ofSeconds(60)).until(d -> d.findElement(By.tagName("body"))
                    .getDomAttribute("data-rendered-points") != null);
            double openSeconds = (System.nanoTime() - t1) / 1e9;
            WebElement body = browser.driver.findElement(By.tagName("body"));
            System.out.printf(Locale.ROOT, "report of %d images opened in headless Chromium: first render %s ms "
                    + "after navigation start (page clock), %.2f s as seen by the test%n", N,
                    body.getDomAttribute("data-first-render-ms"), openSeconds);
            assertEquals(Integer.toString(N), body.getDomAttribute("data-rendered-points"));
            assertEquals(List.of(), browser.consoleErrors());

            int i = isolated(study.projection("pca", 1));
            @SuppressWarnings("unchecked")
            List<Number> at = (List<Number>) browser.driver.executeScript(
                    "var c = echarts.getInstanceByDom(document.getElementById('chart'));"
                            + "var L = MAMMO_REPORT.layouts.pca;"
                            + "return c.convertToPixel({gridIndex: 0}, [L.x[arguments[0]], L.y[arguments[0]]]);", i);
            WebElement chart = browser.driver.findElement(By.id("chart"));
            new Actions(browser.driver).moveToElement(chart, 0, 0)
                    .moveByOffset(at.get(0).intValue() - chart.getRect().getWidth() / 2,
                            at.get(1).intValue() - chart.getRect().getHeight() / 2)
                    .pause(Duration.ofMillis(200)).moveByOffset(1, 0).perform();
            String accession = study.images.get(i).record().accessionNumber();
            new WebDriverWait(browser.driver, Duration.ofSeconds(10)).until(d -> d.findElements(
                    By.cssSelector(".mr-tooltip")).stream().anyMatch(t -> t.getText().contains(accession)));
            Files.createDirectories(ReportBrowserTest.ARTEFACTS);
            Files.copy(browser.driver.getScreenshotAs(OutputType.FILE).toPath(),
                    ReportBrowserTest.ARTEFACTS.resolve("report-20000.png"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The point whose nearest other point is farthest away, in coordinates scaled to the layout's extent. */
    static int isolated(Projection p) {
        double[][] xy = p.coordinates();
        double[] lo = {Double.MAX_VALUE, Double.MAX_VALUE};
        double[] hi = {-Double.MAX_VALUE, -Double.MAX_VALUE};
        for (double[] r : xy) {
            for (int k = 0; k < 2; k++) {
                lo[k] = Math.min(lo[k], r[k]);
                hi[k] = Math.max(hi[k], r[k]);
            }
        }
        int best = 0;
        double bestD = -1;
        for (int i = 0; i < xy.length; i++) {
            double m = Double.MAX_VALUE;
            for (int j = 0; j < xy.length && m > bestD; j++) {
                if (j != i) {
                    double dx = (xy[i][0] - xy[j][0]) / (hi[0] - lo[0]);
                    double dy = (xy[i][1] - xy[j][1]) / (hi[1] - lo[1]);
                    m = Math.min(m, dx * dx + dy * dy);
                }
            }
            if (m > bestD) {
                bestD = m;
                best = i;
            }
        }
        return best;
    }

    static long bytes(Path folder) throws Exception {
        try (Stream<Path> s = Files.walk(folder)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    /** Bytes allocated, rounded up to 4 KiB blocks per file (what du would show on ext4). */
    static long allocated(Path folder) throws Exception {
        try (Stream<Path> s = Files.walk(folder)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> (p.toFile().length() + 4095) / 4096 * 4096).sum();
        }
    }
}
