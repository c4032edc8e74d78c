package org.mammoembed.core;

/**
 * The one checked error type of mammo-embed. Every failure that belongs to an input (a file, a CSV row,
 * an image) is reported with one of these, carrying the {@link Stage} where it happened, so that a run can
 * record it and go on. Programming errors stay unchecked.
 */
public class MammoException extends Exception {
    private static final long serialVersionUID = 1L;
    private final Stage stage;

    public MammoException(Stage stage, String message) {
        super(message);
        this.stage = java.util.Objects.requireNonNull(stage, "stage");
    }

    public MammoException(Stage stage, String message, Throwable cause) {
        super(message, cause);
        this.stage = java.util.Objects.requireNonNull(stage, "stage");
    }

    /** Where in the pipeline the failure happened. */
    public Stage stage() {
        return stage;
    }
}
