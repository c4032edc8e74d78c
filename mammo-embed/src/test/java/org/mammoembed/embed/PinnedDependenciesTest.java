package org.mammoembed.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The jars ND4J brings at versions with known CVEs are replaced by fixed ones (parent POM, mammo-embed's runtime
 * dependencies), and ND4J still works on them: its linear algebra, and its helpers built on commons-lang3 and
 * commons-io.
 */
class PinnedDependenciesTest {
    private static final Pattern VERSION = Pattern.compile("-(\\d+)\\.(\\d+)(?:\\.(\\d+))?\\.jar$");

    /** {major, minor, patch} of the jar a class was loaded from, by its file name. */
    private static int[] jarVersion(Class<?> c) throws Exception {
        Path jar = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        Matcher m = VERSION.matcher(jar.getFileName().toString());
        assertTrue(m.find(), jar.toString());
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
            m.group(3) == null ? 0 : Integer.parseInt(m.group(3))};
    }

    private static void assertAtLeast(Class<?> c, int... fixed) throws Exception {
        int[] v = jarVersion(c);
        int cmp = java.util.Arrays.compare(v, fixed);
        assertTrue(cmp >= 0, c.getName() + " comes from version " + java.util.Arrays.toString(v)
                + ", older than the fixed " + java.util.Arrays.toString(fixed));
    }

    @Test
    void theVulnerableVersionsAreReplaced() throws Exception {
        assertAtLeast(Class.forName("org.apache.commons.compress.archivers.ArchiveStreamFactory"), 1, 26, 0);
        assertAtLeast(Class.forName("org.apache.commons.io.IOUtils"), 2, 14, 0);
        assertAtLeast(Class.forName("org.apache.commons.lang3.ArrayUtils"), 3, 18, 0);
        assertAtLeast(Class.forName("org.apache.commons.net.ntp.NTPUDPClient"), 3, 9, 0);
        assertAtLeast(Class.forName("org.apache.commons.codec.digest.DigestUtils"), 1, 13, 0);
    }

    @Test
    void nd4jComputesOnThePinnedJars() throws Exception {
        INDArray a = Nd4j.create(new float[] {1, 2, 3, 4}, new long[] {2, 2}, 'c');
        assertArrayEquals(new float[] {7, 10, 15, 22}, a.mmul(a).data().asFloat(), 0f);
        assertArrayEquals(new float[] {1, 3, 2, 4}, a.transpose().dup('c').data().asFloat(), 0f);
        INDArray x = Nd4j.linspace(1, 12, 12, DataType.FLOAT).reshape(3, 4);
        assertEquals(78.0, x.sumNumber().doubleValue(), 1e-6);
        assertEquals(6.5, x.meanNumber().doubleValue(), 1e-6);
        assertArrayEquals(new float[] {2, 4}, Transforms.sqrt(Nd4j.create(new float[] {4, 16})).data().asFloat(),
                1e-6f);
        // nd4j-common's resource helpers run on commons-io
        Path tmp = Files.createTempFile("pinned", ".bin");
        try {
            Nd4j.saveBinary(x, tmp.toFile());
            assertEquals(x, Nd4j.readBinary(tmp.toFile()));
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
