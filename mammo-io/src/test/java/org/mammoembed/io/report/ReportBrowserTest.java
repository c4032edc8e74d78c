package org.mammoembed.io.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mammoembed.io.NpyReader;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The report in a real browser: headless Chromium opening report.html from file://. */
class ReportBrowserTest {
    static final Path ARTEFACTS = Path.of("target", "report-artefacts");
    static final int N = 120;

    @TempDir
    static Path out;
    static HeadlessChromium browser;
    static SyntheticStudy study;
    static List<String> requestsAtLoad;

    @BeforeAll
    static void writeReportAndOpenIt() throws Exception {
        study = new SyntheticStudy(N, 48, 11);
        study.writeRunFolder(out);
        study.writeThumbnails(ReportThumbnails.in(out), 5);
        StudyReport.fromRunFolder(out).kmeans(kmeansLike(N)).build().write(out);
        browser = HeadlessChromium.start(1400, 900);
        browser.requests(); // drop the start page's requests: only the report's count
        browser.driver.get(out.resolve(StudyReport.HTML).toUri().toString());
        awaitRendered();
        requestsAtLoad = browser.requests();
    }

    @AfterAll
    static void closeBrowser() throws Exception {
        if (browser != null) {
            browser.close();
        }
    }

    static int[] kmeansLike(int n) {
        int[] k = new int[n];
        for (int i = 0; i < n; i++) {
            k[i] = (i / 4) % 3;
        }
        return k;
    }

    static void awaitRendered() {
        new WebDriverWait(browser.driver, Duration.ofSeconds(20)).until(d -> d.findElement(By.tagName("body"))
                .getDomAttribute("data-rendered-points") != null);
    }

    static String body(String attribute) {
        return browser.driver.findElement(By.tagName("body")).getDomAttribute(attribute);
    }

