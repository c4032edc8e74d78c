package org.mammoembed.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import org.junit.jupiter.api.Test;

/**
 * Without a working CUDA provider (the CPU jar, or no GPU), {@code cuda} fails at build with ONNX Runtime's
 * reason and the fix, and {@code auto} runs on the CPU and says so. Skipped where CUDA really works.
 */
class DeviceSelectionTest {

    private static EmbeddingExtractorBuilder tiny() {
        return EmbeddingExtractor.builder().model(TestImages.model("tiny_backbone.onnx"))
                .preprocessing(NearestPreprocessor.tiny());
    }

    private static void assumeNoCuda() {
        boolean compiledIn = OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA);
        boolean works = false;
        if (compiledIn) {
            try (EmbeddingExtractor ex = tiny().device(Device.auto()).build()) {
                works = ex.executionProvider().equals(OrtProvider.CUDA.getName());
            } catch (ModelException e) {
                works = false;
            }
        }
        assumeFalse(works, "CUDA works on this machine: the fallback paths cannot be tested here");
    }

    @Test
    void cudaFailsAtBuildWithReasonAndFix() {
        assumeNoCuda();
        ModelException e = assertThrows(ModelException.class, () -> tiny().device(Device.cuda(0)).build().close());
        String m = e.getMessage();
        assertTrue(m.startsWith("cannot use CUDA device 0: "), m);
        assertTrue(m.contains("OrtException"), "carries ONNX Runtime's reason: " + m);
        assertTrue(m.contains("CUDA 12") && m.contains("cuDNN 9") && m.contains("-Pcuda"), m);
        assertTrue(e.getCause() != null, "the ORT exception is the cause");
    }

    @Test
    void autoFallsBackToCpu() throws Exception {
        assumeNoCuda();
        try (EmbeddingExtractor ex = tiny().device(Device.auto()).build();
             EmbeddingExtractor cpu = tiny().device(Device.cpu()).build()) {
            assertEquals("CPUExecutionProvider", ex.executionProvider());
            assertEquals(Device.auto(), ex.device());
            float[] a = ex.embed(SyntheticReader.imageFor(5));
            float[] b = cpu.embed(SyntheticReader.imageFor(5));
            assertTrue(java.util.Arrays.equals(a, b), "auto on CPU computes what cpu computes");
        }
    }

    @Test
    void badModelOnCudaIsReportedAsABadModelNotAsCuda() {
        ModelException e = assertThrows(ModelException.class, () -> EmbeddingExtractor.builder()
                .model("garbage".getBytes()).device(Device.auto()).build().close());
        assertTrue(e.getMessage().startsWith("cannot load the model"), e.getMessage());
    }
}
