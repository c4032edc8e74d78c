package org.mammoembed.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Quick start is a program that compiles as written (imports included) and runs: this test takes the
 * first Java block of that section out of README.md, compiles it with javac against the test class path and runs
 * it on a generated study, without a model file (the built-in random network).
 */
class ReadmeQuickStartTest {
    @TempDir
    Path tmp;

    static String quickStart() throws Exception {
        Path readme = Path.of("").toAbsolutePath();
        while (readme != null && !Files.isRegularFile(readme.resolve("README.md"))) {
            readme = readme.getParent();
        }
        assertNotNull(readme, "README.md not found above " + Path.of("").toAbsolutePath());
        String text = Files.readString(readme.resolve("README.md"));
        int section = text.indexOf("## Quick start (library)");
        assertTrue(section >= 0, "README has no Quick start (library) section");
        Matcher m = Pattern.compile("```java\\R(.*?)```", Pattern.DOTALL).matcher(text);
        assertTrue(m.find(section), "no java block in the Quick start");
        int next = text.indexOf("\n## ", section + 1);
        assertTrue(next < 0 || m.start() < next, "the Quick start's java block is in another section");
        return m.group(1);
    }

    @Test
    void theQuickStartCompilesAsWrittenAndRunsOnAStudy() throws Exception {
        String source = quickStart();
        Matcher name = Pattern.compile("public class (\\w+)").matcher(source);
        assertTrue(name.find(), source);
        Path src = tmp.resolve("src").resolve(name.group(1) + ".java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, source, StandardCharsets.UTF_8);
        Path classes = Files.createDirectories(tmp.resolve("classes"));
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "tests run on a JDK");
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int status = javac.run(null, diagnostics, diagnostics, "--release", "17", "-Xlint:all,-path", "-Werror",
                "-cp", classPath, "-d", classes.toString(), src.toString());
        assertEquals(0, status, () -> "the README's Quick start does not compile:\n" + diagnostics);

        Path csv = CliFixture.study(tmp.resolve("data"), 1); // 4 exams, 16 images
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream console = System.out;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                getClass().getClassLoader());
             PrintStream capture = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            Method main = loader.loadClass(name.group(1)).getMethod("main", String[].class);
            System.setOut(capture);
            main.invoke(null, (Object) new String[] {csv.toString(), tmp.resolve("data/archive").toString()});
        } finally {
            System.setOut(console);
        }
        List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(List.of("16 images x 2048 features"), lines, "one row per image, no failures");
    }
}
