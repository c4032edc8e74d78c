package org.mammoembed.embed;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtLoggingLevel;
import org.junit.jupiter.api.Test;

/**
 * ONNX Runtime requires a session's {@code SessionOptions} to stay open until the session closes: the factory
 * hands both over together and closing the pair closes both.
 */
class SessionOptionsLifetimeTest {

    @Test
    void optionsStayOpenWhileTheSessionLivesAndCloseWithIt() throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL);
        SessionFactory.Placed placed = new SessionFactory(env,
                ModelSource.of(TestImages.model("tiny_backbone.onnx")), 1).create(Device.cpu());
        try {
            assertEquals("CPUExecutionProvider", placed.provider());
            // a closed SessionOptions refuses every call with IllegalStateException
            assertDoesNotThrow(() -> placed.options().getConfigEntries());
            assertDoesNotThrow(() -> placed.options().setSessionLogVerbosityLevel(0));
        } finally {
            placed.close();
        }
        assertThrows(IllegalStateException.class, () -> placed.options().setSessionLogVerbosityLevel(0));
        assertThrows(IllegalStateException.class, () -> placed.session().getInputNames());
    }
}