    @Test
    void loadsFromFileWithoutConsoleErrorsOrNetwork() throws Exception {
        assertEquals(List.of(), browser.consoleErrors());
        @SuppressWarnings("unchecked")
        List<String> resources = (List<String>) browser.driver.executeScript(
                "return performance.getEntriesByType('resource').map(function (e) { return e.name; });");
        for (String r : resources) {
            assertTrue(r.startsWith("file:"), "resource from outside the file system: " + r);
        }
        // Chromium keeps no resource timing for file: URLs, so DevTools' network log is the real check
        List<String> requests = requestsAtLoad;
        assertTrue(requests.stream().anyMatch(u -> u.endsWith("report/echarts.min.js")), "requests: " + requests);
        assertTrue(requests.stream().anyMatch(u -> u.endsWith("report/data.js")), "requests: " + requests);
        for (String r : requests) {
            // chrome: URLs are the browser's own built-in resources (its start page), never fetched from a network
            assertTrue(r.startsWith("file:") || r.startsWith("chrome:") || r.startsWith("data:"),
                    "request left the machine: " + r);
        }
        assertTrue(requests.stream().filter(u -> u.contains("/report/")).allMatch(u -> u.startsWith("file:")));
        Files.createDirectories(ARTEFACTS);
        Path shot = browser.driver.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, ARTEFACTS.resolve("report-synthetic.png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void drawsOnePointPerFeatureRow() throws Exception {
        long rows = NpyReader.read(out.resolve("features.npy")).shape()[0];
        assertEquals(Long.toString(rows), body("data-rendered-points"));
        assertEquals("pca", body("data-projection"));
    }

    @Test
    void switchingLayoutsChangesTheProjectionShown() {
        for (String layout : List.of("tsne", "umap", "pca")) {
            browser.driver.findElement(By.cssSelector("#layouts button[data-layout='" + layout + "']")).click();
            new WebDriverWait(browser.driver, Duration.ofSeconds(10)).until(d -> layout.equals(body("data-projection")));
            assertEquals(Integer.toString(N), body("data-rendered-points"));
        }
    }

    @Test
    void legendTogglesAClass() {
        String before = body("data-rendered-points");
        // ECharts' legend is drawn on the canvas: toggle the first class through ECharts' own action
        browser.driver.executeScript("echarts.getInstanceByDom(document.getElementById('chart'))"
                + ".dispatchAction({type: 'legendToggleSelect', name: 'A (fatty)'});");
        new WebDriverWait(browser.driver, Duration.ofSeconds(10))
                .until(d -> !before.equals(body("data-rendered-points")));
        int shown = Integer.parseInt(body("data-rendered-points"));
        long classA = study.images.stream().filter(i -> i.record().biRads() == 1).count();
        assertEquals(N - classA, shown);
        browser.driver.executeScript("echarts.getInstanceByDom(document.getElementById('chart'))"
                + ".dispatchAction({type: 'legendToggleSelect', name: 'A (fatty)'});");
        new WebDriverWait(browser.driver, Duration.ofSeconds(10)).until(d -> before.equals(body("data-rendered-points")));
    }

    @Test
    void hoveringAPointShowsItsAccession() {
        int i = isolatedPoint();
        hover(i);
        String accession = study.images.get(i).record().accessionNumber();
        new WebDriverWait(browser.driver, Duration.ofSeconds(10)).until(d -> {
            List<WebElement> tips = d.findElements(By.cssSelector(".mr-tooltip"));
            return tips.stream().anyMatch(t -> t.isDisplayed() && t.getText().contains(accession));
        });
        String tip = browser.driver.findElement(By.cssSelector(".mr-tooltip")).getText();
        assertTrue(tip.contains(study.images.get(i).record().relativePath()), tip);
    }

    @Test
    void clickingShowsTheThumbnailAndFiveSortedNeighbours() throws Exception {
        int i = isolatedPoint();
        Map<String, Long> at = pixel(i);
        new Actions(browser.driver).moveToElement(chart(), 0, 0)
                .moveByOffset((int) (at.get("x") - chartWidth() / 2), (int) (at.get("y") - chartHeight() / 2))
                .click().perform();
        new WebDriverWait(browser.driver, Duration.ofSeconds(10))
                .until(d -> String.valueOf(i).equals(d.findElement(By.id("selection")).getDomAttribute("data-index")));
        WebElement selection = browser.driver.findElement(By.id("selection"));
        assertEquals(study.images.get(i).record().accessionNumber(),
                selection.findElement(By.cssSelector("h3.accession")).getText());
        WebElement img = selection.findElement(By.cssSelector("img.thumb"));
        new WebDriverWait(browser.driver, Duration.ofSeconds(10)).until(d -> ((Number) browser.driver.executeScript(
                "return arguments[0].complete ? arguments[0].naturalWidth : 0;", img)).intValue() > 0);
        assertEquals(ReportThumbnails.DEFAULT_SIZE, ((Number) browser.driver.executeScript(
                "return arguments[0].naturalWidth;", img)).intValue());
        List<WebElement> neighbours = selection.findElements(By.cssSelector("#neighbours li.neighbour"));
        assertEquals(5, neighbours.size());
        double previous = Double.POSITIVE_INFINITY;
        for (WebElement n : neighbours) {
            double sim = Double.parseDouble(n.getDomAttribute("data-similarity"));
            assertTrue(sim <= previous, "similarities not sorted: " + sim + " after " + previous);
            previous = sim;
            assertNotEquals(String.valueOf(i), n.getDomAttribute("data-index"));
            assertFalse(n.findElements(By.cssSelector("img.thumb")).isEmpty(), "neighbour without thumbnail");
        }
        // the neighbours are those of the full feature space, as the Java side computed them
        CosineNeighbours.Result nn = CosineNeighbours.of(study.features, study.n, study.d, 5);
        for (int r = 0; r < 5; r++) {
            assertEquals(String.valueOf(nn.index(i, r)), neighbours.get(r).getDomAttribute("data-index"));
        }
        assertEquals(List.of(), browser.consoleErrors());
        Files.createDirectories(ARTEFACTS);
        Files.copy(browser.driver.getScreenshotAs(OutputType.FILE).toPath(),
                ARTEFACTS.resolve("report-synthetic-selected.png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void colouringByEachOptionRedraws() {
        List<WebElement> options = browser.driver.findElements(By.cssSelector("#colour-by option"));
        List<String> keys = options.stream().map(o -> o.getDomAttribute("value")).toList();
        assertEquals(List.of("density", "split", "view", "laterality", "kmeans", "failed"), keys);
        for (String key : keys) {
            browser.driver.executeScript("var s = document.getElementById('colour-by'); s.value = arguments[0];"
                    + "s.dispatchEvent(new Event('change'));", key);
            new WebDriverWait(browser.driver, Duration.ofSeconds(10)).until(d -> key.equals(body("data-colour")));
            assertEquals(Integer.toString(N), body("data-rendered-points"));
        }
        browser.driver.executeScript("var s = document.getElementById('colour-by'); s.value = 'density';"
                + "s.dispatchEvent(new Event('change'));");
    }

    // ---- pointing at points ----

    private static WebElement chart() {
        return browser.driver.findElement(By.id("chart"));
    }

    private static long chartWidth() {
        return chart().getRect().getWidth();
    }

    private static long chartHeight() {
        return chart().getRect().getHeight();
    }

    /** The point's pixel in the chart, from ECharts' own coordinate conversion. */
    @SuppressWarnings("unchecked")
    private static Map<String, Long> pixel(int i) {
        return (Map<String, Long>) browser.driver.executeScript(
                "var c = echarts.getInstanceByDom(document.getElementById('chart'));"
                        + "var L = MAMMO_REPORT.layouts[document.body.dataset.projection];"
                        + "var p = c.convertToPixel({gridIndex: 0}, [L.x[arguments[0]], L.y[arguments[0]]]);"
                        + "return {x: Math.round(p[0]), y: Math.round(p[1])};", i);
    }

    /** The point farthest (in pixels) from any other, so the pointer can only hit it. */
    private static int isolatedPoint() {
        return ((Number) browser.driver.executeScript(
                "var c = echarts.getInstanceByDom(document.getElementById('chart'));"
                        + "var L = MAMMO_REPORT.layouts[document.body.dataset.projection];"
                        + "var w = c.getWidth(), h = c.getHeight();"
                        + "var px = L.x.map(function (x, i) { return c.convertToPixel({gridIndex: 0}, [x, L.y[i]]); });"
                        + "var best = -1, bestD = -1;"
                        + "px.forEach(function (p, i) {"
                        + "  if (p[0] < 80 || p[1] < 80 || p[0] > w - 80 || p[1] > h - 80) { return; }"
                        + "  var m = Infinity; px.forEach(function (q, j) { if (j !== i) {"
                        + "    m = Math.min(m, Math.hypot(p[0] - q[0], p[1] - q[1])); } });"
                        + "  if (m > bestD) { bestD = m; best = i; } });"
                        + "return best;")).intValue();
    }

    private static void hover(int i) {
        Map<String, Long> at = pixel(i);
        new Actions(browser.driver).moveToElement(chart(), 0, 0)
                .moveByOffset((int) (at.get("x") - chartWidth() / 2), (int) (at.get("y") - chartHeight() / 2))
                .pause(Duration.ofMillis(200)).moveByOffset(1, 0).moveByOffset(-1, 0).perform();
    }
}
