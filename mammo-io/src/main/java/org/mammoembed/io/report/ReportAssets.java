package org.mammoembed.io.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Properties;
import org.mammoembed.io.internal.AtomicOutput;

/**
 * The report's static files: ECharts' {@code echarts.min.js} with its licence and notice, read from the
 * {@code org.webjars.npm:echarts} WebJar on the class path (never kept in this repository), and the page's own
 * {@code report.html}, {@code report.js} and {@code report.css} from this package's resources.
 */
final class ReportAssets {
    static final String ECHARTS_POM = "META-INF/maven/org.webjars.npm/echarts/pom.properties";
    /** The page's own files, beside this class (found by Class.getResource on the class and the module path). */
    private static final String OWN = "/org/mammoembed/io/report/";

    private ReportAssets() {
    }

    static void copy(Path outputFolder, String title) throws IOException {
        Path assets = StudyReport.assetsFolder(outputFolder);
        String echarts = "META-INF/resources/webjars/echarts/" + echartsVersion() + "/";
        copyResource(echarts + "dist/echarts.min.js", assets.resolve("echarts.min.js"));
        copyResource(echarts + "LICENSE", assets.resolve("echarts-LICENSE.txt"));
        copyResource(echarts + "NOTICE", assets.resolve("echarts-NOTICE.txt"));
        copyResource(OWN + "report.js", assets.resolve("report.js"));
        copyResource(OWN + "report.css", assets.resolve("report.css"));
        String page = new String(read(OWN + "report.html"), StandardCharsets.UTF_8)
                .replace("{{title}}", escapeHtml(title));
        AtomicOutput.writeString(outputFolder.resolve(StudyReport.HTML), page);
    }

    /** The ECharts version on the class path, from its WebJar's Maven properties. */
    static String echartsVersion() throws IOException {
        Properties p = new Properties();
        try (InputStream in = open(ECHARTS_POM)) {
            p.load(in);
        }
        String v = p.getProperty("version");
        if (v == null || v.isBlank()) {
            throw new IOException(ECHARTS_POM + " names no version");
        }
        return v.trim();
    }

    private static void copyResource(String resource, Path target) throws IOException {
        byte[] bytes = read(resource);
        AtomicOutput.write(target, out -> out.write(bytes));
    }

    private static byte[] read(String resource) throws IOException {
        try (InputStream in = open(resource)) {
            return in.readAllBytes();
        }
    }

    private static InputStream open(String resource) throws IOException {
        // META-INF resources of other jars are never encapsulated; our own are looked up through this class
        InputStream in = resource.startsWith("/") ? ReportAssets.class.getResourceAsStream(resource)
                : ReportAssets.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IOException("class path resource " + resource + " not found: the report needs the "
                    + "org.webjars.npm:echarts WebJar and mammo-io's resources on the class path");
        }
        return in;
    }

    static String escapeHtml(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
