package org.mammoembed.embed;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file-size limit that stops ONNX Runtime unpacking its native library is reported as such, not as "no
 * onnxruntime in java.library.path". Runs a child JVM under {@code ulimit -f} (8 MB; the library is 22 MB), with
 * {@link OrtNativeCache}'s folder under the same limit: the cache cannot be made either, and ORT's own unpacking is
 * what fails.
 */
class OrtFileSizeLimitTest {
    @TempDir
    Path tmp;

    /** The child: builds an extractor and prints the failure's message. */
    public static void main(String[] args) throws Exception {
        try (EmbeddingExtractor ex = EmbeddingExtractor.builder().model(TestImages.model("tiny_backbone.onnx"))
                .build()) {
            System.out.println("STARTED " + ex.executionProvider());
        } catch (ModelException e) {
            System.out.println("MESSAGE " + e.getMessage());
        }
    }

    @Test
    void aFileSizeLimitIsNamedAsTheCause() throws Exception {
        String text = ChildJvm.output(new ProcessBuilder("bash", "-c", "ulimit -f 8192 && exec \"$0\" -Xmx256m"
                + " -Djava.io.tmpdir=\"$1\" -Dmammo.nativeCache=\"$1/cache\" -cp \"$2\" "
                + OrtFileSizeLimitTest.class.getName(), ChildJvm.java(), tmp.toString(), ChildJvm.classPath()));
        assertTrue(text.contains("MESSAGE ONNX Runtime could not unpack its native library (about 22 MB) into "
                + tmp + ": File too large (a file-size limit: see ulimit -f)"), text);
        assertFalse(text.contains("java.library.path"), text);
    }
}
