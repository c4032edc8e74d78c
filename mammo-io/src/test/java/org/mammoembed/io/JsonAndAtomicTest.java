package org.mammoembed.io;

import org.mammoembed.io.internal.AtomicOutput;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonAndAtomicTest {
    @TempDir
    Path dir;

    record Metric(String name, double value) {
    }

    @Test
    void jsonIsPrettyOrderedAndNanSafe() throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("silhouette", 0.25);
        m.put("metrics", List.of(new Metric("ari", Double.NaN)));
        Path f = dir.resolve("clustering_metrics.json");
        JsonOutput.write(f, m);
        String text = Files.readString(f);
        assertEquals("{\n  \"silhouette\" : 0.25,\n  \"metrics\" : [ {\n    \"name\" : \"ari\",\n"
                + "    \"value\" : \"NaN\"\n  } ]\n}\n", text);
        assertEquals(0.25, JsonOutput.readObject(f).get("silhouette"));
    }

    @Test
    void exceptionMidWriteLeavesNoFinalFileAndKeepsTheOldOne() throws Exception {
        Path f = dir.resolve("run.json");
        assertThrows(IOException.class, () -> AtomicOutput.write(f, out -> {
            out.write("{\"half\":".getBytes());
            throw new IOException("disk full");
        }));
        assertFalse(Files.exists(f));
        AtomicOutput.writeString(f, "old");
        assertThrows(IllegalStateException.class, () -> AtomicOutput.write(f, out -> {
            out.write("new but partial".getBytes());
            throw new IllegalStateException("bug");
        }));
        assertEquals("old", Files.readString(f));
        try (var s = Files.list(dir)) {
            assertEquals(List.of(f), s.toList(), "no temporary files left behind");
        }
    }

    @Test
    void commitTwiceIsAnError() throws Exception {
        try (AtomicOutput out = AtomicOutput.create(dir.resolve("sub/x.bin"))) {
            out.stream().write(1);
            out.commit();
            assertThrows(IllegalStateException.class, out::commit);
        }
        assertEquals(1, Files.readAllBytes(dir.resolve("sub/x.bin")).length);
    }
}
