package org.mammoembed.core.internal;

/**
 * Text from an input (a CSV cell, a folder name, a header value) made safe to put into a message, a log line or
 * a report cell: control characters and anything outside printable ASCII are escaped ({@code \n},
 * {@code \u0000}), and long text is cut to a bound with its full length named, so that a hostile input can neither
 * forge lines nor make one message megabytes long.
 */
public final class MessageText {
    /** The usual bound for one input value inside a message. */
    public static final int DEFAULT_MAX = 80;

    private MessageText() {
    }

    /** {@link #bounded(String, int)} with {@link #DEFAULT_MAX}. */
    public static String bounded(String text) {
        return bounded(text, DEFAULT_MAX);
    }

    /**
     * {@code text} escaped, at most {@code max} characters of it kept; when cut, followed by
     * {@code "... (N characters)"}. Null gives "null".
     */
    public static String bounded(String text, int max) {
        if (text == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder(Math.min(text.length(), max) + 24);
        int kept = 0;
        for (int i = 0; i < text.length() && kept < max; i++, kept++) {
            char c = text.charAt(i);
            if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (c < 0x20 || c >= 0x7F && c < 0xA0 || Character.isSurrogate(c) || c == 0xFEFF
                    || Character.getType(c) == Character.FORMAT) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (kept < text.length()) {
            sb.append("... (").append(text.length()).append(" characters)");
        }
        return sb.toString();
    }
}
