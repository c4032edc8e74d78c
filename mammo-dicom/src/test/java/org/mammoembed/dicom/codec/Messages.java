package org.mammoembed.dicom.codec;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Assertions on error messages. */
final class Messages {
    private Messages() {
    }

    /** Asserts that {@code message} contains every one of {@code parts}. */
    static void assertMentions(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message != null && message.contains(part),
                    () -> "expected the message to mention '" + part + "': " + message);
        }
    }
}
