package org.mammoembed.io.report;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's Chromium and ChromeDriver (packages {@code chromium}, {@code chromium-driver}; {@code .ci/run}
 * installs them), driven by Selenium with both paths set explicitly, so Selenium Manager never downloads
 * anything. A fresh profile folder per browser, every background network feature off.
 */
final class HeadlessChromium implements AutoCloseable {
    static final Path CHROMIUM = Path.of(System.getProperty("mammo.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("mammo.chromedriver", "/usr/bin/chromedriver"));

    final ChromeDriver driver;
    private final Path profile;

    private HeadlessChromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** A browser, or the test is reported skipped when Chromium or ChromeDriver is not installed. */
    static HeadlessChromium start(int width, int height) throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Chromium and ChromeDriver not installed (apt-get install chromium chromium-driver)");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        Path profile = Files.createTempDirectory("report-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile, "--window-size=" + width + "," + height);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return new HeadlessChromium(driver, profile);
    }

    /** Console messages at level SEVERE (errors, failed loads) since the last call. */
    List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList();
    }

    /** URLs of every request the page made since the last call (DevTools' Network.requestWillBeSent events). */
    List<String> requests() {
        List<String> urls = new java.util.ArrayList<>();
        for (LogEntry e : driver.manage().logs().get(LogType.PERFORMANCE).getAll()) {
            java.util.Map<String, Object> message = new org.openqa.selenium.json.Json().toType(e.getMessage(),
                    java.util.Map.class);
            @SuppressWarnings("unchecked")
            java.util.Map<String, Object> inner = (java.util.Map<String, Object>) message.get("message");
            if ("Network.requestWillBeSent".equals(inner.get("method"))) {
                @SuppressWarnings("unchecked")
                java.util.Map<String, Object> params = (java.util.Map<String, Object>) inner.get("params");
                @SuppressWarnings("unchecked")
                java.util.Map<String, Object> request = (java.util.Map<String, Object>) params.get("request");
                urls.add(String.valueOf(request.get("url")));
            }
        }
        return urls;
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try (var walk = Files.walk(profile)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
